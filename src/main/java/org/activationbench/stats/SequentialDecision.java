package org.activationbench.stats;

/**
 * Where the sequential comparison of one candidate stands after the looks its landed seeds allow.
 *
 * @param look          the look (1 = the first) at which it stopped, or the last look made while it is still open; 0 if none
 * @param seedsUsed     the seeds (from 0) the comparison used: the seeds of that look
 * @param pairs         the pairs among them with a value on both sides (a diverged trial has none at later checkpoints)
 * @param meanDifference mean paired difference at that look
 * @param low           the repeated confidence interval's lower end (simultaneous over looks and candidates); NaN if none
 * @param high          its upper end
 * @param nominalLevel  the level alpha / m of the boundary its interval crossed, for a decided comparison; NaN otherwise
 */
public record SequentialDecision(int look, int seedsUsed, int pairs, double meanDifference, double low, double high,
        double nominalLevel, Stop stop, Outcome outcome) {

    /** Why the comparison stopped. */
    public enum Stop {
        /** Its repeated confidence interval excluded 0: better or worse. */
        DECIDED("decided"),
        /** Its repeated confidence interval lay inside plus or minus the margin: equivalent. */
        EQUIVALENT("equivalent"),
        /** Its interval became narrower than the margin but reaches past one of its edges: undecided. */
        PRECISE("narrower than the margin"),
        /** The last look was reached. */
        MAX_SEEDS("max seeds"),
        /** Not stopped yet: the next round's seeds have not all landed. */
        OPEN("open");

        private final String text;

        Stop(String text) {
            this.text = text;
        }

        /** The reason as the report writes it. */
        public String text() {
            return text;
        }
    }

    /** What the comparison concludes about the sign of the mean difference. */
    public enum Outcome { GREATER, LESS, EQUIVALENT, UNDECIDED, OPEN }

    /** Whether the comparison waits for more seeds. */
    public boolean open() {
        return stop == Stop.OPEN;
    }
}

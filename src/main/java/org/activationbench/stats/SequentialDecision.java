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
 * @param nominalLevel  the smallest Holm level (alpha / r) at which its test has crossed a boundary so far; NaN if none
 */
public record SequentialDecision(int look, int seedsUsed, int pairs, double meanDifference, double low, double high,
        double nominalLevel, Stop stop, Outcome outcome) {

    /** Why the comparison stopped. */
    public enum Stop {
        /** Holm's procedure on the group-sequential tests rejected "no difference". */
        DECIDED("decided"),
        /** The interval's half-width fell below the target. */
        PRECISE("half-width below target"),
        /** The last look was reached. */
        MAX_SEEDS("max seeds"),
        /** Not stopped yet: the next round's seeds have not all landed. */
        OPEN("open");

        private final String text;

        Stop(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** What the comparison concludes about the sign of the mean difference. */
    public enum Outcome { GREATER, LESS, EQUIVALENT, UNDECIDED, OPEN }

    public boolean open() {
        return stop == Stop.OPEN;
    }
}

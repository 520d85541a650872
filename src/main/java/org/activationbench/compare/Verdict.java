package org.activationbench.compare;

/** What a comparison concludes about the candidate, after Holm's adjustment; {@link #text()} is what the tables store. */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    NOT_ENOUGH_PAIRS("not enough pairs"),
    /** Sequential: the interval lies inside plus or minus the target half-width. */
    EQUIVALENT("equivalent"),
    /** Sequential: stopped (precise enough, or at max-seeds) with neither a difference nor equivalence shown. */
    UNDECIDED("undecided"),
    /** Sequential: still running; its next round's seeds have not all landed. */
    OPEN("open");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The value in the {@code verdict} column of {@code comparisons}. */
    public String text() {
        return text;
    }

    public boolean significant() {
        return this == BETTER || this == WORSE;
    }

    @Override
    public String toString() {
        return text;
    }
}

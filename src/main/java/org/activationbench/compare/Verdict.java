package org.activationbench.compare;

/**
 * What a comparison concludes about the candidate, read from the interval printed beside it and the metric's margin:
 * {@link #text()} is what the tables store.
 */
public enum Verdict {
    /** The interval excludes 0 on the side of an improvement. */
    BETTER("better"),
    /** The interval excludes 0 on the side of a deterioration. */
    WORSE("worse"),
    /** The interval lies inside plus or minus the margin (and covers 0): no difference that matters. */
    EQUIVALENT("equivalent"),
    /** The interval covers 0 and reaches past the margin: these seeds cannot tell. */
    UNDECIDED("undecided"),
    /** Fewer pairs than a paired t interval needs (3): no interval, no verdict. */
    NOT_TESTABLE("not testable"),
    /**
     * A speed (epochs or examples to a target) that no trial of the pairs had reached by the checkpoint: every value
     * is the lower bound it was counted at, so the interval holds no observed speed and gives no verdict.
     */
    NOT_REACHED("not reached"),
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

    /** Whether the verdict claims a difference, better or worse. */
    public boolean significant() {
        return this == BETTER || this == WORSE;
    }

    @Override
    public String toString() {
        return text;
    }
}

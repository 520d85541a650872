package org.activationbench.stats;

/**
 * A verdict read from an interval of the mean difference and the smallest difference that matters: greater or less
 * where the interval excludes 0 on that side, equivalent where it lies inside plus or minus the margin, undecided
 * otherwise. A difference whose interval also lies inside the margin is real but negligible.
 */
public final class MarginDecision {

    private MarginDecision() {}

    /** The outcome of an interval {@code [low, high]} at {@code margin}; UNDECIDED if the interval is undefined. */
    public static SequentialDecision.Outcome of(double low, double high, double margin) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return SequentialDecision.Outcome.UNDECIDED;
        }
        if (low > 0) {
            return SequentialDecision.Outcome.GREATER;
        }
        if (high < 0) {
            return SequentialDecision.Outcome.LESS;
        }
        return inside(low, high, margin) ? SequentialDecision.Outcome.EQUIVALENT : SequentialDecision.Outcome.UNDECIDED;
    }

    /** Whether a difference shown by {@code [low, high]} is smaller than the margin: the interval lies inside it. */
    public static boolean negligible(double low, double high, double margin) {
        return (low > 0 || high < 0) && inside(low, high, margin);
    }

    private static boolean inside(double low, double high, double margin) {
        return low > -margin && high < margin;
    }
}

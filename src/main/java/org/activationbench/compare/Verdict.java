package org.activationbench.compare;

/** What a comparison concludes about the candidate, after Holm's adjustment; {@link #text()} is what the tables store. */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    NOT_ENOUGH_PAIRS("not enough pairs");

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

package org.activationbench.grid;

/**
 * Which part of a grid's protocol a trial belongs to. Not part of a trial's identity: the same trial (same id) always
 * gets the same stage within one grid, because tuning seeds and confirmation seeds are disjoint.
 */
public enum Stage {
    /** Every trial of a {@code protocol = fixed} grid; in a tuned grid, the confirmation seeds at training.learning-rate. */
    FIXED("fixed"),
    /** Stage 1 of {@code protocol = tuned}: every activation at every learning rate, on the tuning seeds. */
    TUNING("tuning"),
    /** Stage 2 of {@code protocol = tuned}: an activation at its chosen learning rate, on the confirmation seeds. */
    CONFIRMATION("confirmation");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The value of the {@code stage} column. */
    public String label() {
        return label;
    }
}

package org.activationbench.compare;

/** The metrics compared between activations, with the direction that counts as an improvement. */
public enum Metric {
    TEST_ACCURACY("test_accuracy", true, "test accuracy"),
    TEST_LOSS("test_loss", false, "test loss"),
    TRAIN_ACCURACY("train_accuracy", true, "train accuracy"),
    TRAIN_LOSS("train_loss", false, "train loss"),
    DEAD_FRACTION("dead_fraction", false, "dead-unit fraction"),
    EPOCHS_TO_97("epochs_to_97", false, "epochs to 97% test accuracy");

    private final String id;
    private final boolean higherIsBetter;
    private final String label;

    Metric(String id, boolean higherIsBetter, String label) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String label() {
        return label;
    }

    /** The key of this metric's margin in {@code analysis.margins} (grid.Margins). */
    public String marginKey() {
        return this == DEAD_FRACTION ? "inactive_fraction" : id;
    }

    public boolean isAccuracy() {
        return this == TEST_ACCURACY || this == TRAIN_ACCURACY;
    }
}

package org.activationbench.compare;

/** The metrics compared between activations, with the direction that counts as an improvement. */
public enum Metric {
    TEST_ACCURACY("test_accuracy", true, "test accuracy"),
    TEST_LOSS("test_loss", false, "test loss"),
    TRAIN_ACCURACY("train_accuracy", true, "train accuracy"),
    TRAIN_LOSS("train_loss", false, "train loss"),
    /**
     * Hidden units whose pre-activation is never positive on the training set, as a fraction of the network's hidden
     * units ({@code epochs.network_inactive_fraction}). For relu they are dead; for other activations they still pass
     * a gradient, so the comparison is of inactive units, not of dead ones.
     */
    INACTIVE_FRACTION("inactive_fraction", false, "inactive-unit fraction"),
    EPOCHS_TO_97("epochs_to_97", false, "epochs to 97% test accuracy"),
    /**
     * Training examples seen until the look subsample's accuracy first reached 97% ({@code epochs.examples_to_97}), in
     * grids with looks ({@code evaluation.looks-per-epoch}); likewise 98 and 99.
     */
    EXAMPLES_TO_97("examples_to_97", false, "examples to 97% subsample accuracy"),
    EXAMPLES_TO_98("examples_to_98", false, "examples to 98% subsample accuracy"),
    EXAMPLES_TO_99("examples_to_99", false, "examples to 99% subsample accuracy"),
    /** Mean look-subsample accuracy over the looks of epoch 1, the look before training included. */
    ACCURACY_AUC_EPOCH1("accuracy_auc_epoch1", true, "epoch-1 accuracy AUC");

    private final String id;
    private final boolean higherIsBetter;
    private final String label;

    Metric(String id, boolean higherIsBetter, String label) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.label = label;
    }

    /** The metric's name in the comparisons table. */
    public String id() {
        return id;
    }

    /** Whether a larger value is the better one (accuracy), or a smaller (loss, examples to a target). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** How the report names the metric. */
    public String label() {
        return label;
    }

    /** The id under which comparisons landed by earlier versions hold this metric, if it had another one. */
    public String earlierId() {
        return this == INACTIVE_FRACTION ? "dead_fraction" : id;
    }

    /**
     * Whether a trial may have no value yet at a checkpoint (it has not reached the target), and is then counted at a
     * lower bound: censored.
     */
    public boolean censorable() {
        return this == EPOCHS_TO_97 || this == EXAMPLES_TO_97 || this == EXAMPLES_TO_98 || this == EXAMPLES_TO_99;
    }

    /** Whether the metric counts training examples. */
    public boolean inExamples() {
        return this == EXAMPLES_TO_97 || this == EXAMPLES_TO_98 || this == EXAMPLES_TO_99;
    }

    /** Whether the metric is an accuracy (test or training). */
    public boolean isAccuracy() {
        return this == TEST_ACCURACY || this == TRAIN_ACCURACY;
    }
}

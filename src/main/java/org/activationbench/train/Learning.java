package org.activationbench.train;

/**
 * Whether a trial learned anything: a trial that ends at chance accuracy, or with a training loss above the loss of its
 * initial weights, did not, whatever its status (a learning rate at the edge of training ends OK at chance accuracy
 * with finite losses). The rule is stated in docs/schema.md ({@code runs.learned}).
 */
public final class Learning {

    /** How far from 1/classes a test accuracy counts as chance: a network predicting one MNIST class scores 0.089 to 0.114. */
    public static final double CHANCE_TOLERANCE = 0.02;
    /** The training examples (the first ones) the initial loss is measured on: one forward pass, before the first step. */
    public static final int SAMPLE = 1000;

    private Learning() {}

    /**
     * False if the last checkpoint's test accuracy is within {@link #CHANCE_TOLERANCE} of 1/classes or its training loss
     * is above {@code initialTrainLoss}; true otherwise; null without a checkpoint.
     */
    public static Boolean learned(CheckpointMetrics last, Double initialTrainLoss, int classes) {
        if (last == null) {
            return null;
        }
        boolean chance = Math.abs(last.testAccuracy() - 1.0 / classes) <= CHANCE_TOLERANCE;
        boolean lossRose = initialTrainLoss != null && last.trainLoss() > initialTrainLoss;
        return !chance && !lossRose;
    }
}

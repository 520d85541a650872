package org.activationbench.train;

import java.util.Arrays;

/**
 * What a trial measured at one checkpoint epoch. Losses are mean cross-entropy (nats) and accuracies fractions,
 * over the full train and test sets.
 *
 * @param trainSeconds      wall seconds spent in training steps up to this epoch, evaluation excluded
 * @param examplesPerSecond training examples processed per training second so far
 * @param inactiveFraction  per hidden layer: the fraction of its units (neurons, or channels of a convolution) whose
 *                          pre-activation is &lt;= 0 on every training example; for ReLU those units are dead
 * @param hiddenUnits       per hidden layer: its units; null only in a checkpoint read from a state of format 2,
 *                          which did not hold them, until the runner continuing it fills them in
 *                          ({@link #withHiddenUnits})
 * @param gradientNorm      per layer with parameters: the L2 norm of its loss gradient, averaged over the
 *                          last minibatches of this epoch
 * @param epochTo97         first epoch (&lt;= this one) whose test accuracy reached 0.97, or null; likewise 98 and 99
 * @param validationLoss    mean cross-entropy on the validation split; null when the trial has none
 * @param validationAccuracy accuracy on the validation split; null when the trial has none
 * @param recoveredUnits    units inactive at the trial's previous checkpoint and active at this one, over all hidden
 *                          layers; null at the first checkpoint, and where the previous checkpoint's units are not
 *                          known (continued from a state of format 2)
 * @param newlyInactiveUnits units active at the previous checkpoint and inactive at this one; null likewise
 * @param previouslyInactiveUnits units inactive at the previous checkpoint, over all hidden layers: what
 *                          {@code recoveredUnits} is out of; null likewise
 * @param looks             what the trial's looks at a subsample measured up to this checkpoint; null for a trial
 *                          without looks
 */
public record CheckpointMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        double trainSeconds,
        double examplesPerSecond,
        double[] inactiveFraction,
        int[] hiddenUnits,
        double[] gradientNorm,
        Integer epochTo97,
        Integer epochTo98,
        Integer epochTo99,
        Double validationLoss,
        Double validationAccuracy,
        Integer recoveredUnits,
        Integer newlyInactiveUnits,
        Integer previouslyInactiveUnits,
        LookMetrics looks) implements java.io.Serializable {

    public CheckpointMetrics {
        if (hiddenUnits != null && hiddenUnits.length != inactiveFraction.length) {
            throw new IllegalArgumentException(inactiveFraction.length + " inactive fractions but " + hiddenUnits.length
                    + " layers' units");
        }
    }

    /** The metrics of a trial without looks. */
    public CheckpointMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            double trainSeconds, double examplesPerSecond, double[] inactiveFraction, int[] hiddenUnits, double[] gradientNorm,
            Integer epochTo97, Integer epochTo98, Integer epochTo99, Double validationLoss, Double validationAccuracy,
            Integer recoveredUnits, Integer newlyInactiveUnits, Integer previouslyInactiveUnits) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, trainSeconds, examplesPerSecond, inactiveFraction,
                hiddenUnits, gradientNorm, epochTo97, epochTo98, epochTo99, validationLoss, validationAccuracy, recoveredUnits,
                newlyInactiveUnits, previouslyInactiveUnits, null);
    }

    /** The metrics of a trial without a validation split, at its first checkpoint (nothing to follow units from). */
    public CheckpointMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            double trainSeconds, double examplesPerSecond, double[] inactiveFraction, int[] hiddenUnits, double[] gradientNorm,
            Integer epochTo97, Integer epochTo98, Integer epochTo99) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, trainSeconds, examplesPerSecond, inactiveFraction,
                hiddenUnits, gradientNorm, epochTo97, epochTo98, epochTo99, null, null, null, null, null);
    }

    /** Per hidden layer, its inactive units: {@code inactiveFraction x hiddenUnits}, exact as the fraction is a count's. */
    public int[] inactiveUnits() {
        int[] counts = new int[inactiveFraction.length];
        for (int h = 0; h < counts.length; h++) {
            counts[h] = (int) Math.round(inactiveFraction[h] * hiddenUnits[h]);
        }
        return counts;
    }

    /** Inactive units as a fraction of all hidden units of the network: each layer weighted by its units. */
    public double networkInactiveFraction() {
        return networkFraction(inactiveUnits(), hiddenUnits);
    }

    /** {@code sum(inactive) / sum(units)}; 0 for a network without hidden layers. */
    public static double networkFraction(int[] inactive, int[] units) {
        long all = Arrays.stream(units).asLongStream().sum();
        return all == 0 ? 0.0 : Arrays.stream(inactive).asLongStream().sum() / (double) all;
    }

    /** {@code recoveredUnits} as a fraction of the units inactive at the previous checkpoint; null if none were. */
    public Double recoveredFraction() {
        return recoveredUnits == null || previouslyInactiveUnits == null || previouslyInactiveUnits == 0 ? null
                : recoveredUnits / (double) previouslyInactiveUnits;
    }

    /** These metrics with the units per hidden layer given (a checkpoint read from a state of format 2). */
    public CheckpointMetrics withHiddenUnits(int[] units) {
        return new CheckpointMetrics(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, trainSeconds, examplesPerSecond,
                inactiveFraction, units, gradientNorm, epochTo97, epochTo98, epochTo99, validationLoss, validationAccuracy,
                recoveredUnits, newlyInactiveUnits, previouslyInactiveUnits, looks);
    }
}

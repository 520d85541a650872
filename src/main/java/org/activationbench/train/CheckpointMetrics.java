package org.activationbench.train;

/**
 * What a trial measured at one checkpoint epoch. Losses are mean cross-entropy (nats) and accuracies fractions,
 * over the full train and test sets.
 *
 * @param trainSeconds      wall seconds spent in training steps up to this epoch, evaluation excluded
 * @param examplesPerSecond training examples processed per training second so far
 * @param deadFraction      per hidden layer: the fraction of units whose pre-activation is &lt;= 0 on every
 *                          training example
 * @param gradientNorm      per layer with parameters: the L2 norm of its loss gradient, averaged over the
 *                          last minibatches of this epoch
 * @param epochTo97         first epoch (&lt;= this one) whose test accuracy reached 0.97, or null; likewise 98 and 99
 * @param validationLoss    mean cross-entropy on the validation split; null when the trial has none
 * @param validationAccuracy accuracy on the validation split; null when the trial has none
 */
public record CheckpointMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        double trainSeconds,
        double examplesPerSecond,
        double[] deadFraction,
        double[] gradientNorm,
        Integer epochTo97,
        Integer epochTo98,
        Integer epochTo99,
        Double validationLoss,
        Double validationAccuracy) implements java.io.Serializable {

    /** The metrics of a trial without a validation split. */
    public CheckpointMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            double trainSeconds, double examplesPerSecond, double[] deadFraction, double[] gradientNorm, Integer epochTo97,
            Integer epochTo98, Integer epochTo99) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, trainSeconds, examplesPerSecond, deadFraction,
                gradientNorm, epochTo97, epochTo98, epochTo99, null, null);
    }
}

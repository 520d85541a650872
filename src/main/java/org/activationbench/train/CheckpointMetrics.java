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
        Integer epochTo99) implements java.io.Serializable {}

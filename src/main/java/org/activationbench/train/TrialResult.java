package org.activationbench.train;

import java.time.Instant;
import java.util.List;
import org.activationbench.grid.TrialConfig;

/**
 * The outcome of one trial: its status, the metrics of every checkpoint it reached, and its timings.
 *
 * @param hiddenLayers   names of the layers {@link CheckpointMetrics#deadFraction()} refers to, in order
 * @param gradientLayers names of the layers {@link CheckpointMetrics#gradientNorm()} refers to, in order
 * @param epochsCompleted epochs fully trained (for DIVERGED: before the epoch in which the loss broke)
 * @param testLossByEpoch     test loss after every epoch trained, epoch 1 first
 * @param testAccuracyByEpoch test accuracy after every epoch trained, epoch 1 first
 */
public record TrialResult(
        TrialConfig config,
        TrialStatus status,
        String errorClass,
        String errorMessage,
        List<CheckpointMetrics> checkpoints,
        List<String> hiddenLayers,
        List<String> gradientLayers,
        int epochsCompleted,
        List<Double> testLossByEpoch,
        List<Double> testAccuracyByEpoch,
        double trainSeconds,
        Instant startedAt,
        Instant finishedAt) implements java.io.Serializable {

    /** The metrics of the last checkpoint reached, or null if none was. */
    public CheckpointMetrics last() {
        return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }
}

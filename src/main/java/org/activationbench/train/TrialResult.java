package org.activationbench.train;

import java.time.Instant;
import java.util.List;
import org.activationbench.grid.TrialConfig;

/**
 * The outcome of one trial: its status, the metrics of every checkpoint it reached, and its timings.
 *
 * @param hiddenLayers   names of the layers {@link CheckpointMetrics#inactiveFraction()} refers to, in order
 * @param hiddenUnits    the units of each of those layers (neurons, or channels of a convolution)
 * @param gradientLayers names of the layers {@link CheckpointMetrics#gradientNorm()} refers to, in order
 * @param epochsCompleted epochs fully trained (for DIVERGED: before the epoch in which the loss broke)
 * @param testLossByEpoch     test loss after every epoch trained, epoch 1 first
 * @param testAccuracyByEpoch test accuracy after every epoch trained, epoch 1 first
 * @param trainSeconds        training time of the work this result holds (for a trial continued from a saved state:
 *                            up to the state, then after it)
 * @param allTrainSeconds     all training time spent on the trial, the work of attempts lost after their last save
 *                            included (as far as the state folder noted it); equal to trainSeconds for a trial never
 *                            interrupted
 * @param firstTrainedEpoch   the epoch this attempt started training in: 1, or the epoch of the state it continued
 *                            from (one past the last epoch if that state held the whole trial)
 * @param firstTrainedMinibatch the minibatch of {@code firstTrainedEpoch} this attempt started with, from 1
 */
public record TrialResult(
        TrialConfig config,
        TrialStatus status,
        String errorClass,
        String errorMessage,
        List<CheckpointMetrics> checkpoints,
        List<String> hiddenLayers,
        List<Integer> hiddenUnits,
        List<String> gradientLayers,
        int epochsCompleted,
        List<Double> testLossByEpoch,
        List<Double> testAccuracyByEpoch,
        double trainSeconds,
        double allTrainSeconds,
        int firstTrainedEpoch,
        int firstTrainedMinibatch,
        Instant startedAt,
        Instant finishedAt,
        Double initialTrainLoss) implements java.io.Serializable {

    /** A result without the loss before training (null). */
    public TrialResult(TrialConfig config, TrialStatus status, String errorClass, String errorMessage,
            List<CheckpointMetrics> checkpoints, List<String> hiddenLayers, List<Integer> hiddenUnits,
            List<String> gradientLayers, int epochsCompleted, List<Double> testLossByEpoch,
            List<Double> testAccuracyByEpoch, double trainSeconds, double allTrainSeconds, int firstTrainedEpoch,
            int firstTrainedMinibatch, Instant startedAt, Instant finishedAt) {
        this(config, status, errorClass, errorMessage, checkpoints, hiddenLayers, hiddenUnits, gradientLayers,
                epochsCompleted, testLossByEpoch, testAccuracyByEpoch, trainSeconds, allTrainSeconds, firstTrainedEpoch,
                firstTrainedMinibatch, startedAt, finishedAt, null);
    }

    /** Whether the trial learned, by {@link Learning#learned}; null before its first checkpoint. */
    public Boolean learned() {
        return Learning.learned(last(), initialTrainLoss, org.activationbench.data.DatasetSpec.CLASSES);
    }

    /** Whether this attempt continued from a saved state rather than from the start. */
    public boolean continued() {
        return firstTrainedEpoch > 1 || firstTrainedMinibatch > 1;
    }

    /** The metrics of the last checkpoint reached, or null if none was. */
    public CheckpointMetrics last() {
        return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }
}

package org.activationbench.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.grid.TrialConfig;

/** What a trial has achieved so far, kept so that a DIVERGED or FAILED result still carries it. */
final class TrialProgress {

    final List<CheckpointMetrics> checkpoints = new ArrayList<>();
    final List<Double> testLoss = new ArrayList<>();
    final List<Double> testAccuracy = new ArrayList<>();
    /** The looks measured so far ({@link AccuracyLooks}): training examples seen at each, and the subsample accuracy. */
    final List<Long> lookExamples = new ArrayList<>();
    final List<Double> lookAccuracy = new ArrayList<>();
    List<String> hiddenLayers = List.of();
    List<Integer> hiddenUnits = List.of();
    /** The units inactive at the last checkpoint reached; null before the first, or if continued from a format-2 state. */
    InactiveUnits inactive;
    List<String> gradientLayers = List.of();
    int epochsCompleted;
    double trainSeconds;
    double allTrainSeconds;
    int firstTrainedEpoch = 1;
    int firstTrainedMinibatch = 1;
    /** The mean loss of the initial network on {@link Learning#SAMPLE} training examples; null until measured. */
    Double initialTrainLoss;

    /** Per target of {@link TrialRunner#TARGETS}, the first epoch whose test accuracy reached it, or null. */
    Integer[] reached() {
        Integer[] reached = new Integer[TrialRunner.TARGETS.length];
        for (int t = 0; t < TrialRunner.TARGETS.length; t++) {
            for (int e = 0; e < testAccuracy.size() && reached[t] == null; e++) {
                if (testAccuracy.get(e) >= TrialRunner.TARGETS[t]) {
                    reached[t] = e + 1;
                }
            }
        }
        return reached;
    }

    TrialResult result(TrialConfig config, TrialStatus status, String errorClass, String errorMessage, Instant started) {
        return new TrialResult(config, status, errorClass, errorMessage, List.copyOf(checkpoints), hiddenLayers,
                hiddenUnits, gradientLayers, epochsCompleted, List.copyOf(testLoss), List.copyOf(testAccuracy), trainSeconds,
                Math.max(allTrainSeconds, trainSeconds), firstTrainedEpoch, firstTrainedMinibatch, started, Instant.now(),
                initialTrainLoss);
    }
}

package org.activationbench.train;

import java.util.List;
import org.activationbench.grid.TrialConfig;

/**
 * Everything a trial needs to continue exactly where it was saved, at a boundary between two minibatches: the
 * network's parameters (PReLU's learned slopes among them), the updater's state (Adam's moments) and the iteration
 * and epoch counters its bias correction reads, the position in the epoch's minibatch order (the order itself follows
 * from the seed and the epoch, {@link ExampleOrder}), the gradient norms summed so far in a checkpoint epoch, the
 * test metrics, checkpoints and timings measured so far, and which units were inactive at the last checkpoint (what
 * the next one's recovered units are counted against). Training uses no other random state: no dropout, and the
 * minibatch order is derived, not drawn.
 *
 * @param fingerprint      the trial and code version that wrote it ({@link #fingerprint(TrialConfig)}); a state whose
 *                         fingerprint differs is never used
 * @param epoch            the epoch in progress, from 1; {@code maxEpochs + 1} once the last one is done
 * @param minibatch        minibatches of {@code epoch} already trained (0: the epoch has not started)
 * @param updaterState     the updater's state view, empty for an updater without state
 * @param gradientNorms    the gradient norms summed so far in a checkpoint epoch in progress, one per group of parameters,
 *                         then the number of minibatches summed ({@link EpochTrainer#gradientNormProgress()})
 * @param keptTrainNanos   training time of the work this state holds
 * @param epochTrainNanos  the part of {@code keptTrainNanos} spent in {@code epoch}
 * @param spentTrainNanos  all training time spent on the trial up to this save, work lost by earlier attempts included
 * @param inactive         the units inactive at the last of {@code checkpoints}; null if there is none, or if the state
 *                         was written in format 2, which did not keep them
 * @param lookExamples     the trial's looks so far ({@link LookMetrics}): training examples seen at each; empty for a
 *                         trial without looks, and in a state written in format 2 or 3, which had none
 * @param lookAccuracy     the subsample accuracy at each of those looks
 */
public record TrialState(
        String fingerprint,
        int epoch,
        int minibatch,
        float[] parameters,
        float[] updaterState,
        int iterationCount,
        int epochCount,
        double[] gradientNorms,
        List<Double> testLossByEpoch,
        List<Double> testAccuracyByEpoch,
        List<CheckpointMetrics> checkpoints,
        long keptTrainNanos,
        long epochTrainNanos,
        long spentTrainNanos,
        InactiveUnits inactive,
        long[] lookExamples,
        double[] lookAccuracy) {

    /** A state of a trial without looks. */
    public TrialState(String fingerprint, int epoch, int minibatch, float[] parameters, float[] updaterState,
            int iterationCount, int epochCount, double[] gradientNorms, List<Double> testLossByEpoch,
            List<Double> testAccuracyByEpoch, List<CheckpointMetrics> checkpoints, long keptTrainNanos, long epochTrainNanos,
            long spentTrainNanos, InactiveUnits inactive) {
        this(fingerprint, epoch, minibatch, parameters, updaterState, iterationCount, epochCount, gradientNorms,
                testLossByEpoch, testAccuracyByEpoch, checkpoints, keptTrainNanos, epochTrainNanos, spentTrainNanos, inactive,
                new long[0], new double[0]);
    }

    public TrialState {
        if (lookExamples.length != lookAccuracy.length) {
            throw new IllegalArgumentException("a state holds " + lookExamples.length + " looks but " + lookAccuracy.length
                    + " accuracies");
        }
        if (epoch < 1 || minibatch < 0) {
            throw new IllegalArgumentException("a state's position must be epoch >= 1 and minibatch >= 0, found epoch "
                    + epoch + ", minibatch " + minibatch);
        }
        if (testLossByEpoch.size() != epoch - 1 || testAccuracyByEpoch.size() != epoch - 1) {
            throw new IllegalArgumentException("a state at epoch " + epoch + " holds the test metrics of " + (epoch - 1)
                    + " epochs, found " + testLossByEpoch.size() + " and " + testAccuracyByEpoch.size());
        }
        if (inactive != null) {
            CheckpointMetrics last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
            if (last == null || (last.hiddenUnits() != null && !(java.util.Arrays.equals(last.hiddenUnits(), inactive.units())
                    && java.util.Arrays.equals(last.inactiveUnits(), inactive.counts())))) {
                throw new IllegalArgumentException("a state's inactive units (" + inactive + ") must be those of its last"
                        + " checkpoint, found " + (last == null ? "no checkpoint" : java.util.Arrays.toString(last.inactiveUnits())
                        + " of " + java.util.Arrays.toString(last.hiddenUnits())));
            }
        }
        testLossByEpoch = List.copyOf(testLossByEpoch);
        testAccuracyByEpoch = List.copyOf(testAccuracyByEpoch);
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * What a state must have been written by to be used for {@code config}: the trial's canonical form (its id is a
     * hash of it), and this build, native backend, kernels and native thread count ({@link Provenance#arithmetic()}).
     * A state of another trial, or written by other code or on another platform, whose arithmetic may differ, is
     * ignored.
     */
    public static String fingerprint(TrialConfig config) {
        return config.trialId() + " " + config.canonical() + " code " + Provenance.arithmetic();
    }

    /** "epoch 3, minibatch 40" or "the end of epoch 2": for messages. */
    public String position() {
        return minibatch == 0 ? "the end of epoch " + (epoch - 1) : "epoch " + epoch + ", minibatch " + minibatch;
    }
}

package org.activationbench.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialStatus;

/** Trial records made up in code, each attempt marked by its test accuracy, so tests can tell attempts apart. */
public final class MadeUpRecords {

    private static final Provenance PROVENANCE = new Provenance("test", "abc", "1.0.0-M2", "3.5", "cpu", "17", "Linux", "AMD EPYC", "host",
            1);

    private MadeUpRecords() {}

    public static TrialConfig trial(long seed) {
        return new TrialConfig("mnist", "mlp", "relu", null, seed, List.of(1, 2), "adam", 1e-3, 32, "xavier", 1000);
    }

    /** An attempt that reached {@code epochsReached} checkpoints, each with test accuracy {@code accuracy}. */
    public static TrialRecord attempt(TrialConfig config, TrialStatus status, double accuracy, int epochsReached,
            Instant finished) {
        List<CheckpointMetrics> checkpoints = new ArrayList<>();
        for (int epoch = 1; epoch <= epochsReached; epoch++) {
            checkpoints.add(new CheckpointMetrics(epoch, 0.5, accuracy, 0.5, accuracy, epoch, 100, new double[] {0.1},
                    new int[] {10}, new double[] {1.0, 2.0}, null, null, null));
        }
        TrialResult result = new TrialResult(config, status, status == TrialStatus.OK ? null : "java.lang.IllegalStateException",
                status == TrialStatus.OK ? null : "made up", checkpoints, List.of("dense1"), List.of(10), List.of("dense1", "output"),
                epochsReached, curve(epochsReached, 0.5), curve(epochsReached, accuracy), epochsReached,
                epochsReached, 1, 1, finished.minusSeconds(10), finished);
        return new TrialRecord(result, PROVENANCE, 1.0, 0);
    }

    private static List<Double> curve(int epochs, double value) {
        return java.util.Collections.nCopies(epochs, value);
    }
}

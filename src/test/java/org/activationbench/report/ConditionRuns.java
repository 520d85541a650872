package org.activationbench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.train.TrialStatus;

/**
 * A made-up MLP run under four conditions, relu against leakyrelu(0.01) and leakyrelu(0.3), 6 seeds, epochs 1 and 2.
 * relu leaves {@link #INACTIVE} of its units inactive in the four conditions (each seed within a point of it);
 * leakyrelu(0.01) gains 0.05 + 0.02 x points of test accuracy where relu leaves x percent inactive, leakyrelu(0.3)
 * loses 0.2 points, each seed within a few hundredths of a point. Under {@code nesterovs, he} relu diverges on seed 5
 * after epoch 1; under {@code nesterovs, xavier} relu does not learn on seeds 0 and 1.
 */
final class ConditionRuns {

    static final List<String> CONDITIONS = List.of("adam, he", "adam, xavier", "nesterovs, he", "nesterovs, xavier");
    static final double[] INACTIVE = {0.02, 0.08, 0.15, 0.30};
    static final int SEEDS = 6;

    private ConditionRuns() {}

    static Snapshot snapshot() {
        List<RunRow> runs = new ArrayList<>();
        List<EpochRow> epochs = new ArrayList<>();
        List<String> untrained = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        for (int k = 0; k < CONDITIONS.size(); k++) {
            String condition = CONDITIONS.get(k);
            for (long seed = 0; seed < SEEDS; seed++) {
                double seedEffect = random.nextGaussian() * 0.002;
                double inactive = INACTIVE[k] + random.nextDouble(-0.01, 0.01);
                for (String label : List.of("relu", "leakyrelu(0.01)", "leakyrelu(0.3)")) {
                    boolean relu = label.equals("relu");
                    Double alpha = relu ? null : Double.valueOf(label.substring(10, label.length() - 1));
                    String id = String.format("%s-%d-%d", label, k, seed);
                    boolean diverged = relu && condition.equals("nesterovs, he") && seed == 5;
                    if (relu && condition.equals("nesterovs, xavier") && seed < 2) {
                        untrained.add(id);
                    }
                    runs.add(new RunRow(id, "mnist", "mlp", "per-task", relu ? "relu" : "leakyrelu", alpha, label, seed,
                            diverged ? TrialStatus.DIVERGED : TrialStatus.OK, diverged ? "Divergence" : null,
                            diverged ? "loss became NaN in epoch 2" : null, 2, 10, 12, 1, t0.plusSeconds(seed * 10),
                            t0.plusSeconds(seed * 10 + 12), List.of("dense1", "dense2"), "0.1.0", "abc1234", "1.0.0-M2", "3.5.3",
                            "CpuBackend", "17", "Linux", "host-0", 1e-3, "fixed", condition));
                    for (int epoch = 1; epoch <= (diverged ? 1 : 2); epoch++) {
                        double effect = relu ? 0 : alpha == 0.01 ? 0.0005 + 0.02 * INACTIVE[k] : -0.002;
                        double accuracy = 0.95 + 0.01 * epoch + seedEffect + effect + random.nextGaussian() * 0.0003;
                        double network = relu ? inactive : 0;
                        epochs.add(new EpochRow(id, "mnist", "mlp", "per-task", relu ? "relu" : "leakyrelu", alpha, label,
                                seed, epoch, 0.1 / epoch, accuracy + 0.01, 0.12 / epoch, accuracy,
                                List.of(network / 2, 2 * network), network, accuracy >= 0.97 ? Integer.valueOf(epoch) : null,
                                1e-3, "fixed", null, condition));
                    }
                }
            }
        }
        return new Snapshot("conditions", "experiment = \"conditions\"\n", runs, epochs, List.of(), List.of(), untrained);
    }
}

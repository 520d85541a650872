package org.activationbench.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.model.Architectures;
import org.activationbench.train.TrialStatus;

/** A run's results made up in code: relu, a much better "leakyrelu(0.1)" and an equal "elu", 8 seeds, epochs 1 and 2. */
public final class SyntheticRuns {

    private SyntheticRuns() {}

    public static Snapshot snapshot() {
        return snapshot(List.of("mlp"), List.of("per-task"));
    }

    /**
     * The same made-up activations for every architecture and strategy given; data-parallel trials are one point less
     * accurate, so that a table that mixed the strategies would show it.
     */
    public static Snapshot snapshot(List<String> architectures, List<String> strategies) {
        List<RunRow> runs = new ArrayList<>();
        List<EpochRow> epochs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        for (long seed = 0; seed < 8; seed++) {
            double seedEffect = random.nextGaussian() * 0.002;
            for (String architecture : architectures) {
                for (String strategy : strategies) {
                    double strategyEffect = strategy.equals("per-task") ? 0 : -0.01;
                    for (String label : List.of("relu", "leakyrelu(0.1)", "elu")) {
                        String activation = label.startsWith("leakyrelu") ? "leakyrelu" : label;
                        Double alpha = label.startsWith("leakyrelu") ? 0.1 : null;
                        String id = label + "-" + seed + "-" + architecture + "-" + strategy;
                        runs.add(new RunRow(id, "mnist", architecture, strategy, activation, alpha, label, seed, TrialStatus.OK,
                                null, null, 2, 10, 12, 1, t0.plusSeconds(seed * 10), t0.plusSeconds(seed * 10 + 12),
                                hiddenLayers(architecture), "0.1.0", "abc1234", "1.0.0-M2", "3.5.3", "CpuBackend", "17", "Linux",
                                "host-" + (seed % 2)));
                        for (int epoch = 1; epoch <= 2; epoch++) {
                            double accuracy = 0.96 + 0.01 * epoch + seedEffect + strategyEffect
                                    + (label.startsWith("leakyrelu") ? 0.005 : 0) + random.nextGaussian() * 0.0005;
                            double inactive = label.equals("relu") ? 0.02 : 0.0;
                            epochs.add(new EpochRow(id, "mnist", architecture, strategy, activation, alpha, label, seed, epoch,
                                    0.1 / epoch, accuracy + 0.01, 0.12 / epoch, accuracy, inactiveFractions(architecture, inactive),
                                    inactiveFractions(architecture, inactive).stream().mapToDouble(Double::doubleValue).average()
                                            .orElseThrow(), accuracy >= 0.97 ? Integer.valueOf(epoch) : null));
                        }
                    }
                }
            }
        }
        return new Snapshot("synthetic", "experiment = \"synthetic\"\n", runs, epochs);
    }

    /** dense1, dense2 for the MLP and the CNN; dense1..denseN for mlp-deep-N. */
    private static List<String> hiddenLayers(String architecture) {
        int n = Math.max(2, Architectures.deepLayers(architecture));
        return IntStream.rangeClosed(1, n).mapToObj(i -> "dense" + i).toList();
    }

    /** The last layer's fraction is the given one; the layers before it have half of it. */
    private static List<Double> inactiveFractions(String architecture, double inactive) {
        int n = hiddenLayers(architecture).size();
        return IntStream.range(0, n).mapToObj(i -> i == n - 1 ? inactive : inactive / 2).toList();
    }
}

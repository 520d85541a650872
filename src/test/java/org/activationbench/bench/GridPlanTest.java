package org.activationbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.grid.TrialConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's figures for small grids, computed here by hand from the built-in figures. */
class GridPlanTest {

    @TempDir
    Path dir;

    /** mlp and cnn x relu, leakyrelu(0.1) x seeds 0, 1, checkpoints {1, 3}: 8 trials of 3 epochs. */
    private static List<TrialConfig> smallGrid() {
        List<TrialConfig> trials = new ArrayList<>();
        for (String arch : List.of("mlp", "cnn")) {
            for (String act : List.of("relu", "leakyrelu")) {
                for (long seed = 0; seed < 2; seed++) {
                    trials.add(new TrialConfig("mnist", arch, act, act.equals("relu") ? null : 0.1, seed, List.of(1, 3), "adam",
                            0.001, 128, "xavier"));
                }
            }
        }
        return trials;
    }

    @Test
    void smallGridOnTwoCores() {
        GridPlan plan = new GridPlan(smallGrid(), EpochCosts.builtIn(), 2);
        // A trial: 3 epochs + 3 test evaluations (0.065 epochs each) + 2 training-set evaluations (0.39 each) = 3.975 epochs.
        double mlpTrial = 1.13 * 3.975;   // 4.49175 s
        double cnnTrial = 16.1 * 3.975;   // 63.9975 s
        double total = 4 * mlpTrial + 4 * cnnTrial;   // 273.957 s on one thread
        assertEquals(8, plan.trials());
        assertEquals(24, plan.trialEpochs());
        assertEquals(List.of("mlp", "cnn"), plan.groups().stream().map(GridPlan.Group::architecture).toList());
        assertEquals(4 * mlpTrial, plan.groups().get(0).coreSeconds(), 1e-9);
        assertEquals(12, plan.groups().get(0).trialEpochs());
        assertEquals(4 * cnnTrial, plan.groups().get(1).coreSeconds(), 1e-9);
        // 2 cores at 1.70x: 85% efficiency each.
        assertEquals(total / 0.85 / 3600, plan.coreHours(), 1e-12);
        assertEquals(0.089529, plan.coreHours(), 1e-6);
        // max(273.957 / 2, 63.9975) / 0.85 = 161.15 s
        assertEquals(Duration.ofSeconds(161), plan.wall());
    }

    @Test
    void aValidationSplitIsTrainedOnLessAndEvaluatedAtEveryCheckpoint() {
        TrialConfig t = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1, 2), "adam", 0.001, 128, "xavier")
                .withValidation(new org.activationbench.grid.ValidationSplit(10_000, 7));
        // 50,000 examples trained: 2 epochs x 5/6 + 2 test evaluations x 0.065 + 2 checkpoints x (0.39 x 5/6 for the
        // training set + 0.065 for the 10,000 validation examples) = 1.6667 + 0.13 + 0.78 = 2.5767 epochs at 1.13 s.
        assertEquals(1.13 * (2 * 5 / 6.0 + 0.13 + 2 * (0.39 * 5 / 6.0 + 0.065)), GridPlan.trialSeconds(t, EpochCosts.builtIn()),
                1e-9);
    }

    @Test
    void theLongestTrialBoundsTheWallTimeOnManyCores() {
        GridPlan plan = new GridPlan(smallGrid(), EpochCosts.builtIn(), 64);
        // 273.957 / 64 = 4.3 s, but one CNN trial takes 63.9975 s on its core: 63.9975 / 0.85 = 75.29 s.
        assertEquals(Duration.ofSeconds(75), plan.wall());
    }

    @Test
    void oneCoreRunsAtTheMeasuredSpeed() {
        GridPlan plan = new GridPlan(smallGrid(), EpochCosts.builtIn(), 1);
        assertEquals(Duration.ofSeconds(274), plan.wall());
        assertEquals(273.957 / 3600, plan.coreHours(), 1e-9);
    }

    @Test
    void deepMlpsCostTheirWeightsAndLayersOverTheMlps() {
        // mlp-deep-4: 784*128+128 + 3*(128*128+128) + 128*10+10 = 151,306 weights in 5 layers; mlp: 235,146 in 3.
        long layer = GridPlan.LAYER_COST_IN_WEIGHTS;
        assertEquals((151_306.0 + 5 * layer) / (235_146.0 + 3 * layer), GridPlan.relativeSize("mlp-deep-4"), 1e-12);
        // Within 12% of train alone, seconds per epoch against the MLP's 1.2: mlp-deep-2 0.7, 16 layers 2.4, 32 layers 5.3.
        assertEquals(0.7 / 1.2, GridPlan.relativeSize("mlp-deep-2"), 0.12 * 0.7 / 1.2);
        assertEquals(2.4 / 1.2, GridPlan.relativeSize("mlp-deep-16"), 0.12 * 2.4 / 1.2);
        assertEquals(5.3 / 1.2, GridPlan.relativeSize("mlp-deep-32"), 0.12 * 5.3 / 1.2);
        assertEquals(1.0, GridPlan.relativeSize("cnn"));
        // A subset of 6,000 examples trains a tenth of an epoch and evaluates a tenth of the training set, all of the test set.
        TrialConfig t = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(2), "adam", 0.001, 128, "xavier", 6000);
        assertEquals(1.13 * (2 * 0.1 + 2 * 0.065 + 0.39 * 0.1), GridPlan.trialSeconds(t, EpochCosts.builtIn()), 1e-12);
        // 10 looks an epoch at 2,000 examples, and one before training: 21 looks of a fifth of the test set each.
        TrialConfig looked = t.withLooks(new org.activationbench.grid.EvaluationLooks(10, 2000));
        assertEquals(1.13 * (2 * 0.1 + 2 * 0.065 + 0.39 * 0.1 + 21 * 0.2 * 0.065), GridPlan.trialSeconds(looked,
                EpochCosts.builtIn()), 1e-12);
    }

    /** Batch normalisation and weight decay scale a trial's training and evaluation alike, and the plan says so. */
    @Test
    void batchNormalisationAndWeightDecayArePricedByTheirFactors() {
        TrialConfig plain = new TrialConfig("mnist", "cnn", "relu", null, 0, List.of(1, 2), "adam", 0.001, 128, "xavier");
        TrialConfig both = plain.withCondition(new org.activationbench.grid.Condition("adam", "xavier", 0, 1e-4, true));
        TrialConfig mlp = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1, 2), "adam", 0.001, 128, "xavier")
                .withCondition(new org.activationbench.grid.Condition("nesterovs", "torch-default", 0, 0, true));
        EpochCosts costs = EpochCosts.builtIn();
        assertEquals(8.5 * 1.05 * GridPlan.trialSeconds(plain, costs), GridPlan.trialSeconds(both, costs), 1e-9);
        // 2 epochs + 2 test evaluations x 0.065 + 2 training-set evaluations x 0.39, at 1.13 s, twice over
        assertEquals(2.0 * 1.13 * (2 + 2 * 0.065 + 2 * 0.39), GridPlan.trialSeconds(mlp, costs), 1e-9);
        assertTrue(new GridPlan(List.of(both), costs, 2).lines("bn").stream().anyMatch(l -> l.startsWith("batch normalisation")));
        assertTrue(new GridPlan(List.of(plain), costs, 2).lines("plain").stream().noneMatch(l -> l.contains("normalisation")));
    }

    /**
     * Seeds on demand: the plan at min-seeds and at max-seeds, each with its trials, core-hours and wall time. A grid
     * of MLP relu and leakyrelu(0.1), checkpoints {1, 3}, seeds on demand from 3 up to 6: 6 trials at least, 12 at most.
     */
    @Test
    void seedsOnDemandArePricedAtTheFewestAndTheMostSeeds() {
        org.activationbench.grid.GridSpec grid = new org.activationbench.grid.GridParser(
                org.activationbench.train.Vocabularies.standard()).parse("seq", """
                experiment = "seq"
                grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 3] }
                analysis.sequential { min-seeds = 3, max-seeds = 6, round-size = 3 }
                """);
        EpochCosts costs = EpochCosts.builtIn();
        GridPlan fewest = new GridPlan(grid.trialsAtMinSeeds(), costs, 2);
        GridPlan most = new GridPlan(grid.mostTrials(), costs, 2);
        assertEquals(6, fewest.trials());
        assertEquals(12, most.trials());
        // A trial: 3.975 epochs at 1.13 s (smallGridOnTwoCores); 6 of them on 2 cores at 85%: 6 x 4.49175 / 0.85 s.
        assertEquals(6 * 1.13 * 3.975 / 0.85 / 3600, fewest.coreHours(), 1e-12);
        assertEquals(2 * fewest.coreHours(), most.coreHours(), 1e-12);
        assertEquals(Duration.ofSeconds(16), fewest.wall());   // 6 x 4.49175 / 2 / 0.85 = 15.85 s
        assertEquals(Duration.ofSeconds(32), most.wall());     // 31.71 s
        assertEquals(List.of("seeds on demand (analysis.sequential): the figures above are at max-seeds; rounds stop once"
                        + " the comparisons are decided, so the run costs between",
                "  at min-seeds (3), every comparison decided at its first look: 6 trials, 18 trial-epochs, 0.01 core-hours,"
                        + " wall time 0:00:16 on 2 cores",
                "  at max-seeds (6), no comparison decided before its last look: 12 trials, 36 trial-epochs, 0.02 core-hours,"
                        + " wall time 0:00:32 on 2 cores"), GridPlan.seedsOnDemand(fewest, 3, most, 6));
    }

    /** A grid of several conditions is priced per condition at its rate, so that a map too dear shows what costs what. */
    @Test
    void aMapOfConditionsIsPricedPerConditionAndRate() {
        TrialConfig adam = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1, 2), "adam", 0.001, 128, "xavier");
        TrialConfig fast = adam.withLearningRate(0.01);
        TrialConfig bn = adam.withCondition(new org.activationbench.grid.Condition("nesterovs", "he", 0, 1e-4, true))
                .withLearningRate(0.3);
        EpochCosts costs = EpochCosts.builtIn();
        List<String> lines = new GridPlan(List.of(adam, adam.withSeed(1), fast, bn), costs, 2).lines("map");
        double one = GridPlan.trialSeconds(adam, costs) / 0.85 / 3600;
        assertTrue(lines.contains(String.format(java.util.Locale.ROOT, "  %-52s %8d %11.2f", "adam 0.001, xavier", 2, 2 * one)),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  adam 0\\.01, xavier +1 +\\d\\.\\d\\d")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  nesterovs 0\\.3, he, wd 0\\.0001, bn +1 +\\d\\.\\d\\d")),
                String.join("\n", lines));
        assertTrue(new GridPlan(List.of(adam, fast), costs, 2).lines("rates").stream().noneMatch(l -> l.contains("condition")),
                "one condition at two rates is a grid.learning-rates grid, priced as before");
    }

    @Test
    void theNewestBenchFiguresAreUsedAndNamed() {
        BenchJson.write(dir.resolve("bench-2026-01-01T000000.json"), bench(9.0, 1.5));
        BenchJson.write(dir.resolve("bench-2026-02-01T000000.json"), bench(2.0, 1.6));
        EpochCosts costs = EpochCosts.newest(dir);
        assertEquals(2.0, costs.mlpFast());
        assertEquals(16.1, costs.cnnFast(), "an architecture the bench did not time keeps the built-in figure");
        assertEquals(0.8, costs.efficiency(), 1e-12);
        assertTrue(costs.source().contains("bench-2026-02-01T000000.json"), costs.source());
        List<String> lines = new GridPlan(smallGrid(), costs, 2).lines("small");
        assertTrue(lines.stream().anyMatch(l -> l.contains("bench-2026-02-01T000000.json")), String.join("\n", lines));
        assertTrue(EpochCosts.newest(dir.resolve("absent")).source().startsWith("built-in"));
    }

    private static BenchResult bench(double mlpSeconds, double speedUp) {
        return new BenchResult("SKYLAKEX", 2,
                List.of(new EpochTiming("mlp", "fast", 60000, List.of(mlpSeconds), mlpSeconds, 60000 / mlpSeconds, 0, null, null)),
                List.of(), speedUp, List.of(speedUp), speedUp, List.of(speedUp), null, List.of(), List.of(), speedUp, 1, 1);
    }
}

package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;

/**
 * Trials pair by seed only within one condition: two conditions that share labels and seeds are compared apart, each
 * with its own family, its own sequential rounds and (tuned) its own chosen rates.
 */
class ConditionPairingTest {

    /** In "adam, xavier" leaky ReLU is 1 point better on every seed; with batch normalisation 1 point worse. */
    private static Observation observe(TrialConfig t, int epoch) {
        double noise = 0.002 * new SplittableRandom(t.seed()).nextGaussian();
        double effect = t.activation().equals("relu") ? 0 : t.batchNorm() ? -0.01 : 0.01;
        double[] values = new double[Metric.values().length];
        values[Metric.TEST_ACCURACY.ordinal()] = 0.97 + effect + noise;
        return new Observation(t.dataset(), t.architecture(), t.strategy().name(), epoch, t.activationLabel(), t.activation(),
                t.alpha(), t.seed(), values, Observation.FIXED, t.learningRate(), t.condition().label());
    }

    @Test
    void twoConditionsWithTheSameSeedsAreComparedApart() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("map", """
                experiment = "map"
                grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 6 }
                grid.batch-norm = [false, true]
                """);
        List<Observation> observations = grid.trials().stream().map(t -> observe(t, 1)).toList();
        List<Comparison> accuracy = new Analysis(Analysis.Settings.forGrid(grid)).compare(observations).stream()
                .filter(c -> c.metric() == Metric.TEST_ACCURACY).toList();
        assertEquals(2, accuracy.size());
        Comparison plain = accuracy.stream().filter(c -> c.condition().equals("adam, xavier")).findFirst().orElseThrow();
        Comparison normalised = accuracy.stream().filter(c -> c.condition().equals("adam, xavier, bn")).findFirst()
                .orElseThrow();
        assertEquals(6, plain.stats().pairs());
        assertEquals(6, normalised.stats().pairs());
        // the seed noise cancels within a pair: exactly the effect
        assertEquals(0.01, plain.stats().meanDifference(), 1e-12);
        assertEquals(-0.01, normalised.stats().meanDifference(), 1e-12);
        assertEquals(1, plain.familySize(), "one candidate per condition's family");
        assertEquals(Verdict.BETTER, plain.verdict());
        assertEquals(Verdict.WORSE, normalised.verdict());
    }

    @Test
    void aSequentialGridDecidesEachConditionsFamilyOnItsOwnSeeds() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("seq", """
                experiment = "seq"
                grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1] }
                grid.batch-norm = [false, true]
                analysis.sequential { min-seeds = 3, max-seeds = 9, round-size = 3 }
                """);
        Set<String> settled = new HashSet<>();
        List<Observation> landed = new ArrayList<>();
        List<TrialConfig> round = new SequentialComparisons(grid, landed, settled).next(grid.trials());
        assertEquals(2 * 2 * 3, round.size(), "both conditions' first look: 2 labels x 3 seeds each");
        for (TrialConfig t : round) {
            landed.add(observe(t, 1));
            settled.add(SequentialComparisons.key(grid, t));
        }
        SequentialComparisons after = new SequentialComparisons(grid, landed, settled);
        assertEquals(2, after.families().size());
        assertEquals(Set.of("adam, xavier", "adam, xavier, bn"),
                Set.copyOf(after.families().stream().map(SequentialComparisons.Family::condition).toList()));
        assertTrue(after.decision("mnist", "mlp", "per-task", "adam, xavier", 0.001, "leakyrelu(0.1)").low() > 0);
        assertTrue(after.decision("mnist", "mlp", "per-task", "adam, xavier, bn", 0.001, "leakyrelu(0.1)").high() < 0);
    }

    /**
     * A condition at two learning rates (grid.conditions): at 0.01 leaky ReLU is 1 point better on every seed, at 0.001
     * 1 point worse; the seed noise, shared by the trials of a seed at both rates, cancels only within a rate.
     */
    private static Observation observeByRate(TrialConfig t) {
        double noise = 0.002 * new SplittableRandom(t.seed()).nextGaussian();
        double effect = t.activation().equals("relu") ? 0 : t.learningRate() == 0.01 ? 0.01 : -0.01;
        double[] values = new double[Metric.values().length];
        values[Metric.TEST_ACCURACY.ordinal()] = 0.97 + effect + (t.learningRate() == 0.01 ? noise : -noise);
        return new Observation(t.dataset(), t.architecture(), t.strategy().name(), 1, t.activationLabel(), t.activation(),
                t.alpha(), t.seed(), values, Observation.FIXED, t.learningRate(), t.condition().label());
    }

    private static final String RATES = """
            experiment = "rates"
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1] }
            grid.conditions = [{ optimizer = adam, learning-rates = [0.001, 0.01] }, { optimizer = sgd, learning-rate = 0.1 }]
            """;

    @Test
    void trialsPairOnlyAtOneLearningRate() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("rates", RATES + "grid.seeds = 6\n");
        List<Comparison> accuracy = new Analysis(Analysis.Settings.forGrid(grid))
                .compare(grid.trials().stream().map(ConditionPairingTest::observeByRate).toList()).stream()
                .filter(c -> c.metric() == Metric.TEST_ACCURACY).toList();
        assertEquals(3, accuracy.size(), "adam at two rates and sgd at one: " + accuracy);
        for (Comparison c : accuracy) {
            assertEquals(c.baselineLearningRate(), c.candidateLearningRate());
            assertEquals(6, c.stats().pairs());
            assertEquals(c.baselineLearningRate() == 0.01 ? 0.01 : -0.01, c.stats().meanDifference(), 1e-12, c.toString());
            assertEquals(1, c.familySize());
        }
        assertEquals(Set.of("adam, xavier 0.001", "adam, xavier 0.01", "sgd, xavier 0.1"), accuracy.stream()
                .map(c -> c.condition() + " " + org.activationbench.grid.TrialConfig.number(c.baselineLearningRate()))
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Seeds on demand keep the rates apart too: each condition at each rate is a family decided on its own seeds. */
    @Test
    void aSequentialGridDecidesEachRatesFamilyApart() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("rates", RATES
                + "analysis.sequential { min-seeds = 3, max-seeds = 9, round-size = 3 }\n");
        Set<String> settled = new HashSet<>();
        List<Observation> landed = new ArrayList<>();
        List<TrialConfig> round = new SequentialComparisons(grid, landed, settled).next(grid.trials());
        assertEquals(3 * 2 * 3, round.size(), "3 conditions at their rates x 2 labels x 3 seeds");
        for (TrialConfig t : round) {
            landed.add(observeByRate(t));
            settled.add(SequentialComparisons.key(grid, t));
        }
        SequentialComparisons after = new SequentialComparisons(grid, landed, settled);
        assertEquals(List.of(0.001, 0.01, 0.1), after.families().stream().map(SequentialComparisons.Family::learningRate)
                .sorted().toList());
        assertTrue(after.decision("mnist", "mlp", "per-task", "adam, xavier", 0.01, "leakyrelu(0.1)").low() > 0);
        assertTrue(after.decision("mnist", "mlp", "per-task", "adam, xavier", 0.001, "leakyrelu(0.1)").high() < 0);
        assertEquals(List.of(), after.next(grid.trials().stream().filter(t -> !settled.contains(SequentialComparisons.key(grid, t)))
                .toList()), "every family decided at its first look: no second round");
    }

    /** Under protocol = tuned each condition chooses each activation's rate from its own tuning trials. */
    @Test
    void aTunedGridChoosesTheRatesOfEachConditionApart() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("tuned", """
                experiment = "tuned"
                grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 2 }
                grid.batch-norm = [false, true]
                data.validation-examples = 1000
                grid.learning-rates = [0.001, 0.01]
                protocol = tuned
                tuning.seeds = 2
                """);
        java.time.Instant t0 = java.time.Instant.EPOCH;
        List<Snapshot.RunRow> runs = new ArrayList<>();
        List<Snapshot.EpochRow> epochs = new ArrayList<>();
        for (TrialConfig t : grid.trials()) {
            if (t.stage() != org.activationbench.grid.Stage.TUNING) {
                continue;
            }
            // batch normalisation does better at the higher rate, the plain network at the lower
            double validation = 0.95 + ((t.learningRate() == 0.01) == t.batchNorm() ? 0.02 : 0);
            runs.add(new Snapshot.RunRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(),
                    t.alpha(), t.activationLabel(), t.seed(), org.activationbench.train.TrialStatus.OK, null, null, 1, 1, 1, 1,
                    t0, t0, List.of(), "", "", "", "", "", "", "", "", t.learningRate(), t.stage().label(),
                    t.condition().label()));
            epochs.add(new Snapshot.EpochRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(),
                    t.alpha(), t.activationLabel(), t.seed(), 1, 0.1, 0.97, 0.1, 0.97, List.of(), 0, null, t.learningRate(),
                    t.stage().label(), validation, t.condition().label()));
        }
        var chosen = TunedProtocol.choices(new Snapshot("tuned", "", runs, epochs), grid);
        assertEquals(4, chosen.size(), "2 conditions x 2 activation labels");
        for (String label : List.of("relu", "leakyrelu(0.1)")) {
            assertEquals(0.001, chosen.get(TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier", label)).learningRate());
            assertEquals(0.01, chosen.get(TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier, bn", label))
                    .learningRate());
        }
        List<TrialConfig> confirmed = grid.trials().stream().filter(t -> t.stage() == org.activationbench.grid.Stage.CONFIRMATION
                && TunedProtocol.atChosenRate(t, chosen)).toList();
        assertTrue(confirmed.stream().allMatch(t -> t.learningRate() == (t.batchNorm() ? 0.01 : 0.001)), confirmed.toString());
        assertEquals(2 * 2, confirmed.stream().filter(TrialConfig::batchNorm).count(), "2 labels x 2 confirmation seeds");
    }
}

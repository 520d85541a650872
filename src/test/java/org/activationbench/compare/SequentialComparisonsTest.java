package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.stats.SequentialDecision;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;

/**
 * The rounds of a sequential grid, played without Spark: trials "land" as observations made up in code, and each
 * round runs exactly what {@link SequentialComparisons#next} asks for.
 */
class SequentialComparisonsTest {

    /** relu against leakyrelu(0.01) (no difference) and leakyrelu(0.3) (1 point better), at epoch 2. */
    private static final GridSpec GRID = new GridParser(Vocabularies.standard()).parse("seq", """
            experiment = "seq"
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01, 0.3], epochs = [1, 2] }
            analysis.sequential { min-seeds = 5, max-seeds = 20, round-size = 5, target-half-width = 0.001 }
            """);

    /** The made-up test accuracy of a trial at epoch 2: seed noise shared by the pair, plus a little of its own. */
    private static Observation observe(TrialConfig t) {
        SplittableRandom seedNoise = new SplittableRandom(t.seed());
        SplittableRandom own = new SplittableRandom(t.trialId().hashCode());
        double effect = "leakyrelu(0.3)".equals(t.activationLabel()) ? 0.01 : 0;
        double[] values = new double[Metric.values().length];
        values[Metric.TEST_ACCURACY.ordinal()] = 0.97 + effect + 0.003 * seedNoise.nextGaussian() + 0.0015 * own.nextGaussian();
        return new Observation(t.dataset(), t.architecture(), t.strategy().name(), 2, t.activationLabel(), t.activation(),
                t.alpha(), t.seed(), values, Observation.FIXED, t.learningRate(), t.condition().label());
    }

    /** Plays rounds until none is asked for; returns the seeds each label ran. */
    private static Map<String, List<Long>> play(List<Observation> landed, Set<String> settled) {
        while (true) {
            SequentialComparisons now = new SequentialComparisons(GRID, landed, settled);
            List<TrialConfig> unsettled = GRID.trials().stream().filter(t -> !settled.contains(SequentialComparisons.key(GRID, t))).toList();
            List<TrialConfig> next = now.next(unsettled);
            if (next.isEmpty()) {
                break;
            }
            for (TrialConfig t : next) {
                landed.add(observe(t));
                settled.add(SequentialComparisons.key(GRID, t));
            }
        }
        return landed.stream().collect(Collectors.groupingBy(Observation::label, TreeMap::new,
                Collectors.mapping(Observation::seed, Collectors.toList())));
    }

    @Test
    void theFirstRoundIsMinSeedsOfEveryLabel() {
        List<TrialConfig> first = new SequentialComparisons(GRID, List.of(), Set.of()).next(GRID.trials());
        assertEquals(15, first.size());
        assertTrue(first.stream().allMatch(t -> t.seed() < 5));
    }

    /**
     * The 1-point difference is decided at the first look and runs no more seeds; the equal candidate goes on with the
     * baseline until its interval is narrow enough or max-seeds; the decisions are what a replay of all landed rows
     * gives, and the baseline ran exactly the seeds of its longest comparison.
     */
    @Test
    void aDecidedCandidateStopsWhileTheOpenOneGoesOnWithTheBaseline() {
        Map<String, List<Long>> ran = play(new ArrayList<>(), new HashSet<>());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ran.get("leakyrelu(0.3)"));
        int open = ran.get("leakyrelu(0.01)").size();
        assertTrue(open > 5, "the equal candidate needs more than one round: " + ran);
        assertEquals(open, ran.get("relu").size());

        List<Observation> all = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        GRID.trials().stream().filter(t -> t.seed() < ran.get(t.activationLabel()).size()).forEach(t -> {
            all.add(observe(t));
            settled.add(SequentialComparisons.key(GRID, t));
        });
        SequentialComparisons replay = new SequentialComparisons(GRID, all, settled);
        SequentialDecision better = replay.decision("mnist", "mlp", "per-task", "adam, xavier", 0.001, "leakyrelu(0.3)");
        SequentialDecision equal = replay.decision("mnist", "mlp", "per-task", "adam, xavier", 0.001, "leakyrelu(0.01)");
        assertEquals(SequentialDecision.Stop.DECIDED, better.stop());
        assertEquals(SequentialDecision.Outcome.GREATER, better.outcome());
        assertEquals(5, better.seedsUsed());
        assertTrue(!equal.open() && equal.seedsUsed() == open, equal.toString());
        assertEquals(List.of(), replay.next(GRID.trials().stream().filter(t -> !settled.contains(SequentialComparisons.key(GRID, t))).toList()));
    }

    /**
     * A driver killed in the middle of a round and resumed: the trials that landed stay, the round's missing ones are
     * asked for again (the family waits at its last complete look), and the run ends where an uninterrupted one does.
     */
    @Test
    void aRunKilledMidRoundResumesToTheSameSeeds() {
        Map<String, List<Long>> uninterrupted = play(new ArrayList<>(), new HashSet<>());
        List<Observation> landed = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        List<TrialConfig> first = new SequentialComparisons(GRID, landed, settled).next(GRID.trials());
        for (TrialConfig t : first.subList(0, 7)) {
            landed.add(observe(t));
            settled.add(SequentialComparisons.key(GRID, t));
        }
        List<TrialConfig> again = new SequentialComparisons(GRID, landed, settled)
                .next(GRID.trials().stream().filter(t -> !settled.contains(SequentialComparisons.key(GRID, t))).toList());
        assertEquals(first.subList(7, 15), again);
        assertEquals(uninterrupted, play(landed, settled));
    }

    /** The comparisons table's row for the sequential comparison carries its decision and the sequential verdict. */
    @Test
    void theTestAccuracyRowAtTheCheckpointCarriesTheDecision() {
        List<Observation> landed = new ArrayList<>();
        Set<String> settled = new HashSet<>();
        play(landed, settled);
        Analysis.Settings settings = Analysis.Settings.forGrid(GRID);
        List<Comparison> rows = ComparisonsTable.withSequential(new Analysis(settings).compare(landed),
                new SequentialComparisons(GRID, landed, settled));
        Comparison better = rows.stream().filter(c -> c.metric() == Metric.TEST_ACCURACY && c.candidate().equals("leakyrelu(0.3)"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.BETTER, better.verdict());
        assertEquals(5, better.sequential().seedsUsed());
        assertTrue(rows.stream().filter(c -> c.metric() != Metric.TEST_ACCURACY).allMatch(c -> c.sequential() == null));
    }
}

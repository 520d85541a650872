package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.activationbench.stats.SequentialDecision;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private final Analysis analysis = new Analysis(new Analysis.Settings("relu", 10_000, 1, 2));

    private static Comparison find(List<Comparison> all, int epoch, Metric metric, String candidate) {
        return all.stream().filter(c -> c.epoch() == epoch && c.metric() == metric && c.candidate().equals(candidate))
                .findFirst().orElseThrow();
    }

    @Test
    void aPlantedDifferenceIsFoundAndNoiseIsNot() {
        List<Comparison> all = analysis.compare(SyntheticRuns.snapshot().observations());
        // 1 architecture x 2 epochs x 6 metrics x 2 candidates; the trials have no looks, so no examples_to_* nor
        // accuracy_auc_epoch1 rows
        assertEquals(2 * 6 * 2, all.size());
        assertTrue(all.stream().noneMatch(c -> c.metric().inExamples() || c.metric() == Metric.ACCURACY_AUC_EPOCH1));
        Comparison leaky = find(all, 2, Metric.TEST_ACCURACY, "leakyrelu(0.1)");
        assertEquals(Verdict.BETTER, leaky.verdict());
        assertEquals(0.005, leaky.stats().meanDifference(), 0.001);
        assertTrue(leaky.stats().ciLow() > 0);
        Comparison elu = find(all, 2, Metric.TEST_ACCURACY, "elu");
        assertFalse(elu.verdict().significant(), elu.toString());
        assertEquals(2, leaky.familySize());
        assertEquals(8, leaky.stats().pairs());
        assertEquals(null, leaky.seedsToDecide(), "a decided comparison needs no more seeds");
        assertTrue(leaky.primary() && !find(all, 1, Metric.TEST_ACCURACY, "leakyrelu(0.1)").primary(),
                "test accuracy at the last checkpoint is the primary endpoint by default");
        assertEquals(Verdict.BETTER, find(all, 2, Metric.INACTIVE_FRACTION, "elu").verdict(),
                "a lower inactive fraction is better");
    }

    /**
     * The interval of a family of two at 8 pairs is the paired t interval at level 1 - 0.05 / 2: mean plus or minus
     * t(0.9875, 7 df) = 2.8412 (a t table's value) standard errors; and on every row the verdict, the adjusted p-value
     * and the equivalence p-value say what the interval says.
     */
    @Test
    void theVerdictIsReadFromABonferroniIntervalOnEveryRow() {
        List<Comparison> all = analysis.compare(SyntheticRuns.snapshot().observations());
        Comparison leaky = find(all, 1, Metric.TEST_LOSS, "leakyrelu(0.1)");
        double se = leaky.stats().sdDifference() / Math.sqrt(8);
        assertEquals(leaky.stats().meanDifference() - 2.8412 * se, leaky.interval().low(), 1e-4 * se);
        assertEquals(leaky.stats().meanDifference() + 2.8412 * se, leaky.interval().high(), 1e-4 * se);
        assertEquals(0.975, leaky.interval().level(), 1e-12);
        for (Comparison c : all) {
            double low = c.interval().low();
            double high = c.interval().high();
            boolean excludes = low > 0 || high < 0;
            boolean inside = low > -c.margin() && high < c.margin();
            Verdict expected = excludes ? ((low > 0) == c.metric().higherIsBetter() ? Verdict.BETTER : Verdict.WORSE)
                    : inside ? Verdict.EQUIVALENT : Verdict.UNDECIDED;
            assertEquals(expected, c.verdict(), c.toString());
            assertEquals(excludes, c.interval().pAdjusted() < 0.05, c.toString());
            assertEquals(inside, c.interval().pEquivalence() < 0.05, c.toString());
            assertEquals(excludes && inside, c.negligible(), c.toString());
            assertEquals(c.verdict() == Verdict.UNDECIDED, c.seedsToDecide() != null, c.toString());
        }
    }

    @Test
    void aFamilyWithTooFewPairsHasNoVerdict() {
        List<Observation> observations = new ArrayList<>(SyntheticRuns.snapshot().observations());
        observations.removeIf(o -> o.label().equals("elu") && o.seed() >= 2);
        Comparison elu = find(analysis.compare(observations), 1, Metric.TEST_ACCURACY, "elu");
        assertEquals(Verdict.NOT_TESTABLE, elu.verdict());
        assertFalse(elu.interval().defined());
        assertEquals(1, find(analysis.compare(observations), 1, Metric.TEST_ACCURACY, "leakyrelu(0.1)").familySize(),
                "a candidate with too few pairs leaves the family");
    }

    @Test
    void missingSeedsAreReportedAsUnpaired() {
        List<Observation> observations = new ArrayList<>(SyntheticRuns.snapshot().observations());
        observations.removeIf(o -> o.label().equals("elu") && o.seed() == 3);
        Comparison elu = find(analysis.compare(observations), 1, Metric.TEST_ACCURACY, "elu");
        assertEquals(7, elu.stats().pairs());
        assertEquals(1, elu.stats().unpairedBaseline());
        assertEquals(0, elu.stats().unpairedCandidate());
    }

    @Test
    void epochsToTargetIsCensoredAtTheNextEpoch() {
        Observation o = new Snapshot.EpochRow("t", "mnist", "mlp", "per-task", "relu", null, "relu", 0, 3, 0.1, 0.9, 0.1, 0.95,
                List.of(0.0), 0.0, null).observation();
        assertEquals(4.0, o.value(Metric.EPOCHS_TO_97));
    }

    @Test
    void noBaselineMeansNoComparison() {
        List<Observation> observations = new ArrayList<>(SyntheticRuns.snapshot().observations());
        observations.removeIf(o -> o.label().equals("relu"));
        assertTrue(analysis.compare(observations).isEmpty());
    }

    /**
     * A target not reached by a checkpoint counts as the examples seen there plus one look's worth: 3 looks per epoch
     * of 600 examples, the row of checkpoint 3 after one at epoch 1 holding epochs 2 and 3's looks: 1800 + 200.
     */
    @Test
    void examplesToTargetAreCensoredOneLookAfterTheCheckpoint() {
        Snapshot.LookRow looks = Snapshot.LookRow.of(3, 1000L, null, null, 0.8, List.of(800L, 1000L, 1200L, 1400L, 1600L, 1800L));
        assertEquals(2000.0, looks.censoredAt());
        Observation o = row("relu", 0, 3, looks).observation();
        assertEquals(1000.0, o.value(Metric.EXAMPLES_TO_97));
        assertFalse(o.censored(Metric.EXAMPLES_TO_97));
        assertEquals(2000.0, o.value(Metric.EXAMPLES_TO_98));
        assertTrue(o.censored(Metric.EXAMPLES_TO_98) && o.censored(Metric.EXAMPLES_TO_99));
        assertEquals(0.8, o.value(Metric.ACCURACY_AUC_EPOCH1));
        assertTrue(o.censored(Metric.EPOCHS_TO_97), "epoch_to_97 is null in this row");
    }

    /**
     * Trials with looks at checkpoint 1 (1000 examples per epoch, 10 looks: censored at 1100). relu reaches 97% at 600,
     * 800, 700 and never; leakyrelu(0.1) at 500, 600, 500 and 400: differences -100, -200, -200, -700, mean -300, one
     * trial censored. Neither reaches 99%: every trial censored at 1100, no difference.
     */
    @Test
    void looksAreComparedWithTheirCensoredTrialsCounted() {
        Long[] relu = {600L, 800L, 700L, null};
        Long[] leaky = {500L, 600L, 500L, 400L};
        double[] reluAuc = {0.80, 0.82, 0.81, 0.79};
        double[] leakyAuc = {0.85, 0.86, 0.84, 0.83};
        List<Long> curve = java.util.stream.LongStream.rangeClosed(0, 10).map(i -> i * 100).boxed().toList();
        List<Observation> observations = new ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            observations.add(row("relu", seed, 1, Snapshot.LookRow.of(1, relu[seed], null, null, reluAuc[seed], curve)).observation());
            observations.add(new Snapshot.EpochRow("l" + seed, "mnist", "mlp", "per-task", "leakyrelu", 0.1, "leakyrelu(0.1)",
                    seed, 1, 0.1, 0.9, 0.1, 0.95, List.of(0.0), 0.0, 1, 1e-3, Observation.FIXED, null,
                    Snapshot.LookRow.of(1, leaky[seed], null, null, leakyAuc[seed], curve)).observation());
        }
        List<Comparison> all = new Analysis(new Analysis.Settings("relu", 1000, 1, 1)).compare(observations);
        Comparison to97 = find(all, 1, Metric.EXAMPLES_TO_97, "leakyrelu(0.1)");
        assertEquals(-300, to97.stats().meanDifference(), 1e-9);
        assertEquals(1, to97.censored());
        assertEquals(15_000, to97.margin(), "the default margin of examples to a target");
        assertTrue(to97.verdict() != Verdict.NOT_REACHED, "7 of the 8 trials reached 97%: " + to97.verdict());
        Comparison to99 = find(all, 1, Metric.EXAMPLES_TO_99, "leakyrelu(0.1)");
        assertEquals(0, to99.stats().meanDifference(), 0.0);
        assertEquals(8, to99.censored());
        // Its interval, [0, 0], lies inside the margin, but it holds lower bounds only: no verdict, not "equivalent".
        assertEquals(Verdict.NOT_REACHED, to99.verdict());
        assertEquals(null, to99.seedsToDecide());
        SequentialDecision equivalent = new SequentialDecision(1, 4, 4, 0, 0, 0, 0.01, SequentialDecision.Stop.EQUIVALENT,
                SequentialDecision.Outcome.EQUIVALENT);
        assertEquals(Verdict.NOT_REACHED, to99.withSequential(equivalent, 0.95).verdict(), "decided sequentially too");
        assertEquals(Verdict.EQUIVALENT, to97.withSequential(equivalent, 0.95).verdict());
        Comparison auc = find(all, 1, Metric.ACCURACY_AUC_EPOCH1, "leakyrelu(0.1)");
        assertEquals(0.04, auc.stats().meanDifference(), 1e-12);
        assertEquals(null, auc.censored(), "the AUC is never censored");
        assertEquals(0.002, auc.margin());
        assertEquals(4, find(all, 1, Metric.EPOCHS_TO_97, "leakyrelu(0.1)").censored(), "relu's epoch_to_97 is null");
    }

    private static Snapshot.EpochRow row(String activation, long seed, int epoch, Snapshot.LookRow looks) {
        return new Snapshot.EpochRow(activation + seed, "mnist", "mlp", "per-task", activation, null, activation, seed, epoch, 0.1,
                0.9, 0.1, 0.95, List.of(0.0), 0.0, null, 1e-3, Observation.FIXED, null, looks);
    }
}

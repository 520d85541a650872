package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
        // 1 architecture x 2 epochs x 6 metrics x 2 candidates
        assertEquals(2 * Metric.values().length * 2, all.size());
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
}

package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private final Analysis analysis = new Analysis(new Analysis.Settings("relu", 10_000, 1));

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
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, elu.verdict());
        assertEquals(2, leaky.familySize());
        assertEquals(8, leaky.stats().pairs());
        assertTrue(leaky.seedsForPointOne() != null && leaky.seedsForPointOne() >= 2);
        assertEquals(Verdict.BETTER, find(all, 2, Metric.INACTIVE_FRACTION, "elu").verdict(),
                "a lower inactive fraction is better");
    }

    @Test
    void holmAdjustsWithinOneMetricAtOneCheckpoint() {
        List<Comparison> all = analysis.compare(SyntheticRuns.snapshot().observations());
        Comparison leaky = find(all, 1, Metric.TEST_LOSS, "leakyrelu(0.1)");
        Comparison elu = find(all, 1, Metric.TEST_LOSS, "elu");
        double[] expected = org.activationbench.stats.HolmCorrection.adjust(
                new double[] {elu.stats().pValue(), leaky.stats().pValue()});
        assertEquals(expected[0], elu.pValueHolm(), 1e-15);
        assertEquals(expected[1], leaky.pValueHolm(), 1e-15);
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

package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed independently with SciPy 1.10.1 (Debian python3-scipy):
 * {@code stats.ttest_rel}, {@code stats.wilcoxon(d, method='exact')} and
 * {@code stats.wilcoxon(d, zero_method='pratt', correction=True, method='approx')}.
 */
class PairedComparisonTest {

    private final PairedComparison comparison = new PairedComparison(new BootstrapInterval(10_000, 42));

    private static Pairing pairing(double[] baseline, double[] candidate) {
        Map<Long, Double> b = new java.util.HashMap<>();
        Map<Long, Double> c = new java.util.HashMap<>();
        for (int i = 0; i < baseline.length; i++) {
            b.put((long) i, baseline[i]);
            c.put((long) i, candidate[i]);
        }
        return Pairing.of(b, c);
    }

    @Test
    void pairedTTestMatchesScipy() {
        double[] b = {0.9701, 0.9702, 0.9710, 0.9722, 0.9699};
        double[] c = {0.9712, 0.9698, 0.9725, 0.9731, 0.9705};
        PairedResult r = comparison.compare(pairing(b, c));
        assertEquals(5, r.pairs());
        assertEquals(2.3102450019016207, r.tStatistic(), 1e-9);
        assertEquals(0.08201021279254736, r.pValueT(), 1e-9);
        assertEquals(0.00074, r.meanDifference(), 1e-12);
        assertEquals(r.meanDifference() / r.sdDifference(), r.cohensDz(), 1e-12);
    }

    @Test
    void exactWilcoxonMatchesScipy() {
        double[] c = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] b = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        PairedResult r = comparison.compare(pairing(b, c));
        assertEquals("exact", r.wilcoxonMethod());
        assertEquals(0.0390625, r.pValueWilcoxon(), 1e-12);
    }

    @Test
    void wilcoxonWithTiesAndAZeroUsesPrattAndTheNormalApproximation() {
        double[] d = {0.5, -0.5, 1.0, 1.0, 2.0, 0.0, 3.0, -1.5, 2.5, 0.5};
        double[] b = new double[d.length];
        PairedResult r = comparison.compare(pairing(b, d));
        assertTrue(r.wilcoxonMethod().startsWith("asymptotic"), r.wilcoxonMethod());
        assertEquals(0.09111734088481427, r.pValueWilcoxon(), 1e-9);
    }

    @Test
    void allZeroDifferencesLeaveWilcoxonUndefinedAndTheTTestAtOne() {
        double[] same = {0.97, 0.98, 0.96};
        PairedResult r = comparison.compare(pairing(same, same));
        assertTrue(Double.isNaN(r.pValueWilcoxon()));
        assertEquals("undefined (all differences zero)", r.wilcoxonMethod());
        assertTrue(Double.isNaN(r.pValueT()));
        assertEquals(1.0, r.pValue());
        assertEquals(0.0, r.ciLow());
        assertEquals(0.0, r.ciHigh());
    }

    /** Five pairs all 2 epochs apart: no spread, so no t; the exact sign test gives 2 * 0.5^5 = 0.0625. */
    @Test
    void identicalNonZeroDifferencesFallBackToTheExactSignTest() {
        PairedResult r = comparison.compare(pairing(new double[] {2, 2, 2, 2, 2}, new double[] {4, 4, 4, 4, 4}));
        assertTrue(Double.isNaN(r.pValueT()));
        assertEquals(0.0625, r.pValue(), 1e-15);
        assertEquals(2.0, r.meanDifference());
    }

    @Test
    void unpairedSeedsAreCountedNotCompared() {
        Pairing p = Pairing.of(Map.of(0L, 1.0, 1L, 2.0, 2L, 3.0), Map.of(1L, 2.5, 2L, 3.5, 9L, 7.0));
        assertEquals(2, p.size());
        assertEquals(1, p.unpairedBaseline());
        assertEquals(1, p.unpairedCandidate());
        assertEquals(java.util.List.of(1L, 2L), p.seeds());
    }
}

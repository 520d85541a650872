package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class GroupSequentialBoundariesTest {

    private static final AlphaSpending OBF = new AlphaSpending(AlphaSpending.Shape.OBRIEN_FLEMING, 0.05);
    private static final AlphaSpending POCOCK = new AlphaSpending(AlphaSpending.Shape.POCOCK, 0.05);

    /**
     * Five equally spaced looks, O'Brien-Fleming-type spending, two-sided 0.05: the boundaries published by Reboussin,
     * DeMets, Kim and Lan (2000, the ld98 program; R's ldbounds gives the same): 4.877, 3.357, 2.680, 2.290, 2.031.
     */
    @Test
    void fiveEqualLooksGiveThePublishedBoundaries() {
        double[] c = GroupSequentialBoundaries.compute(new double[] {0.2, 0.4, 0.6, 0.8, 1.0}, OBF);
        assertArrayEquals(new double[] {4.877, 3.357, 2.680, 2.290, 2.031}, c, 2e-3);
    }

    /** One look is the fixed design, whatever the shape: the two-sided normal quantile. */
    @Test
    void oneLookIsTheFixedDesign() {
        assertEquals(1.95996, GroupSequentialBoundaries.compute(new double[] {1.0}, OBF)[0], 1e-4);
        assertEquals(1.95996, GroupSequentialBoundaries.compute(new double[] {1.0}, POCOCK)[0], 1e-4);
    }

    /**
     * Brownian paths observed at the looks of a 5..30 seeds design in rounds of 5 cross some boundary with the
     * probability spent, 0.05, and the first three looks' boundaries with the probability spent by then.
     */
    @Test
    void brownianPathsCrossWithTheSpentProbability() {
        double[] t = {5 / 30.0, 10 / 30.0, 15 / 30.0, 20 / 30.0, 25 / 30.0, 1.0};
        for (AlphaSpending spending : new AlphaSpending[] {OBF, POCOCK}) {
            double[] c = GroupSequentialBoundaries.compute(t, spending);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(19);
            var normal = NormalDistribution.of(0, 1).createSampler(rng);
            int paths = 400_000;
            int crossed = 0;
            int crossedByThird = 0;
            for (int p = 0; p < paths; p++) {
                double s = 0;
                double previous = 0;
                for (int k = 0; k < t.length; k++) {
                    s += Math.sqrt(t[k] - previous) * normal.sample();
                    previous = t[k];
                    if (Math.abs(s / Math.sqrt(t[k])) >= c[k]) {
                        crossed++;
                        crossedByThird += k <= 2 ? 1 : 0;
                        break;
                    }
                }
            }
            // Binomial standard error of 0.05 over 400,000 paths: 0.00034; 4 of them.
            assertEquals(0.05, crossed / (double) paths, 0.0014, spending.shape().label());
            double byThird = spending.spent(0.5);
            assertEquals(byThird, crossedByThird / (double) paths, 4 * Math.sqrt(byThird / paths), spending.shape().label());
            assertTrue(c[0] > c[5] && c[5] > 1.96, "early looks are stricter, the last stricter than fixed: "
                    + java.util.Arrays.toString(c));
        }
    }
}

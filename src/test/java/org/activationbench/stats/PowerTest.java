package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.TTest;
import org.junit.jupiter.api.Test;

class PowerTest {

    /**
     * The detectable difference must really be detected 80% of the time: simulate n pairs with differences
     * N(delta, 1) many times and count how often the paired t-test rejects at 0.05.
     */
    @Test
    void theDetectableDifferenceHasEightyPercentPowerBySimulation() {
        for (int n : new int[] {5, 10, 30}) {
            double delta = Power.minimumDetectableDifference(n, 1.0);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(n);
            var normal = NormalDistribution.of(delta, 1.0).createSampler(rng);
            int rejected = 0;
            int trials = 20_000;
            for (int t = 0; t < trials; t++) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = normal.sample();
                }
                if (TTest.withDefaults().test(d).getPValue() < 0.05) {
                    rejected++;
                }
            }
            double power = rejected / (double) trials;
            assertEquals(0.80, power, 0.02, "n = " + n + ", delta = " + delta);
        }
    }

    /** (t(0.975, 9) + t(0.8, 9)) / sqrt(10) = (2.262157 + 0.883404) / 3.162278 = 0.994714. */
    @Test
    void detectableDifferenceFormula() {
        assertEquals(0.994714, Power.minimumDetectableDifference(10, 1.0), 1e-5);
        assertTrue(Double.isNaN(Power.minimumDetectableDifference(1, 1.0)));
    }

    @Test
    void pairsNeededIsTheSmallestSufficientCount() {
        int n = Power.pairsNeeded(0.5, 1.0);
        assertTrue(Power.minimumDetectableDifference(n, 1.0) <= 0.5);
        assertTrue(Power.minimumDetectableDifference(n - 1, 1.0) > 0.5);
        assertEquals(34, n);
        assertNull(Power.pairsNeeded(1e-6, 1.0));
        assertNull(Power.pairsNeeded(0.1, Double.NaN));
    }
}

package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

    /**
     * Coverage on a known distribution: samples of 40 from N(0.3, 1); the 95% interval of the mean must contain 0.3
     * in about 95% of 500 repetitions (binomial sd 1%; the percentile bootstrap runs slightly under at n = 40).
     */
    @Test
    void coversTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        var normal = NormalDistribution.of(0.3, 1.0).createSampler(rng);
        int covered = 0;
        int repetitions = 500;
        for (int rep = 0; rep < repetitions; rep++) {
            double[] sample = new double[40];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = normal.sample();
            }
            BootstrapInterval.Interval ci = new BootstrapInterval(2000, rep).mean(sample, 0.95);
            if (ci.low() <= 0.3 && 0.3 <= ci.high()) {
                covered++;
            }
        }
        double coverage = covered / (double) repetitions;
        assertTrue(coverage > 0.91 && coverage < 0.98, "coverage " + coverage);
    }

    @Test
    void isSeededAndBracketsTheMean() {
        double[] values = {0.1, 0.4, -0.2, 0.3, 0.25, 0.05};
        BootstrapInterval.Interval a = new BootstrapInterval(10_000, 1).mean(values, 0.95);
        BootstrapInterval.Interval b = new BootstrapInterval(10_000, 1).mean(values, 0.95);
        assertEquals(a, b);
        assertTrue(a.low() < 0.15 && 0.15 < a.high());
        assertTrue(a.low() >= -0.2 && a.high() <= 0.4);
    }

    @Test
    void quantileInterpolatesLikeRsTypeSeven() {
        double[] sorted = {1, 2, 3, 4};
        // R: quantile(1:4, c(0.1, 0.5)) = 1.3, 2.5
        assertEquals(1.3, BootstrapInterval.quantile(sorted, 0.1), 1e-12);
        assertEquals(2.5, BootstrapInterval.quantile(sorted, 0.5), 1e-12);
    }
}

package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HolmCorrectionTest {

    /**
     * Worked by hand: sorted 0.005, 0.01, 0.03, 0.04 with m = 4 give 0.02, 0.03, 0.06, 0.04 -> made
     * non-decreasing 0.02, 0.03, 0.06, 0.06. Same as R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm").
     */
    @Test
    void stepDownWithMonotonicity() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
    }

    @Test
    void capsAtOneAndLeavesNaNOutOfTheFamily() {
        // m = 2 (the NaN is not a test): 0.3 * 2 = 0.6, then 0.7 * 1 = 0.7.
        assertArrayEquals(new double[] {0.6, Double.NaN, 0.7}, HolmCorrection.adjust(new double[] {0.3, Double.NaN, 0.7}), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.0}, HolmCorrection.adjust(new double[] {0.6, 0.9}), 1e-15);
    }

    @Test
    void aSingleTestIsUnchanged() {
        assertArrayEquals(new double[] {0.042}, HolmCorrection.adjust(new double[] {0.042}), 0.0);
    }
}

package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    /** R: t.test(c(1, 2, 3, 4, 5))$conf.int = 1.036757 4.963243 (mean 3, sd 1.581139, n 5, t(4, .975) = 2.776445). */
    @Test
    void matchesRsOneSampleTInterval() {
        MeanInterval i = MeanInterval.t95(3, Math.sqrt(2.5), 5);
        assertEquals(3, i.mean(), 0);
        assertEquals(1.036757, i.low(), 1e-6);
        assertEquals(4.963243, i.high(), 1e-6);
    }

    @Test
    void oneValueHasNoInterval() {
        MeanInterval i = MeanInterval.t95(0.97, Double.NaN, 1);
        assertEquals(0.97, i.low(), 0);
        assertEquals(0.97, i.high(), 0);
    }
}

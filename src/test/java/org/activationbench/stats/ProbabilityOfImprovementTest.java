package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbabilityOfImprovementTest {

    private final ProbabilityOfImprovement improvement = new ProbabilityOfImprovement(new BootstrapInterval(10_000, 1));

    /** 3 wins, 1 tie, 1 loss of 5 pairs: (3 + 0.5) / 5 = 0.7. */
    @Test
    void theShareOfSeedsOnWhichTheCandidateWinsTiesCountingHalf() {
        double[] d = {0.002, 0.001, 0.0, -0.001, 0.003};
        assertArrayEquals(new double[] {1, 1, 0.5, 0, 1}, ProbabilityOfImprovement.wins(d, true));
        ProbabilityOfImprovement.Estimate e = improvement.of(d, true);
        assertEquals(0.7, e.probability(), 1e-12);
        assertTrue(e.low() < 0.7 && e.high() > 0.7 && e.low() >= 0 && e.high() <= 1, e.toString());
        // For a loss a negative difference is the improvement: 1 win, 1 tie, 3 losses.
        assertEquals(0.3, improvement.of(d, false).probability(), 1e-12);
    }

    @Test
    void aCandidateBetterOnEverySeedHasADegenerateIntervalAtOne() {
        ProbabilityOfImprovement.Estimate e = improvement.of(new double[] {0.1, 0.2, 0.3}, true);
        assertEquals(new ProbabilityOfImprovement.Estimate(1, 1, 1), e);
        assertTrue(Double.isNaN(improvement.of(new double[0], true).probability()));
    }

    /** One or two pairs have a share, but no interval: resampling them would only repeat them and look certain. */
    @Test
    void fewerPairsThanAPairedTestNeedsHaveNoInterval() {
        for (double[] d : new double[][] {{0.1}, {0.1, 0.2}}) {
            ProbabilityOfImprovement.Estimate e = improvement.of(d, true);
            assertEquals(1.0, e.probability());
            assertTrue(Double.isNaN(e.low()) && Double.isNaN(e.high()), e.toString());
        }
    }
}

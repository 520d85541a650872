package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Intervals checked against quantiles of the t distribution computed apart (a t table, and Simpson's rule on the t
 * density): differences 1, 2, 3, 4, 5 have mean 3 and standard error 0.70711; with 4 degrees of freedom
 * t(0.975) = 2.7764, t(0.99375) = 4.3147 (a family of 4), the two-sided p of t = 4.2426 is 0.01324 and the one-sided
 * p of t = 2.8284 is 0.02371.
 */
class FamilyIntervalTest {

    private static PairedResult result(double mean, double sd, int pairs) {
        return new PairedResult(pairs, 0, 0, 0, mean, mean, sd, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "", Double.NaN, Double.NaN);
    }

    private static final PairedResult ONE_TO_FIVE = result(3, Math.sqrt(2.5), 5);

    @Test
    void aFamilyOfOneIsTheUsualPairedTInterval() {
        FamilyInterval i = FamilyInterval.of(ONE_TO_FIVE, 1, 0.05, 5);
        assertEquals(3 - 2.7764 * 0.70711, i.low(), 1e-3);
        assertEquals(3 + 2.7764 * 0.70711, i.high(), 1e-3);
        assertEquals(0.95, i.level(), 1e-12);
        assertEquals(0.01324, i.pAdjusted(), 2e-5);
        assertEquals(2 * 0.02371, i.pEquivalence(), 1e-4, "the upper one-sided test against +5 is the larger");
        assertEquals(SequentialDecision.Outcome.GREATER, MarginDecision.of(i.low(), i.high(), 5));
        assertTrue(MarginDecision.negligible(i.low(), i.high(), 5), "inside +-5 although it excludes 0");
    }

    @Test
    void aLargerFamilyWidensTheIntervalAndMultipliesThePValues() {
        FamilyInterval i = FamilyInterval.of(ONE_TO_FIVE, 4, 0.05, 5);
        assertEquals(3 - 4.3147 * 0.70711, i.low(), 1e-3);
        assertEquals(0.9875, i.level(), 1e-12);
        assertEquals(4 * 0.01324, i.pAdjusted(), 1e-4);
        assertEquals(Math.min(1, 8 * 0.02371), i.pEquivalence(), 1e-3);
        assertEquals(SequentialDecision.Outcome.UNDECIDED, MarginDecision.of(i.low(), i.high(), 5),
                "from -0.05 to 6.05: it covers 0 and reaches past the margin");
        assertTrue(i.pAdjusted() >= 0.05 && i.pEquivalence() >= 0.05);
    }

    @Test
    void coveringZeroInsideTheMarginIsEquivalentAndReachingPastItUndecided() {
        FamilyInterval narrow = FamilyInterval.of(result(0.1, 0.2, 10), 1, 0.05, 0.5);
        assertEquals(SequentialDecision.Outcome.EQUIVALENT, MarginDecision.of(narrow.low(), narrow.high(), 0.5));
        assertTrue(narrow.pEquivalence() < 0.05 && narrow.pAdjusted() >= 0.05);
        FamilyInterval wide = FamilyInterval.of(result(0.1, 2, 10), 1, 0.05, 0.5);
        assertEquals(SequentialDecision.Outcome.UNDECIDED, MarginDecision.of(wide.low(), wide.high(), 0.5));
        assertTrue(wide.pEquivalence() >= 0.05 && wide.pAdjusted() >= 0.05);
    }

    @Test
    void fewerThanThreePairsHaveNoInterval() {
        FamilyInterval two = FamilyInterval.of(result(1, 0.1, 2), 1, 0.05, 0.5);
        assertFalse(two.defined());
        assertEquals(SequentialDecision.Outcome.UNDECIDED, MarginDecision.of(two.low(), two.high(), 0.5));
    }

    /**
     * With sd 1 and margin 1 (a family of one) the normal approximation asks for (1.96 + 1.2816)^2 = 10.5 pairs; the
     * t quantiles of small samples ask for a few more, and never fewer.
     */
    @Test
    void seedsToShowEquivalenceGrowWithTheSpreadAndTheFamily() {
        int one = Power.pairsToShowEquivalence(1.0, 1.0, 1);
        assertTrue(one >= 11 && one <= 14, "pairs " + one);
        assertTrue(Power.pairsToShowEquivalence(1.0, 1.0, 4) > one);
        int wider = Power.pairsToShowEquivalence(1.0, 2.0, 1);
        assertTrue(wider >= 4 * 10.5 && wider <= 4 * 10.5 + 4, "four times the variance, about four times the pairs: " + wider);
        assertNull(Power.pairsToShowEquivalence(1.0, Double.NaN, 1));
    }
}

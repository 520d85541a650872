package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Replays of hand-made families: what stops when, and why; and that a partial replay agrees with the full one. */
class SequentialFamilyTest {

    private static final SequentialDesign DESIGN = new SequentialDesign(5, 30, 5, 0.001, 0.05, AlphaSpending.Shape.POCOCK);

    @Test
    void looksAreTheFirstRoundThenEveryRoundUpToTheMaximum() {
        assertEquals(List.of(5, 10, 15, 20, 25, 30), Arrays.stream(DESIGN.seedsAtLooks()).boxed().toList());
        assertEquals(List.of(5, 12, 19, 26, 30),
                Arrays.stream(new SequentialDesign(5, 30, 7, 0.001, 0.05, AlphaSpending.Shape.OBRIEN_FLEMING).seedsAtLooks()).boxed().toList());
        assertEquals(List.of(10), Arrays.stream(new SequentialDesign(10, 10, 1, 0.001, 0.05, AlphaSpending.Shape.OBRIEN_FLEMING).seedsAtLooks()).boxed().toList());
    }

    /**
     * A candidate 0.7 points better with a 0.15-point spread (t = 10 at 5 seeds, one-sided p = 3e-4 on 4 degrees of
     * freedom) is decided at the first look with Pocock-type spending, whose first boundary at alpha / 2 asks for a
     * one-sided p of about 3e-3; the O'Brien-Fleming-type one asks for about 1e-9 there and decides it at the second
     * look (t = 14 on 9 degrees of freedom). A candidate with the same value as the baseline on every seed has a
     * zero-width interval and stops at the first look as equivalent.
     */
    @Test
    void aLargeDifferenceIsDecidedEarlyAndNoDifferenceIsEquivalent() {
        double[] better = new double[30];
        for (int i = 0; i < 30; i++) {
            better[i] = 0.007 + (i % 2 == 0 ? 0.0015 : -0.0015);
        }
        double[] same = new double[30];
        List<SequentialDecision> d = new SequentialFamily(DESIGN, 2).decide(List.of(better, same), new int[] {30, 30});
        assertEquals(SequentialDecision.Stop.DECIDED, d.get(0).stop());
        assertEquals(SequentialDecision.Outcome.GREATER, d.get(0).outcome());
        assertEquals(5, d.get(0).seedsUsed());
        assertEquals(1, d.get(0).look());
        assertEquals(SequentialDecision.Stop.EQUIVALENT, d.get(1).stop());
        assertEquals(SequentialDecision.Outcome.EQUIVALENT, d.get(1).outcome());
        assertEquals(5, d.get(1).seedsUsed());
        SequentialDesign late = new SequentialDesign(5, 30, 5, 0.001, 0.05, AlphaSpending.Shape.OBRIEN_FLEMING);
        SequentialDecision obf = new SequentialFamily(late, 2).decide(List.of(better, same), new int[] {30, 30}).get(0);
        assertEquals(SequentialDecision.Outcome.GREATER, obf.outcome());
        assertEquals(10, obf.seedsUsed());
    }

    /**
     * Seeds that have not landed hold the family at its last complete look, and the decisions reached once they land
     * are those of a replay of all the data: what a driver killed between rounds and resumed relies on.
     */
    @Test
    void aPartialReplayWaitsAndTheFullOneAgreesWithUninterruptedRounds() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        var noise = NormalDistribution.of(0, 0.0015).createSampler(rng);
        List<double[]> diffs = new ArrayList<>();
        for (double shift : new double[] {0.0, 0.0005, 0.002}) {
            double[] d = new double[30];
            for (int i = 0; i < 30; i++) {
                d[i] = shift + noise.sample();
            }
            diffs.add(d);
        }
        SequentialFamily family = new SequentialFamily(DESIGN, 3);
        List<SequentialDecision> partial = family.decide(diffs, new int[] {12, 12, 9});
        assertTrue(partial.stream().allMatch(d -> d.look() <= 1), "9 landed seeds allow only the first look: " + partial);
        List<SequentialDecision> full = family.decide(diffs, new int[] {30, 30, 30});
        // Landing exactly what each open candidate needs, round by round, gives the same decisions as all at once.
        int[] landed = {5, 5, 5};
        for (int round = 0; round < 6; round++) {
            List<SequentialDecision> now = family.decide(diffs, landed);
            for (int i = 0; i < 3; i++) {
                if (now.get(i).open()) {
                    landed[i] = Math.min(30, landed[i] + 5);
                }
            }
        }
        assertEquals(full, family.decide(diffs, landed));
        assertTrue(full.stream().noneMatch(SequentialDecision::open));
    }

    /**
     * Every decision is read from the interval it reports: decided exactly where the interval excludes 0, in the
     * direction of that look's mean; equivalent exactly where it lies inside the margin; over random families of
     * several sizes and true differences.
     */
    @Test
    void everyDecisionAgreesWithItsInterval() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        var noise = NormalDistribution.of(0, 0.002).createSampler(rng);
        int checked = 0;
        for (int family = 0; family < 200; family++) {
            int m = 1 + family % 4;
            List<double[]> diffs = new ArrayList<>();
            for (int c = 0; c < m; c++) {
                double shift = (c - 1) * 0.001;
                double[] d = new double[30];
                for (int i = 0; i < 30; i++) {
                    d[i] = shift + noise.sample();
                }
                diffs.add(d);
            }
            int[] landed = new int[m];
            Arrays.fill(landed, 30);
            for (SequentialDecision d : new SequentialFamily(DESIGN, m).decide(diffs, landed)) {
                boolean excludesZero = d.low() > 0 || d.high() < 0;
                boolean inside = d.low() > -DESIGN.targetHalfWidth() && d.high() < DESIGN.targetHalfWidth();
                assertEquals(excludesZero, d.stop() == SequentialDecision.Stop.DECIDED, d.toString());
                assertEquals(inside && !excludesZero, d.stop() == SequentialDecision.Stop.EQUIVALENT, d.toString());
                assertEquals(excludesZero ? (d.low() > 0 ? SequentialDecision.Outcome.GREATER : SequentialDecision.Outcome.LESS)
                        : inside ? SequentialDecision.Outcome.EQUIVALENT : SequentialDecision.Outcome.UNDECIDED, d.outcome(),
                        d.toString());
                assertEquals(d.low() > 0, d.meanDifference() > 0 && excludesZero, "the sign is that of the deciding look");
                checked++;
            }
        }
        assertEquals(500, checked);
    }

    /** Differences with no spread: t is infinite, the test rejects, the interval has no width. */
    @Test
    void aConstantNonZeroDifferenceIsDecidedAtTheFirstLook() {
        double[] d = new double[30];
        Arrays.fill(d, -0.002);
        SequentialDecision only = new SequentialFamily(DESIGN, 1).decide(List.of(d), new int[] {30}).get(0);
        assertEquals(SequentialDecision.Outcome.LESS, only.outcome());
        assertEquals(5, only.seedsUsed());
    }

    /** Diverged trials leave holes: the look counts the pairs it has, and a look with fewer than two has no test. */
    @Test
    void missingPairsAreSkippedNotCountedAsZero() {
        double[] d = new double[30];
        Arrays.fill(d, Double.NaN);
        d[0] = 0.01;
        SequentialDecision only = new SequentialFamily(DESIGN, 1).decide(List.of(d), new int[] {30}).get(0);
        assertEquals(SequentialDecision.Stop.MAX_SEEDS, only.stop());
        assertEquals(SequentialDecision.Outcome.UNDECIDED, only.outcome());
        assertEquals(1, only.pairs());
        assertEquals(30, only.seedsUsed());
    }
}

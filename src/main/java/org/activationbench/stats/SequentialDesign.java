package org.activationbench.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Paired seeds in rounds: a first look after {@code minSeeds} pairs, then one every {@code roundSize} more, up to
 * {@code maxSeeds}; a comparison stops when decided, when its interval's half-width falls below
 * {@code targetHalfWidth}, or at the last look. {@code alpha} is the family-wise error rate of the decisions.
 */
public record SequentialDesign(int minSeeds, int maxSeeds, int roundSize, double targetHalfWidth, double alpha,
        AlphaSpending.Shape spendingShape) {

    /** The t statistic needs two degrees of freedom at the first look to have a finite variance. */
    public static final int MIN_FIRST_LOOK = 3;
    /** More looks than this buy nothing (the boundaries barely change) and cost integration time. */
    public static final int MAX_LOOKS = 100;

    public SequentialDesign {
        if (minSeeds < MIN_FIRST_LOOK || maxSeeds < minSeeds || roundSize < 1 || !(targetHalfWidth > 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("invalid design: min " + minSeeds + ", max " + maxSeeds + ", round "
                    + roundSize + ", target " + targetHalfWidth + ", alpha " + alpha);
        }
        if (looks(minSeeds, maxSeeds, roundSize) > MAX_LOOKS) {
            throw new IllegalArgumentException("invalid design: " + looks(minSeeds, maxSeeds, roundSize) + " looks, at most "
                    + MAX_LOOKS);
        }
    }

    /** How many looks a design of these sizes has: the first, one per round after it, and one at max if it falls between. */
    public static int looks(int minSeeds, int maxSeeds, int roundSize) {
        return 1 + (maxSeeds - minSeeds + roundSize - 1) / roundSize;
    }

    /** The spending function of this design's shape at level {@code level} (alpha, or a Holm level alpha / r). */
    AlphaSpending spending(double level) {
        return new AlphaSpending(spendingShape, level);
    }

    /** The number of seeds at each look, increasing, the last being {@code maxSeeds}. */
    public int[] seedsAtLooks() {
        return IntStream.range(0, looks(minSeeds, maxSeeds, roundSize))
                .map(k -> Math.min(minSeeds + k * roundSize, maxSeeds)).toArray();
    }

    /** The information fraction of each look: its seeds over {@code maxSeeds}. */
    double[] fractions() {
        return Arrays.stream(seedsAtLooks()).mapToDouble(n -> n == maxSeeds ? 1.0 : n / (double) maxSeeds).toArray();
    }
}

package org.activationbench.grid;

import java.util.List;

/**
 * {@code analysis.sequential}: run paired seeds in rounds until every comparison of the grid's test accuracy at
 * {@code epoch} is decided, precise enough, or at {@code maxSeeds}. The seeds are 0 .. maxSeeds - 1, taken in order.
 *
 * @param targetHalfWidth the half-width (accuracy as a fraction: 0.001 is 0.1 point) below which a comparison stops
 * @param epoch           the checkpoint the decisions are made at
 * @param spending        the alpha-spending shape: {@code pocock} or {@code obrien-fleming}
 */
public record SequentialSettings(int minSeeds, int maxSeeds, int roundSize, double targetHalfWidth, int epoch,
        String spending) {

    public static final int DEFAULT_MIN_SEEDS = 5;
    public static final int DEFAULT_MAX_SEEDS = 30;
    public static final int DEFAULT_ROUND_SIZE = 5;
    public static final double DEFAULT_TARGET_HALF_WIDTH = 0.001;
    public static final List<String> SPENDINGS = List.of("pocock", "obrien-fleming");
    /** A paired t statistic needs two degrees of freedom at the first look to have a finite variance. */
    public static final int MIN_FIRST_LOOK = 3;
    /** More looks than this buy nothing (the boundaries barely change) and cost integration time. */
    public static final int MAX_LOOKS = 100;

    /** How many looks a design of these sizes has: the first, one per round after it, the last at max-seeds. */
    public static int looks(int minSeeds, int maxSeeds, int roundSize) {
        return 1 + (maxSeeds - minSeeds + roundSize - 1) / roundSize;
    }
}

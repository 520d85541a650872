package org.activationbench.grid;

import java.util.List;

/**
 * {@code protocol = tuned}: stage 1 runs every activation at every one of {@code grid.learning-rates} on the tuning
 * seeds; each activation label's rate is chosen by mean validation accuracy at {@code epoch}; stage 2 runs it at that
 * rate on the grid's seeds (the confirmation seeds, disjoint from the tuning seeds).
 *
 * @param seeds        the tuning seeds ({@code tuning.seeds}: a count from {@link #DEFAULT_FIRST_SEED}, or a list)
 * @param epoch        the checkpoint the choice is made at ({@code tuning.epoch}, one of grid.epochs)
 * @param compareFixed also run every activation at training.learning-rate on the confirmation seeds (stage
 *                     {@code fixed}), so that one report compares the fixed and the tuned verdicts
 */
public record Tuning(List<Long> seeds, int epoch, boolean compareFixed) implements java.io.Serializable {

    /** Tuning seeds given as a count start here, far from the confirmation seeds 0, 1, 2, ... */
    public static final long DEFAULT_FIRST_SEED = 1000;
    public static final int DEFAULT_SEEDS = 5;

    public Tuning {
        seeds = List.copyOf(seeds);
    }
}

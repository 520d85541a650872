package org.activationbench.train;

import java.util.SplittableRandom;

/**
 * The order in which a trial sees its training examples in one epoch: a Fisher-Yates shuffle from a generator seeded
 * by (seed, epoch), so trials with the same seed see the same batches whatever their activation or strategy.
 */
public final class ExampleOrder {

    private ExampleOrder() {}

    /** The order of {@code count} examples in epoch {@code epoch} of a trial with this seed. */
    public static int[] of(int count, long seed, int epoch) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

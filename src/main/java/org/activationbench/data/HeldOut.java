package org.activationbench.data;

import java.util.Random;

/**
 * Which training examples a validation split holds: a Fisher-Yates shuffle driven by {@link java.util.Random}, whose
 * sequence the Java specification fixes, so the split is the same on every JVM and machine.
 */
final class HeldOut {

    /**
     * The last split made, by source (identity), size and seed: every trial on an executor holds out the same examples
     * of the same cached dataset, so they share one copy instead of each making its own (the whole MNIST training set
     * is 188 MB of floats).
     */
    private static Dataset lastSource;
    private static int lastExamples;
    private static long lastSeed;
    private static Dataset lastSplit;

    private HeldOut() {}

    static synchronized Dataset cached(Dataset source, int examples, long seed) {
        if (source != lastSource || examples != lastExamples || seed != lastSeed) {
            lastSplit = source.split(examples, seed);
            lastSource = source;
            lastExamples = examples;
            lastSeed = seed;
        }
        return lastSplit;
    }

    /** A mask over {@code count} examples with {@code examples} of them set. */
    static boolean[] indices(int count, int examples, long seed) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] held = new boolean[count];
        for (int i = 0; i < examples; i++) {
            held[order[i]] = true;
        }
        return held;
    }
}

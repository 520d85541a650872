package org.activationbench.grid;

import java.io.Serializable;

/**
 * {@code data.validation-examples} and {@code data.validation-seed}: this many examples held out of the training set,
 * drawn by a permutation seeded with {@code seed}; the same for every trial of a grid, so that choices made on it never
 * see the test set.
 */
public record ValidationSplit(int examples, long seed) implements Serializable {

    public static final long DEFAULT_SEED = 20_250_101L;

    public ValidationSplit {
        if (examples <= 0) {
            throw new IllegalArgumentException("validation examples must be positive, found " + examples);
        }
    }

    /** The part of a trial's canonical form; only present when a split is set, so older trial ids stay valid. */
    String canonical() {
        return ";validation_examples=" + examples + ";validation_seed=" + seed;
    }
}

package org.activationbench.grid;

import java.io.Serializable;

/**
 * {@code evaluation.looks-per-epoch} and {@code evaluation.examples}: a trial measures the accuracy of the first
 * {@code examples} examples of its validation split (of its test set when it has none) this many times per epoch,
 * at evenly spread minibatch boundaries, and once before training. Looking changes no parameter; it measures how fast
 * the accuracy rises at a finer grain than an epoch.
 *
 * @param perEpoch looks per epoch; 0 for none (the default)
 * @param examples examples of the split evaluated at a look (all of it when it is smaller)
 */
public record EvaluationLooks(int perEpoch, int examples) implements Serializable {

    public static final int DEFAULT_EXAMPLES = 2000;
    /** No looks: the default. */
    public static final EvaluationLooks OFF = new EvaluationLooks(0, DEFAULT_EXAMPLES);

    public EvaluationLooks {
        if (perEpoch < 0) {
            throw new IllegalArgumentException("looks per epoch must be 0 (none) or positive, found " + perEpoch);
        }
        if (examples <= 0) {
            throw new IllegalArgumentException("examples evaluated at a look must be positive, found " + examples);
        }
    }

    /** Whether a trial looks between checkpoints at all. */
    public boolean on() {
        return perEpoch > 0;
    }

    /**
     * The part of a trial's canonical form: nothing when off, so the ids of trials from before looks existed stay
     * valid; both settings when on, as they change what the trial measures.
     */
    String canonical() {
        return on() ? ";looks_per_epoch=" + perEpoch + ";look_examples=" + examples : "";
    }
}

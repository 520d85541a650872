package org.activationbench.train;

/**
 * When a trial saves its state: after every checkpoint epoch, and between two minibatches once {@code everyNanos} of
 * wall time have passed since the last save (0: only at checkpoints), into {@code store}.
 */
public record StateSaving(StateStore store, long everyNanos) {

    /** Saves nothing. */
    public static final StateSaving NONE = new StateSaving(StateStore.NONE, 0);

    public StateSaving {
        if (everyNanos < 0) {
            throw new IllegalArgumentException("the interval between saves must be 0 (off) or positive, found " + everyNanos + " ns");
        }
    }

    /** Saves to {@code store} at checkpoints and every {@code minutes} minutes of training (0: at checkpoints only). */
    public static StateSaving every(StateStore store, double minutes) {
        return new StateSaving(store, Math.round(minutes * 60e9));
    }

    boolean enabled() {
        return store != StateStore.NONE;
    }
}

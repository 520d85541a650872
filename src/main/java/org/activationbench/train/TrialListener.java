package org.activationbench.train;

import java.util.function.Consumer;

/** Follows a trial as it trains: the time of every epoch, and each checkpoint's metrics as they are measured. */
public interface TrialListener {

    TrialListener NONE = new TrialListener() {};

    /** @param trainSeconds wall time of this epoch's training steps alone */
    default void onEpoch(int epoch, double trainSeconds) {}

    /** Called with a checkpoint's metrics as soon as they are measured. */
    default void onCheckpoint(CheckpointMetrics metrics) {}

    /** This listener, then {@code next}. */
    default TrialListener andThen(TrialListener next) {
        TrialListener first = this;
        return new TrialListener() {
            @Override
            public void onEpoch(int epoch, double trainSeconds) {
                first.onEpoch(epoch, trainSeconds);
                next.onEpoch(epoch, trainSeconds);
            }

            @Override
            public void onCheckpoint(CheckpointMetrics metrics) {
                first.onCheckpoint(metrics);
                next.onCheckpoint(metrics);
            }
        };
    }

    /** A listener that hands each checkpoint's metrics to {@code consumer} and ignores the rest. */
    static TrialListener checkpoints(Consumer<CheckpointMetrics> consumer) {
        return new TrialListener() {
            @Override
            public void onCheckpoint(CheckpointMetrics metrics) {
                consumer.accept(metrics);
            }
        };
    }
}

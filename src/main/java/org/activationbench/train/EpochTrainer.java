package org.activationbench.train;

import org.activationbench.data.Dataset;
import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains a trial's network one epoch at a time; the {@link TrialRunner} measures in between. The per-task trainer
 * runs minibatches in this JVM; the data-parallel one hands each epoch to Spark.
 */
public interface EpochTrainer extends AutoCloseable {

    /** Makes the trainer of one trial. */
    interface Factory {
        /** The trainer of one trial's network on its data. */
        EpochTrainer create(TrialConfig config, Dataset data, MultiLayerNetwork network);
    }

    /**
     * Trains one more epoch (numbered from 1) with the example order of {@link Minibatches#order(long, int)}.
     *
     * @param checkpoint whether the epoch ends at a checkpoint, where gradient norms are wanted
     * @throws DivergenceException when the loss stops being a finite number
     */
    void trainEpoch(int epoch, boolean checkpoint);

    /**
     * As {@link #trainEpoch(int, boolean)}, starting after the first {@code done} minibatches of the epoch's order (0:
     * from its start) and telling {@code boundary} after every minibatch but the last, where the trial may save its
     * state. Only a trainer that keeps its gradient norms in {@link #gradientNormProgress()} can start part-way.
     */
    default void trainEpoch(int epoch, boolean checkpoint, int done, MinibatchBoundary boundary) {
        if (done != 0) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot start an epoch part-way");
        }
        trainEpoch(epoch, checkpoint);
    }

    /**
     * The gradient norms summed so far in this epoch, one per group of parameters followed by the number of minibatches
     * summed; null if the trainer keeps none it could be continued from.
     */
    default double[] gradientNormProgress() {
        return null;
    }

    /** Continues the sums of {@link #gradientNormProgress()} in the epoch about to be continued. */
    default void restoreGradientNormProgress(double[] progress) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot continue an epoch part-way");
    }

    /** Called between two minibatches of an epoch, on the training thread. */
    interface MinibatchBoundary {
        MinibatchBoundary NONE = (epoch, done) -> {};

        /** {@code done} minibatches of {@code epoch} are trained, and the next is not started. */
        void after(int epoch, int done);
    }

    /**
     * Mean gradient L2 norm of each group of parameters ({@link org.activationbench.model.GradientGroups}) over the last
     * minibatches of the last checkpoint epoch; null if unseen.
     */
    double[] gradientNorms();

    /** Releases what the trainer holds beyond the network (native minibatch arrays); nothing by default. */
    @Override
    default void close() {}
}

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
        EpochTrainer create(TrialConfig config, Dataset data, MultiLayerNetwork network);
    }

    /**
     * Trains one more epoch (numbered from 1) with the example order of {@link Minibatches#order(long, int)}.
     *
     * @param checkpoint whether the epoch ends at a checkpoint, where gradient norms are wanted
     * @throws DivergenceException when the loss stops being a finite number
     */
    void trainEpoch(int epoch, boolean checkpoint);

    /** Mean gradient L2 norm of the given layers over the last minibatches of the last checkpoint epoch; null if unseen. */
    double[] gradientNorms(int[] layers);

    /** Releases what the trainer holds beyond the network (native minibatch arrays); nothing by default. */
    @Override
    default void close() {}
}

package org.activationbench.model;

import java.util.List;
import java.util.SplittableRandom;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Stage;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Trials with the condition settings, and a minibatch to step them on, for the model tests. */
final class TrainingSettings {

    private TrainingSettings() {}

    static TrialConfig config(String architecture, String activation, Double alpha, Engine engine, String optimizer,
            double learningRate, String weightInit, double biasInit, double weightDecay, boolean batchNorm) {
        return new TrialConfig("mnist", architecture, activation, alpha, 7, List.of(1), optimizer, learningRate, 32,
                weightInit, 0, Strategy.DEFAULT, engine, null, Stage.FIXED, biasInit, weightDecay, batchNorm);
    }

    /** A minibatch of {@code n} 28x28 images with values in [0, 1) and one-hot labels, from a fixed seed. */
    static DataSet minibatch(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 784];
        float[] y = new float[n * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i * 10 + random.nextInt(10)] = 1;
        }
        INDArray features = Nd4j.createFromArray(x).reshape(n, 784).castTo(DataType.FLOAT);
        INDArray labels = Nd4j.createFromArray(y).reshape(n, 10).castTo(DataType.FLOAT);
        return new DataSet(features, labels);
    }
}

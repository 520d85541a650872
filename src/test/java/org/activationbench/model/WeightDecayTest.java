package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activationbench.grid.Engine;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Weight decay as PyTorch's {@code weight_decay}: a plain SGD step with decay {@code wd} at rate {@code lr} moves every
 * weight and bias by {@code -lr * wd * parameter} beyond the step without it, {@code p - lr (g + wd p)}.
 */
class WeightDecayTest {

    private static MultiLayerNetwork network(String architecture, Engine engine, double weightDecay) {
        return Architectures.build(TrainingSettings.config(architecture, "relu", null, engine, "sgd", 0.1, "he", 0.01,
                weightDecay, false), 28, 10).network();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneSgdStepShrinksEveryParameterByRateTimesDecay(Engine engine) {
        for (String architecture : new String[] {"mlp", "cnn"}) {
            double lr = 0.1;
            double wd = 0.05;
            MultiLayerNetwork decayed = network(architecture, engine, wd);
            MultiLayerNetwork plain = network(architecture, engine, 0);
            INDArray start = plain.params().castTo(DataType.DOUBLE);
            assertEquals(start, decayed.params().castTo(DataType.DOUBLE), "both start from the seed's parameters");
            DataSet batch = TrainingSettings.minibatch(16, 3);
            decayed.fit(batch);
            plain.fit(batch);
            INDArray difference = decayed.params().castTo(DataType.DOUBLE).sub(plain.params().castTo(DataType.DOUBLE));
            INDArray expected = start.mul(-lr * wd);
            double worst = difference.sub(expected).amaxNumber().doubleValue();
            // float parameters of size ~0.1 round at ~1e-8; the decay moves them by up to ~5e-4
            assertTrue(worst < 1e-6, architecture + " " + engine + ": off by " + worst + ", largest move "
                    + expected.amaxNumber());
            assertTrue(expected.amaxNumber().doubleValue() > 1e-4, "the test moves parameters measurably");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void nesterovsIsDl4jsNesterovMomentumAtPointNine(Engine engine) {
        MultiLayerNetwork net = Architectures.build(TrainingSettings.config("mlp", "relu", null, engine, "nesterovs", 0.05,
                "xavier", 0, 0, false), 28, 10).network();
        for (int i = 0; i < net.getnLayers(); i++) {
            var updater = ((org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayer(i).conf().getLayer()).getIUpdater();
            assertEquals(Nesterovs.class, updater.getClass(), "layer " + i);
            assertEquals(0.9, ((Nesterovs) updater).getMomentum(), 0.0);
            assertEquals(0.05, ((Nesterovs) updater).getLearningRate(), 0.0);
        }
    }
}

package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.activationbench.model.ActivationsTest;
import org.activationbench.model.Architectures;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class DeferredDivisionUpdaterTest {

    /** Minibatches of 32 random inputs with one-hot labels, the same for every network of a test. */
    private static DataSet batch(int step, int features, int classes) {
        Nd4j.getRandom().setSeed(100 + step);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, features);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, classes);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, (i * 7 + step) % classes, 1f);
        }
        return new DataSet(x, y);
    }

    /** Parameters of two copies of a network after the same steps: one with {@code candidate}'s updater, one with DL4J's. */
    private static void assertSameTraining(Supplier<MultiLayerNetwork> build, MultiLayerNetwork candidate, int features, int classes) {
        MultiLayerNetwork stock = build.get();
        stock.setUpdater(new MultiLayerUpdater(stock));
        assertArrayEquals(stock.params().toFloatVector(), candidate.params().toFloatVector(), "same initial parameters");
        for (int step = 0; step < 4; step++) {
            stock.fit(batch(step, features, classes));
            candidate.fit(batch(step, features, classes));
        }
        assertArrayEquals(stock.params().toFloatVector(), candidate.params().toFloatVector());
    }

    /** The project's networks, with hidden layers of its own (MLP), learned slopes (prelu) and DL4J's convolutions. */
    @ParameterizedTest
    @CsvSource({"mlp, relu", "mlp, prelu", "cnn, elu"})
    void projectNetworksDeferTheDivisionAndTrainToTheSameBits(String architecture, String activation) {
        Supplier<MultiLayerNetwork> build = () -> Architectures.build(ActivationsTest.config(architecture, activation, null), 28, 10).network();
        MultiLayerNetwork net = build.get();
        DeferredDivisionUpdater updater = assertInstanceOf(DeferredDivisionUpdater.class, net.getUpdater());
        assertTrue(updater.defersDivision());
        assertSameTraining(build, net, 784, 10);
    }

    private static Supplier<MultiLayerNetwork> small(IUpdater updater, double l2) {
        return () -> {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .seed(5).dataType(DataType.FLOAT).updater(updater).l2(l2)
                    .list()
                    .layer(new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(4).activation(Activation.SOFTMAX).build())
                    .build());
            net.init();
            return net;
        };
    }

    /** A small DL4J network with {@code updater} and L2 strength {@code l2}: defers only where it should, trains the same. */
    private static void assertSmallNetwork(IUpdater updater, double l2, boolean defers) {
        Supplier<MultiLayerNetwork> build = small(updater, l2);
        MultiLayerNetwork net = build.get();
        DeferredDivisionUpdater.install(net);
        assertEquals(defers, ((DeferredDivisionUpdater) net.getUpdater()).defersDivision());
        assertSameTraining(build, net, 20, 4);
    }

    @Test
    void regularisedNetworksKeepDl4jsDivision() {
        assertSmallNetwork(new JvmAdam(1e-2), 1e-3, false);
    }

    @Test
    void otherOptimizersKeepDl4jsDivision() {
        assertSmallNetwork(new Sgd(0.1), 0, false);
    }

    @Test
    void unregularisedSmallNetworkWithJvmAdamDefers() {
        assertSmallNetwork(new JvmAdam(1e-2), 0, true);
    }
}

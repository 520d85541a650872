package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.activationbench.model.ActivationsTest;
import org.activationbench.model.Architectures;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LeanDenseTest {

    /** DL4J's own dense layers with the same activation, for comparison. */
    private static MultiLayerNetwork stock() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nOut(256).activation(new ActivationLReLU(0.1)).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(new ActivationLReLU(0.1)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784)).build());
        net.init();
        return net;
    }

    @Test
    void gradientsEqualDl4jsDenseLayerAndTheInputGetsNone() {
        MultiLayerNetwork lean = Architectures.build(ActivationsTest.config("mlp", "leakyrelu", 0.1), 28, 10).network();
        MultiLayerNetwork stock = stock();
        stock.setParams(lean.params());
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, i % 10, 1);
        }
        Pair<Gradient, INDArray> a = lean.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> b = stock.calculateGradients(x, y, null, null);
        for (String key : List.of("0_W", "0_b", "1_W", "1_b", "2_W", "2_b")) {
            INDArray expected = b.getFirst().getGradientFor(key);
            double relative = expected.sub(a.getFirst().getGradientFor(key)).norm2Number().doubleValue()
                    / expected.norm2Number().doubleValue();
            assertEquals(0.0, relative, 1e-6, key);
        }
        assertNull(a.getSecond(), "nothing uses the gradient with respect to the input; it is not computed");
    }

    @Test
    void trainingStepsMatchDl4jsDenseLayer() {
        MultiLayerNetwork lean = Architectures.build(ActivationsTest.config("mlp", "leakyrelu", 0.1), 28, 10).network();
        MultiLayerNetwork stock = stock();
        stock.setParams(lean.params());
        Nd4j.getRandom().setSeed(12);
        for (int step = 0; step < 5; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
            for (int i = 0; i < 64; i++) {
                y.putScalar(i, (i + step) % 10, 1);
            }
            lean.fit(x, y);
            stock.fit(x, y);
        }
        double relative = lean.params().sub(stock.params()).norm2Number().doubleValue() / stock.params().norm2Number().doubleValue();
        assertEquals(0.0, relative, 1e-5);
        INDArray probe = Nd4j.rand(DataType.FLOAT, 8, 784);
        assertEquals(0.0, lean.output(probe).sub(stock.output(probe)).norm2Number().doubleValue(), 1e-4);
    }
}

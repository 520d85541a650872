package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.model.ActivationsTest;
import org.activationbench.model.Architectures;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LeanOutputTest {

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer output) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(LeanDenseLayer.of(32, new ActivationIdentity()))
                .layer(output)
                .setInputType(InputType.feedForward(20)).build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork stock() {
        return network(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(7).activation(Activation.SOFTMAX).build());
    }

    private static INDArray labels(int examples, int classes, int shift) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            y.putScalar(i, (3 * i + shift) % classes, 1);
        }
        return y;
    }

    @Test
    void gradientsAndScoreEqualDl4jsOutputLayer() {
        MultiLayerNetwork lean = network(LeanOutputLayer.of(7));
        MultiLayerNetwork stock = stock();
        stock.setParams(lean.params());
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 50, 20).muli(3);
        INDArray y = labels(50, 7, 0);
        lean.setInput(x);
        lean.setLabels(y);
        lean.computeGradientAndScore();
        stock.setInput(x);
        stock.setLabels(y);
        stock.computeGradientAndScore();
        for (String key : List.of("0_W", "0_b", "1_W", "1_b")) {
            INDArray expected = stock.gradient().getGradientFor(key);
            double relative = expected.sub(lean.gradient().getGradientFor(key)).norm2Number().doubleValue()
                    / expected.norm2Number().doubleValue();
            assertEquals(0.0, relative, 1e-6, key);
        }
        assertTrue(stock.score() > 0.5, "a loss worth comparing: " + stock.score());
        assertEquals(stock.score(), lean.score(), 1e-6 * stock.score());
    }

    @Test
    void trainingMatchesDl4jsOutputLayerAndInferenceIsItsOwn() {
        MultiLayerNetwork lean = network(LeanOutputLayer.of(7));
        MultiLayerNetwork stock = stock();
        stock.setParams(lean.params());
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 10; step++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 16 + step, 20);
            INDArray y = labels(16 + step, 7, step);
            lean.fit(x, y);
            stock.fit(x, y);
            assertEquals(stock.score(), lean.score(), 1e-5 * stock.score(), "score after step " + step);
        }
        double relative = lean.params().sub(stock.params()).norm2Number().doubleValue() / stock.params().norm2Number().doubleValue();
        assertEquals(0.0, relative, 1e-5);
        INDArray probe = Nd4j.randn(DataType.FLOAT, 8, 20);
        assertEquals(0.0, lean.output(probe).sub(stock.output(probe)).norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void aNetworkWithNonFiniteParametersScoresNaN() {
        MultiLayerNetwork lean = network(LeanOutputLayer.of(7));
        lean.getLayer(1).getParam("W").putScalar(0, 0, Float.NaN);
        lean.setInput(Nd4j.ones(DataType.FLOAT, 4, 20));
        lean.setLabels(labels(4, 7, 0));
        lean.computeGradientAndScore();
        assertTrue(Double.isNaN(lean.score()), "score " + lean.score());
    }

    @Test
    void refusesAnythingButSoftmaxWithCrossEntropy() {
        LeanOutputLayer layer = LeanOutputLayer.of(7);
        layer.setLossFn(LossFunctions.LossFunction.MSE.getILossFunction());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> network(layer));
        assertTrue(e.getMessage().contains("softmax with unweighted cross-entropy"), e.getMessage());
    }

    @Test
    void survivesDl4jsJsonAsItself() {
        MultiLayerNetwork net = Architectures.build(ActivationsTest.config("mlp", "relu", null), 28, 10).network();
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(copy);
        rebuilt.init();
        assertInstanceOf(LeanOutput.class, rebuilt.getOutputLayer());
        assertEquals(10, ((LeanOutputLayer) copy.getConf(copy.getConfs().size() - 1).getLayer()).getNOut());
    }

    /** Worked by hand: logits (0, ln 3) give probabilities (1/4, 3/4). */
    @Test
    void softmaxCrossEntropyOfAWorkedExample() {
        float[] logits = {0f, (float) Math.log(3) - 1f, 5f, 5f};
        float[] bias = {0f, 1f};
        float[] labels = {0f, 1f, 1f, 0f};
        double loss = SoftmaxCrossEntropy.gradientAndLoss(logits, bias, labels, 2, 2, 1e-10f);
        // row 1: -ln(3/4); row 2: logits (5, 6) -> p = (1/(1+e), e/(1+e)), label 0: -ln(1/(1+e)) = ln(1+e)
        assertEquals(-Math.log(0.75) + Math.log(1 + Math.E), loss, 1e-6);
        double p = 1 / (1 + Math.E);
        assertArrayEquals(new float[] {0.25f, -0.25f, (float) (p - 1), (float) (1 - p)}, logits, 1e-6f);
    }

    @Test
    void probabilitiesBelowTheClipCountAsTheClip() {
        float[] logits = {0f, 200f};
        double loss = SoftmaxCrossEntropy.gradientAndLoss(logits, new float[2], new float[] {1f, 0f}, 1, 2, 1e-10f);
        assertEquals(-Math.log(1e-10), loss, 1e-3);
    }
}

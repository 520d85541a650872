package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The convolution, pooling and rectifier in oneDNN's blocked layout against DL4J's {@code ConvolutionLayer} with the
 * rectifier and its {@code SubsamplingLayer}: outputs and every gradient, within float rounding (the tolerance of
 * {@link OneDnnConvolutionTest}).
 */
class BlockedConvolutionTest {

    /** [batch, in channels, height, width, out channels]: the CNN's second layer, batch 1, odd and non-square sizes. */
    static Stream<Arguments> cases() {
        List<int[]> shapes = List.of(new int[] {128, 32, 13, 13, 64}, new int[] {1, 32, 13, 13, 64},
                new int[] {3, 3, 7, 9, 5}, new int[] {5, 2, 6, 6, 3}, new int[] {4, 1, 28, 28, 32});
        return shapes.stream().flatMap(s -> Stream.of(0.0, 0.01, 0.3).flatMap(a -> Stream.of(Arguments.of(s, a, false),
                Arguments.of(s, a, true))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputAndGradientsEqualDl4jsConvolutionRectifierAndPooling(int[] shape, double alpha, boolean first) {
        int batch = shape[0], in = shape[1], height = shape[2], width = shape[3], out = shape[4];
        MultiLayerNetwork stock = network(first, in, height, width,
                new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(out).activation(stockRectifier(alpha)).build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        MultiLayerNetwork fast = network(first, in, height, width, BlockedConvolutionLayer.of(out, new Rectifier(alpha)));
        int offset = first ? 0 : 1;
        Layer convolution = stock.getLayer(offset);
        Layer pooling = stock.getLayer(offset + 1);
        Layer blocked = fast.getLayer(offset);
        Nd4j.getRandom().setSeed(31);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, convolution.numParams()).subi(0.5);
        convolution.setParams(params.dup());
        blocked.setParams(params.dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, in, height, width).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, batch, out, (height - 2) / 2, (width - 2) / 2).subi(0.5);

        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        convolution.setInput(x.dup(), none);
        pooling.setInput(convolution.activate(true, none).dup(), none);
        INDArray expected = pooling.activate(true, none).dup();
        Pair<Gradient, INDArray> expectedGradients = convolution.backpropGradient(
                pooling.backpropGradient(epsilon.dup(), none).getSecond().dup(), none);
        blocked.setInput(x.dup(), none);
        assertClose(expected, blocked.activate(true, none), "output");
        Pair<Gradient, INDArray> actual = blocked.backpropGradient(epsilon.dup(), none);
        if (first) {
            assertEquals(0.0, actual.getSecond().amaxNumber().doubleValue(), "a first layer's input gradient is not computed");
            assertEquals(Arrays.toString(x.shape()), Arrays.toString(actual.getSecond().shape()));
        } else {
            assertClose(expectedGradients.getSecond(), actual.getSecond(), "gradient with respect to the input");
        }
        for (String key : List.of("W", "b")) {
            assertClose(expectedGradients.getFirst().getGradientFor(key), actual.getFirst().getGradientFor(key),
                    "gradient of " + key);
        }

        // inference, on a minibatch of another size (other primitives) and then of the first size again
        INDArray other = Nd4j.rand(DataType.FLOAT, batch + 2, in, height, width).subi(0.5);
        for (INDArray input : List.of(other, x)) {
            convolution.setInput(input.dup(), none);
            pooling.setInput(convolution.activate(false, none).dup(), none);
            blocked.setInput(input.dup(), none);
            assertClose(pooling.activate(false, none), blocked.activate(false, none), "inference output");
        }
    }

    @Test
    void theConfigurationSurvivesDl4jsJson() {
        MultiLayerConfiguration conf = network(false, 2, 6, 6, BlockedConvolutionLayer.of(4, new Rectifier(0.3)))
                .getLayerWiseConfigurations();
        BlockedConvolutionLayer back = (BlockedConvolutionLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(1)
                .getLayer();
        assertEquals(new Rectifier(0.3), back.getRectifier());
        assertEquals(4, back.getNOut());
    }

    @Test
    void itsOutputTypeIsThePoolingsSoTheNextLayerGetsItsInputSize() {
        MultiLayerNetwork net = network(false, 32, 13, 13, BlockedConvolutionLayer.of(64, new Rectifier(0)));
        assertEquals(64 * 5 * 5, ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) net.getLayer(2).conf().getLayer())
                .getNIn());
    }

    private static IActivation stockRectifier(double alpha) {
        return alpha == 0 ? new ActivationReLU() : new ActivationLReLU(alpha);
    }

    /** The layers in a network on {@code [channels, height, width]} inputs, first or after a pass-through layer. */
    private static MultiLayerNetwork network(boolean first, int channels, int height, int width,
            org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list();
        if (!first) {
            list.layer(new ActivationLayer.Builder().activation(new ActivationIdentity()).build());
        }
        for (org.deeplearning4j.nn.conf.layers.Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(height, width, channels)).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** Equal within float rounding: the two compute the same sums in different orders. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        INDArray e = expected.reshape(expected.length()).castTo(DataType.DOUBLE);
        INDArray a = actual.reshape(actual.length()).castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-3);
        double worst = e.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= 2e-5 * scale, what + ": largest difference " + worst + " at scale " + scale);
    }
}

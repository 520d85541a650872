package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The oneDNN convolution against DL4J's {@code ConvolutionLayer}: outputs and every gradient, several shapes. */
class OneDnnConvolutionTest {

    /** [batch, in channels, height, width, out channels]: the CNN's two layers, batch 1, odd and non-square sizes. */
    static Stream<Arguments> cases() {
        List<int[]> shapes = List.of(new int[] {128, 1, 28, 28, 32}, new int[] {128, 32, 13, 13, 64},
                new int[] {1, 1, 28, 28, 32}, new int[] {3, 3, 7, 9, 5}, new int[] {5, 2, 5, 6, 3});
        List<Function<Boolean, IActivation>> activations = List.of(
                fast -> fast ? new Rectifier(0) : new ActivationReLU(),
                fast -> fast ? new Rectifier(0.1) : new ActivationLReLU(0.1),
                fast -> new ActivationELU(1.0),
                fast -> new ActivationIdentity());
        return shapes.stream().flatMap(s -> activations.stream().flatMap(a -> Stream.of(Arguments.of(s, a, true),
                Arguments.of(s, a, false))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputAndGradientsEqualDl4jsConvolution(int[] shape, Function<Boolean, IActivation> activation, boolean first) {
        int batch = shape[0], in = shape[1], height = shape[2], width = shape[3], out = shape[4];
        Layer fast = layer(OneDnnConvolutionLayer.of(3, out, activation.apply(true)), in, height, width, first);
        Layer stock = layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(out).activation(activation.apply(false)).build(),
                in, height, width, first);
        Nd4j.getRandom().setSeed(31);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, stock.numParams()).subi(0.5);
        fast.setParams(params.dup());
        stock.setParams(params.dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, in, height, width).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, batch, out, height - 2, width - 2).subi(0.5);

        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        fast.setInput(x.dup(), none);
        stock.setInput(x.dup(), none);
        assertClose(stock.activate(true, none), fast.activate(true, none), "output");
        Pair<Gradient, INDArray> expected = stock.backpropGradient(epsilon.dup(), none);
        Pair<Gradient, INDArray> actual = fast.backpropGradient(epsilon.dup(), none);
        if (first) {
            assertEquals(0.0, actual.getSecond().amaxNumber().doubleValue(), "a first layer's input gradient is not computed");
            assertEquals(Arrays.toString(x.shape()), Arrays.toString(actual.getSecond().shape()));
        } else {
            assertClose(expected.getSecond(), actual.getSecond(), "gradient with respect to the input");
        }
        for (String key : List.of("W", "b")) {
            assertClose(expected.getFirst().getGradientFor(key), actual.getFirst().getGradientFor(key), "gradient of " + key);
        }
        INDArray inference = fast.activate(false, none);
        stock.setInput(x.dup(), none);
        assertClose(stock.activate(false, none), inference, "inference output");
    }

    /**
     * The layer as DL4J instantiates it in a network, on {@code [channels, height, width]} inputs: the network's first
     * layer, or the second after a pass-through layer.
     */
    private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer conf, int channels, int height, int width, boolean first) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list();
        if (!first) {
            list.layer(new ActivationLayer.Builder().activation(new ActivationIdentity()).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list
                .layer(conf)
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(height, width, channels)).build());
        net.init();
        net.initGradientsView();
        return net.getLayer(first ? 0 : 1);
    }

    /** Equal within float rounding: the two compute the same sums in different orders (oneDNN may use Winograd). */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        INDArray e = expected.reshape(expected.length()).castTo(DataType.DOUBLE);
        INDArray a = actual.reshape(actual.length()).castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-3);
        double worst = e.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= 2e-5 * scale, what + ": largest difference " + worst + " at scale " + scale);
    }
}

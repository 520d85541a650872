package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The fused first convolution, pooling and rectifier against DL4J's {@code ConvolutionLayer} with ReLU or leaky ReLU
 * followed by its max-pooling {@code SubsamplingLayer}: outputs and the weight and bias gradients within float
 * rounding (the convolution's sums are taken in another order), several shapes.
 */
class PooledInputConvolutionTest {

    /** [batch, in channels, height, width, out channels] x slope: the CNN's first layer, batch 1, odd sizes. */
    static Stream<Arguments> cases() {
        List<int[]> shapes = List.of(new int[] {128, 1, 28, 28, 32}, new int[] {1, 1, 28, 28, 32},
                new int[] {3, 1, 9, 8, 5}, new int[] {2, 1, 7, 10, 4}, new int[] {4, 1, 31, 5, 3});
        return shapes.stream().flatMap(s -> Stream.of(0.0, 0.01, 0.3).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputAndGradientsEqualDl4jsConvolutionThenPooling(int[] shape, double alpha) {
        int batch = shape[0], in = shape[1], height = shape[2], width = shape[3], out = shape[4];
        MultiLayerNetwork stock = network(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(out)
                .activation(alpha == 0 ? new ActivationReLU() : new ActivationLReLU(alpha)).build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                in, height, width);
        Layer fused = network(PooledInputConvolutionLayer.of(out, new Rectifier(alpha)), null, in, height, width)
                .getLayer(0);
        Layer conv = stock.getLayer(0);
        Layer pool = stock.getLayer(1);
        Nd4j.getRandom().setSeed(41);
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, conv.numParams()).subi(0.5);
        conv.setParams(params.dup());
        fused.setParams(params.dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, in, height, width).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, batch, out, (height - 2) / 2, (width - 2) / 2).subi(0.5);

        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        conv.setInput(x.dup(), none);
        pool.setInput(conv.activate(true, none).dup(), none);
        INDArray expected = pool.activate(true, none).dup();
        Gradient expectedGradient = conv.backpropGradient(pool.backpropGradient(epsilon.dup(), none).getSecond().dup(), none)
                .getFirst();

        fused.setInput(x.dup(), none);
        assertClose(expected, fused.activate(true, none), "output");
        Pair<Gradient, INDArray> actual = fused.backpropGradient(epsilon.dup(), none);
        for (String key : List.of("W", "b")) {
            assertClose(expectedGradient.getGradientFor(key), actual.getFirst().getGradientFor(key), "gradient of " + key);
        }
        assertEquals(Arrays.toString(x.shape()), Arrays.toString(actual.getSecond().shape()));
        assertEquals(0.0, actual.getSecond().amaxNumber().doubleValue(), "a first layer's input gradient is not computed");

        fused.setInput(x.dup(), none);
        assertClose(expected, fused.activate(false, none), "inference output");
        assertThrows(IllegalStateException.class, () -> fused.backpropGradient(epsilon.dup(), none),
                "an inference pass keeps nothing to backpropagate");
    }

    @Test
    void aNetworkOfItPoolsItsOutputAndSurvivesDl4jsJson() {
        MultiLayerNetwork net = network(PooledInputConvolutionLayer.of(4, new Rectifier(0.3)), null, 1, 28, 28);
        assertEquals(Arrays.toString(new long[] {5, 4, 13, 13}),
                Arrays.toString(net.feedForward(Nd4j.rand(DataType.FLOAT, 5, 1, 28, 28), false).get(1).shape()));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        PooledInputConvolutionLayer back = (PooledInputConvolutionLayer) MultiLayerConfiguration.fromJson(conf.toJson())
                .getConf(0).getLayer();
        assertEquals(new Rectifier(0.3), back.getRectifier());
        assertEquals(4, back.getNOut());
    }

    @Test
    void moreThanOneInputChannelIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> network(PooledInputConvolutionLayer.of(4, new Rectifier(0)), null, 2, 12, 12));
        assertTrue(e.getMessage().contains("2 input channel(s)"), e.getMessage());
    }

    /** The test JVM has the vector module (conf/jvm/natives), as every JVM the project starts. */
    @Test
    void theVectorKernelsComputeThePlainLoopsFloatsBitForBit() {
        InputKernels vector = InputKernels.get();
        assertTrue(vector.vectorised(), "the vector API's kernels in a JVM started with conf/jvm/natives");
        InputKernels plain = new InputKernels.ScalarInputKernels();
        Random random = new Random(5);
        for (int[] size : new int[][] {{28, 28}, {9, 8}, {31, 5}, {3, 3}, {40, 33}}) {
            int height = size[0], width = size[1];
            int span = (height - 3) * width + width - 2;
            float[] in = new float[2 * height * width];
            float[] w = new float[InputKernels.TAPS];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat() - 0.5f;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextFloat() - 0.5f;
            }
            int from = height * width;
            float[] a = new float[span];
            float[] b = new float[span];
            vector.convolve(in, from, width, w, 0.25f, a, span);
            plain.convolve(in, from, width, w, 0.25f, b, span);
            assertArrayEquals(b, a, "convolution of " + height + "x" + width);
            int last = span - 1;
            double expected = 0.25;
            for (int tap = 0; tap < InputKernels.TAPS; tap++) {
                expected += (double) w[tap] * in[from + last + (tap / 3) * width + tap % 3];
            }
            assertEquals(expected, a[last], 1e-5, "last element of " + height + "x" + width);
        }
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer first,
            org.deeplearning4j.nn.conf.layers.Layer second, int channels, int height, int width) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list().layer(first);
        if (second != null) {
            list.layer(second);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(height, width, channels)).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    /** Equal within float rounding, relative to the largest expected magnitude. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        INDArray e = expected.reshape(expected.length()).castTo(DataType.DOUBLE);
        INDArray a = actual.reshape(actual.length()).castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-3);
        double worst = e.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= 2e-5 * scale, what + ": largest difference " + worst + " at scale " + scale);
    }
}

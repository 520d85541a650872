package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.activationbench.model.LearnedSlopeLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The fast engine's PReLU layers against the stock engine's: DL4J's dense or convolution layer, then the PReLU layer
 * ({@link LearnedSlopeLayer}: DL4J's forward pass, and a backward pass that {@code LearnedSlopeTest} checks against
 * finite differences), then for convolutions DL4J's max-pooling. Outputs, input gradients and every parameter
 * gradient, the slopes' among them, agree within float rounding (sums are taken in another order), with slopes above,
 * at and below zero, where pooling and PReLU no longer commute.
 */
class LearnedSlopeLayersTest {

    /** Slopes a learned slope may take: the initial one, small, zero, negative, above one. */
    private static final float[] SLOPES = {0.25f, -0.3f, 0.01f, 0f, 1.7f, -1.2f, 0.6f};

    static Stream<Arguments> denseShapes() {
        return Stream.of(Arguments.of(128, 784, 256), Arguments.of(128, 256, 128), Arguments.of(3, 5, 7));
    }

    @ParameterizedTest
    @MethodSource("denseShapes")
    void aDenseLayerWithLearnedSlopesIsDl4jsDenseLayerThenPrelu(int batch, int inputs, int units) {
        InputType input = InputType.feedForward(inputs);
        MultiLayerNetwork stock = network(input, new DenseLayer.Builder().nOut(units).activation(new ActivationIdentity()).build(),
                LearnedSlopeLayer.forInput(new long[] {units}));
        MultiLayerNetwork fast = network(input, LeanDenseLayer.withLearnedSlope(units));
        alike(stock, fast, "1_W", "0_" + LearnedSlopeParams.KEY);
        // a first layer computes no input gradient: as a later layer, it does
        fast.getLayer(0).setIndex(1);
        INDArray x = random(batch, inputs);
        INDArray epsilon = random(batch, units);

        Pass expected = Pass.run(stock, 2, x, epsilon);
        Pass actual = Pass.run(fast, 1, x, epsilon);
        assertClose(expected.output, actual.output, "output");
        assertClose(expected.inputGradient, actual.inputGradient, "input gradient");
        assertClose(expected.gradients.get("0_W"), actual.gradients.get("0_W"), "weight gradient");
        assertClose(expected.gradients.get("0_b"), actual.gradients.get("0_b"), "bias gradient");
        assertClose(expected.gradients.get("1_W").reshape(units), actual.gradients.get("0_slope").reshape(units),
                "slope gradient");

        INDArray inference = fast.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        assertClose(expected.output, inference, "inference output");
        INDArray preActivation = stock.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        assertClose(preActivation.max(0), Nd4j.createFromArray(((PreActivationPeaks) fast.getLayer(0)).preActivationPeaks()),
                "peaks of the pre-activation");
    }

    /** [batch, height, width, channels]: the CNN's first layer, one image, odd sizes. */
    static Stream<Arguments> inputShapes() {
        return Stream.of(Arguments.of(128, 28, 28, 32), Arguments.of(1, 28, 28, 32), Arguments.of(3, 9, 8, 7),
                Arguments.of(4, 31, 5, 3));
    }

    @ParameterizedTest
    @MethodSource("inputShapes")
    void theFirstConvolutionWithLearnedSlopesIsDl4jsConvolutionPreluAndPooling(int batch, int height, int width, int channels) {
        InputType input = InputType.convolutional(height, width, 1);
        MultiLayerNetwork stock = network(input, new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(channels)
                        .activation(new ActivationIdentity()).build(),
                LearnedSlopeLayer.forInput(new long[] {channels, height - 2, width - 2}), maxPooling());
        MultiLayerNetwork fast = network(input, PooledInputConvolutionLayer.withLearnedSlope(channels));
        alike(stock, fast, "1_W", "0_" + LearnedSlopeParams.KEY);
        INDArray x = random(batch, 1, height, width);
        INDArray epsilon = random(batch, channels, (height - 2) / 2, (width - 2) / 2);

        Pass expected = Pass.run(stock, 3, x, epsilon);
        Pass actual = Pass.run(fast, 1, x, epsilon);
        assertClose(expected.output, actual.output, "output");
        assertClose(expected.gradients.get("0_W"), actual.gradients.get("0_W"), "weight gradient");
        assertClose(expected.gradients.get("0_b"), actual.gradients.get("0_b"), "bias gradient");
        assertClose(expected.gradients.get("1_W").reshape(channels), actual.gradients.get("0_slope").reshape(channels),
                "slope gradient");

        INDArray inference = fast.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        assertClose(expected.output, inference, "inference output");
        INDArray convolved = stock.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces());
        INDArray pooledArea = convolved.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, (height - 2) / 2 * 2), NDArrayIndex.interval(0, (width - 2) / 2 * 2));
        assertClose(pooledArea.max(0, 2, 3), Nd4j.createFromArray(((PreActivationPeaks) fast.getLayer(0)).preActivationPeaks()),
                "peaks of the pre-activation, over the windows the pooling reads");
    }

    /** [batch, channels, height, width]: the CNN's pooled activations (both layers), odd sizes. */
    static Stream<Arguments> pooledShapes() {
        return Stream.of(Arguments.of(128, 64, 11, 11), Arguments.of(128, 32, 26, 26), Arguments.of(1, 7, 5, 7));
    }

    @ParameterizedTest
    @MethodSource("pooledShapes")
    void pooledLearnedSlopesArePreluThenDl4jsPooling(int batch, int channels, int height, int width) {
        InputType input = InputType.convolutional(height, width, channels);
        long[] shape = {channels, height, width};
        MultiLayerNetwork stock = network(input, LearnedSlopeLayer.forInput(shape.clone()), maxPooling());
        MultiLayerNetwork fast = network(input, PooledLearnedSlopeLayer.forInput(shape));
        alike(stock, fast, "0_W", "0_W");
        INDArray x = random(batch, channels, height, width);
        // exact ties, which both must resolve alike: windows of one negative value, then of one positive value, for
        // slopes of each sign; and for a negative slope, two values whose activations tie, the negative one first
        for (int c = 0; c < Math.min(channels, SLOPES.length); c++) {
            INDArray plane = x.get(NDArrayIndex.point(0), NDArrayIndex.point(c));
            plane.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()).assign(-0.25);
            plane.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()).assign(0.25);
        }
        x.putScalar(new int[] {0, 1, 2, 0}, -1.0); // slope -0.3: activation 0.3
        x.putScalar(new int[] {0, 1, 2, 1}, 0.3);
        INDArray epsilon = random(batch, channels, height / 2, width / 2);

        Pass expected = Pass.run(stock, 2, x, epsilon);
        Pass actual = Pass.run(fast, 1, x, epsilon);
        assertClose(expected.output, actual.output, "output");
        assertClose(expected.inputGradient, actual.inputGradient, "input gradient");
        assertClose(expected.gradients.get("0_W"), actual.gradients.get("0_W"), "slope gradient");
        assertClose(expected.output, fast.getLayer(0).activate(x.dup(), false, LayerWorkspaceMgr.noWorkspaces()),
                "inference output");
    }

    @Test
    void theSlopesStartAtAQuarterAfterTheLayersOwnParametersAndAreDecayedAsWeights() {
        MultiLayerNetwork dense = network(InputType.feedForward(6), LeanDenseLayer.withLearnedSlope(4));
        assertEquals(List.of("W", "b", LearnedSlopeParams.KEY), new ArrayList<>(dense.getLayer(0).paramTable().keySet()));
        assertEquals(6 * 4 + 4 + 4, dense.getLayer(0).numParams());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, dense.getParam("0_slope").dup().data().asFloat());
        INDArray params = dense.getLayer(0).params();
        assertEquals(0.25, params.getDouble(params.length() - 1), "the slopes come last in the layer's parameters");

        MultiLayerNetwork decayed = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().l2(1e-3).list()
                .layer(PooledInputConvolutionLayer.withLearnedSlope(4))
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build());
        decayed.init();
        org.deeplearning4j.nn.conf.layers.Layer conf = decayed.getLayer(0).conf().getLayer();
        assertFalse(conf.getRegularizationByParam(LearnedSlopeParams.KEY).isEmpty());
        assertEquals(conf.getRegularizationByParam("W"), conf.getRegularizationByParam(LearnedSlopeParams.KEY),
                "DL4J's PReLU layer decays its slopes as weights");
    }

    @Test
    void theConfigurationsSurviveDl4jsJson() {
        Map<MultiLayerNetwork, long[]> inputs = new LinkedHashMap<>();
        inputs.put(network(InputType.feedForward(6), LeanDenseLayer.withLearnedSlope(4)), new long[] {2, 6});
        inputs.put(network(InputType.convolutional(8, 8, 1), PooledInputConvolutionLayer.withLearnedSlope(3)),
                new long[] {2, 1, 8, 8});
        inputs.put(network(InputType.convolutional(6, 6, 3), PooledLearnedSlopeLayer.forInput(new long[] {3, 6, 6})),
                new long[] {2, 3, 6, 6});
        for (Map.Entry<MultiLayerNetwork, long[]> c : inputs.entrySet()) {
            MultiLayerNetwork net = c.getKey();
            net.getParam("0_" + (net.getLayer(0).paramTable().containsKey("b") ? LearnedSlopeParams.KEY : "W")).assign(-0.5);
            MultiLayerNetwork back = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson()));
            back.init(net.params().dup(), false);
            assertEquals(net.getLayer(0).conf().getLayer().getClass(), back.getLayer(0).conf().getLayer().getClass());
            assertEquals(net.getLayer(0).paramTable().keySet(), back.getLayer(0).paramTable().keySet());
            INDArray x = random(c.getValue());
            assertEquals(net.output(x), back.output(x), "the same outputs from the same parameters");
        }
    }

    @Test
    void aFirstConvolutionHasEitherARectifierOrLearnedSlopes() {
        PooledInputConvolutionLayer both = PooledInputConvolutionLayer.of(4, new Rectifier(0.1));
        both.setLearnedSlope(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> network(InputType.convolutional(8, 8, 1), both));
        assertTrue(e.getMessage().contains("a rectifier and learned slopes"), e.getMessage());
    }

    /** One training pass of a network's first layers, driven layer by layer as DL4J's backpropagation does. */
    private record Pass(INDArray output, INDArray inputGradient, Map<String, INDArray> gradients) {

        static Pass run(MultiLayerNetwork net, int layers, INDArray x, INDArray epsilon) {
            LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
            INDArray a = x.dup();
            for (int i = 0; i < layers; i++) {
                Layer layer = net.getLayer(i);
                layer.setInput(a, none);
                a = layer.activate(true, none).dup();
            }
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            INDArray e = epsilon.dup();
            for (int i = layers - 1; i >= 0; i--) {
                Pair<Gradient, INDArray> p = net.getLayer(i).backpropGradient(e, none);
                for (Map.Entry<String, INDArray> g : p.getFirst().gradientForVariable().entrySet()) {
                    gradients.put(i + "_" + g.getKey(), g.getValue().dup());
                }
                e = p.getSecond() == null ? null : p.getSecond().dup();
            }
            return new Pass(a, e, gradients);
        }
    }

    private static MultiLayerNetwork network(InputType input, org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list();
        for (org.deeplearning4j.nn.conf.layers.Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(input).build());
        net.init();
        net.initGradientsView();
        return net;
    }

    private static SubsamplingLayer maxPooling() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /**
     * Gives both networks the same random parameters through their flattened vectors, then the slopes {@link #SLOPES}
     * in turn, checking that they sit at the same place in both.
     */
    private static void alike(MultiLayerNetwork stock, MultiLayerNetwork fast, String stockSlopes, String fastSlopes) {
        assertEquals(stock.numParams(), fast.numParams(), "parameter counts");
        Nd4j.getRandom().setSeed(41);
        INDArray slopes = stock.getParam(stockSlopes);
        float[] values = new float[(int) slopes.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = SLOPES[i % SLOPES.length];
        }
        stock.setParams(Nd4j.rand(DataType.FLOAT, 1, stock.numParams()).subi(0.5));
        slopes.assign(Nd4j.createFromArray(values).reshape(slopes.shape()));
        fast.setParams(stock.params().dup());
        assertArrayEquals(values, fast.getParam(fastSlopes).dup().data().asFloat(), "the slopes where the stock engine keeps them");
    }

    private static INDArray random(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
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

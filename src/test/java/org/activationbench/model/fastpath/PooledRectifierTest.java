package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Pooling then rectifying against rectifying then DL4J's max-pooling: the same outputs and gradients, bit for bit
 * (the rectifier against DL4J's own activations is {@link RectifierTest}'s).
 */
class PooledRectifierTest {

    /** [batch, channels, height, width] (odd sizes drop the last row and column) x slope. */
    static Stream<Arguments> cases() {
        List<int[]> shapes = List.of(new int[] {128, 32, 26, 26}, new int[] {128, 64, 11, 11}, new int[] {1, 3, 5, 7});
        return shapes.stream().flatMap(s -> Stream.of(0.0, 0.01, 0.3).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputsAndGradientsEqualTheRectifierThenDl4jsPooling(int[] shape, double alpha) {
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape[0], shape[1], shape[2], shape[3]).subi(0.5);
        // exact ties, which both must resolve alike: whole windows of one value
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(-0.25);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, shape[0], shape[1], shape[2] / 2, shape[3] / 2).subi(0.5);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();

        MultiLayerNetwork stock = network(new ActivationLayer.Builder().activation(new Rectifier(alpha)).build(),
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(2, 2).stride(2, 2).build(), shape);
        Layer act = stock.getLayer(0);
        Layer pool = stock.getLayer(1);
        act.setInput(x.dup(), none);
        INDArray activated = act.activate(true, none).dup();
        pool.setInput(activated, none);
        INDArray expected = pool.activate(true, none).dup();
        INDArray expectedGradient = act.backpropGradient(pool.backpropGradient(epsilon.dup(), none).getSecond().dup(), none)
                .getSecond();

        Layer fused = network(PooledRectifierLayer.of(new Rectifier(alpha)), null, shape).getLayer(0);
        fused.setInput(x.dup(), none);
        INDArray actual = fused.activate(true, none);
        INDArray actualGradient = fused.backpropGradient(epsilon.dup(), none).getSecond();

        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.dup('c').data().asFloat(), actual.dup('c').data().asFloat(), "output");
        assertArrayEquals(expectedGradient.shape(), actualGradient.shape());
        float[] e = expectedGradient.dup('c').data().asFloat();
        float[] a = actualGradient.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            // a zero may differ in sign: the rectifier's ReLU derivative writes +0 where this writes 0 * epsilon
            assertEquals(e[i] == 0 ? 0f : e[i], a[i] == 0 ? 0f : a[i], "gradient element " + i);
        }
        fused.setInput(x.dup(), none);
        assertArrayEquals(expected.dup('c').data().asFloat(), fused.activate(false, none).dup('c').data().asFloat(), "inference");
    }

    @Test
    void theConfigurationSurvivesDl4jsJson() {
        MultiLayerConfiguration conf = network(PooledRectifierLayer.of(new Rectifier(0.3)), null, new int[] {1, 2, 4, 4})
                .getLayerWiseConfigurations();
        PooledRectifierLayer back = (PooledRectifierLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer();
        assertEquals(new Rectifier(0.3), back.getRectifier());
        assertEquals(Arrays.toString(new int[] {2, 2}), Arrays.toString(back.getKernelSize()));
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer first,
            org.deeplearning4j.nn.conf.layers.Layer second, int[] shape) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(first);
        if (second != null) {
            list.layer(second);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(shape[2], shape[3], shape[1])).build());
        net.init();
        return net;
    }
}

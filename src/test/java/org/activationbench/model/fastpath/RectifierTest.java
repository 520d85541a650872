package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.activationbench.model.ActivationsTest;
import org.activationbench.model.Architectures;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RectifierTest {

    private static IActivation stock(double alpha) {
        return alpha == 0 ? new ActivationReLU() : new ActivationLReLU(alpha);
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(-1).toFloatVector();
    }

    /** Gaussian values with a few exact zeros of either sign, which sit on the boundary of the derivative. */
    private static INDArray random(long seed, char order, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.randn(DataType.FLOAT, shape);
        INDArray flat = a.reshape(-1);
        flat.putScalar(0, 0f);
        flat.putScalar(1, -0f);
        flat.putScalar(2, Float.MIN_VALUE);
        flat.putScalar(3, -Float.MIN_VALUE);
        return a.dup(order);
    }

    /**
     * DL4J's values exactly (a delta of 0, under which -0 equals +0), for matrices of either order and a 4-d
     * convolution output, with slopes above 1 too.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.3, 1.5})
    void valuesAndDerivativesAreDl4jsExactly(double alpha) {
        Rectifier rectifier = new Rectifier(alpha);
        for (char order : new char[] {'c', 'f'}) {
            for (long[] shape : new long[][] {{64, 33}, {4, 3, 5, 5}}) {
                INDArray z = random(1, order, shape);
                INDArray eps = random(2, order, shape);
                assertArrayEquals(flat(stock(alpha).getActivation(z.dup(order), true)), flat(rectifier.getActivation(z.dup(order), true)), 0f);
                INDArray expected = stock(alpha).backprop(z.dup(order), eps.dup(order)).getFirst();
                INDArray in = z.dup(order);
                INDArray actual = rectifier.backprop(in, eps.dup(order)).getFirst();
                assertSame(in, actual, "dL/dz is written into the input, as DL4J's activations do");
                assertArrayEquals(flat(expected), flat(actual), 0f);
            }
        }
    }

    @Test
    void mixedOrdersAndViewsGiveTheSameValues() {
        Rectifier rectifier = new Rectifier(0.1);
        INDArray z = random(3, 'f', 32, 16);
        INDArray eps = random(4, 'c', 32, 16);
        INDArray expected = stock(0.1).backprop(z.dup('c'), eps.dup('c')).getFirst();
        assertArrayEquals(flat(expected), flat(rectifier.backprop(z, eps).getFirst()), 0f);
        INDArray wide = random(5, 'c', 32, 40);
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 20));
        INDArray expectedView = stock(0.1).getActivation(view.dup(), true);
        assertArrayEquals(flat(expectedView), flat(rectifier.getActivation(view, true)), 0f);
    }

    @Test
    void valuesOfAWorkedExample() {
        INDArray z = Nd4j.createFromArray(-2f, 0f, 3f);
        assertArrayEquals(new float[] {0f, 0f, 3f}, new Rectifier(0).getActivation(z, false).toFloatVector());
        INDArray leaky = new Rectifier(0.25).getActivation(Nd4j.createFromArray(-2f, 3f), false);
        assertArrayEquals(new float[] {-0.5f, 3f}, leaky.toFloatVector());
    }

    @Test
    void refusesANegativeOrInfiniteSlope() {
        assertThrows(IllegalArgumentException.class, () -> new Rectifier(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Rectifier(Double.POSITIVE_INFINITY));
    }

    @Test
    void survivesDl4jsJsonWithItsSlope() {
        MultiLayerNetwork net = Architectures.build(ActivationsTest.config("mlp", "leakyrelu", 0.2), 28, 10).network();
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) copy.getConf(0).getLayer();
        Rectifier rectifier = assertInstanceOf(Rectifier.class, layer.getActivationFn());
        assertEquals(0.2, rectifier.alpha());
    }
}

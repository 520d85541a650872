package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.activationbench.model.ActivationsTest;
import org.activationbench.model.Architectures;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

class JvmAdamTest {

    private static final int N = 1000;

    /**
     * DL4J's Adam and this one, each fed the same gradients for {@code steps} iterations starting at {@code first}:
     * the updates and both moments after the last step must agree to float rounding. The gradient is a view at an
     * offset into a larger array, and v lies at an offset in the state array, as in DL4J's updater blocks.
     */
    private static void assertSameSteps(int first, int steps, double learningRate) {
        INDArray stockState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        INDArray jvmState = Nd4j.zeros(DataType.FLOAT, 1, 2 * N);
        GradientUpdater<?> stock = new Adam(learningRate).instantiate(stockState, true);
        GradientUpdater<?> jvm = new JvmAdam(learningRate).instantiate(jvmState, true);
        assertInstanceOf(JvmAdamUpdater.class, jvm);
        Nd4j.getRandom().setSeed(first);
        INDArray stockUpdate = null;
        INDArray jvmUpdate = null;
        for (int i = first; i < first + steps; i++) {
            INDArray raw = Nd4j.randn(DataType.FLOAT, 1, N + 7).muli(Math.pow(10, i % 5 - 3));
            stockUpdate = raw.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(7, N + 7)).dup();
            jvmUpdate = Nd4j.zeros(DataType.FLOAT, 1, N + 7).addi(raw).get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(7, N + 7));
            stock.applyUpdater(stockUpdate, i, 0);
            jvm.applyUpdater(jvmUpdate, i, 0);
            assertClose(stockUpdate, jvmUpdate, "update of iteration " + i);
        }
        assertClose(stockState, jvmState, "moments");
        assertEquals(0, stockUpdate.sub(jvmUpdate).amaxNumber().doubleValue(), 1e-6 * stockUpdate.amaxNumber().doubleValue());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        float[] e = expected.toFloatVector();
        float[] a = actual.toFloatVector();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 2e-6f * Math.abs(e[i]) + 1e-30f, what + ", element " + i);
        }
    }

    @Test
    void stepsEqualDl4jsNativeAdam() {
        assertSameSteps(0, 20, 1e-3);
    }

    @Test
    void stepsEqualDl4jsNativeAdamLateInTraining() {
        assertSameSteps(100_000, 5, 0.05);
    }

    @Test
    void nonContiguousGradientsGoToDl4jsKernelAndGiveTheSameUpdate() {
        INDArray stockState = Nd4j.zeros(DataType.FLOAT, 1, 2 * 32);
        INDArray jvmState = Nd4j.zeros(DataType.FLOAT, 1, 2 * 32);
        GradientUpdater<?> stock = new Adam(1e-2).instantiate(stockState, true);
        GradientUpdater<?> jvm = new JvmAdam(1e-2).instantiate(jvmState, true);
        Nd4j.getRandom().setSeed(3);
        INDArray matrix = Nd4j.randn(DataType.FLOAT, 4, 32).dup('f');
        INDArray row = matrix.getRow(1, true); // a 1x32 view with stride 4
        assertEquals(4, row.stride(1));
        INDArray expected = row.dup();
        stock.applyUpdater(expected, 0, 0);
        jvm.applyUpdater(row, 0, 0);
        assertArrayEquals(expected.toFloatVector(), row.toFloatVector());
        assertArrayEquals(stockState.toFloatVector(), jvmState.toFloatVector());
    }

    @Test
    void survivesDl4jsJsonAsItself() {
        MultiLayerNetwork net = Architectures.build(ActivationsTest.config("mlp", "relu", null), 28, 10).network();
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        for (int layer = 0; layer < copy.getConfs().size(); layer++) {
            JvmAdam adam = assertInstanceOf(JvmAdam.class, copy.getConf(layer).getLayer().getUpdaterByParam("W"));
            assertEquals(1e-3, adam.getLearningRate(0, 0));
            assertEquals(new Adam().getBeta2(), adam.getBeta2());
        }
    }
}

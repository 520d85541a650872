package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.activationbench.data.Split;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchesTest {

    /** 10 examples of 3 features: example i holds i, i + 0.25, i + 0.5; its label is i % 4. */
    private static final Split SPLIT = split();

    private static Split split() {
        float[] x = new float[30];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = i + 0.25f;
            x[3 * i + 2] = i + 0.5f;
            y[i] = i % 4;
        }
        return new Split(10, 3, x, y);
    }

    private static void assertExamples(DataSet batch, int... examples) {
        assertArrayEquals(new long[] {examples.length, 3}, batch.getFeatures().shape());
        for (int r = 0; r < examples.length; r++) {
            int e = examples[r];
            assertArrayEquals(new float[] {e, e + 0.25f, e + 0.5f}, batch.getFeatures().getRow(r).toFloatVector(), "row " + r);
            float[] oneHot = new float[4];
            oneHot[e % 4] = 1;
            assertArrayEquals(oneHot, batch.getLabels().getRow(r).toFloatVector(), "labels of row " + r);
        }
    }

    @Test
    void batchesFollowTheOrderAndReuseTheirArrays() {
        int[] order = {7, 2, 9, 0, 5, 1, 8, 3, 6, 4};
        try (Minibatches minibatches = new Minibatches(SPLIT, 4, 4)) {
            assertEquals(3, minibatches.count());
            DataSet first = minibatches.batch(order, 0);
            INDArray features = first.getFeatures();
            assertExamples(first, 7, 2, 9, 0);
            DataSet second = minibatches.batch(order, 1);
            assertSame(features, second.getFeatures(), "full minibatches share one native array");
            assertExamples(second, 5, 1, 8, 3);
            assertExamples(minibatches.batch(order, 2), 6, 4);
            assertExamples(minibatches.batch(order, 0), 7, 2, 9, 0);
        }
    }

    @Test
    void freshBatchesAreIndependentCopies() {
        float[] scratchX = new float[6];
        float[] scratchY = new float[8];
        DataSet a = Minibatches.batch(SPLIT, 4, new int[] {3, 8}, 0, 2, scratchX, scratchY);
        DataSet b = Minibatches.batch(SPLIT, 4, new int[] {1, 6}, 0, 2, scratchX, scratchY);
        assertExamples(a, 3, 8);
        assertExamples(b, 1, 6);
    }
}

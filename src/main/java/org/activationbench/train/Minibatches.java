package org.activationbench.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.activationbench.data.Split;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts a split into minibatches in a seeded order. The order depends only on the seed and the epoch, so
 * trials with the same seed see the same batches whatever their activation.
 */
final class Minibatches {

    private final Split split;
    private final int classes;
    private final int batchSize;
    private final float[] features;
    private final float[] labels;

    Minibatches(Split split, int classes, int batchSize) {
        this.split = split;
        this.classes = classes;
        this.batchSize = batchSize;
        this.features = new float[batchSize * split.features()];
        this.labels = new float[batchSize * classes];
    }

    int count() {
        return (split.count() + batchSize - 1) / batchSize;
    }

    /** The example order of one epoch: a Fisher-Yates shuffle from a generator seeded by (seed, epoch). */
    int[] order(long seed, int epoch) {
        int[] order = new int[split.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Minibatch {@code b} of the given order, copied into fresh native arrays (the last one may be short). */
    DataSet batch(int[] order, int b) {
        int start = b * batchSize;
        int rows = Math.min(batchSize, order.length - start);
        int width = split.features();
        Arrays.fill(labels, 0, rows * classes, 0f);
        for (int r = 0; r < rows; r++) {
            int example = order[start + r];
            System.arraycopy(split.x(), example * width, features, r * width, width);
            labels[r * classes + split.y()[example]] = 1f;
        }
        float[] x = rows == batchSize ? features : Arrays.copyOf(features, rows * width);
        float[] y = rows == batchSize ? labels : Arrays.copyOf(labels, rows * classes);
        return new DataSet(
                Nd4j.create(x, new long[] {rows, width}, DataType.FLOAT),
                Nd4j.create(y, new long[] {rows, classes}, DataType.FLOAT));
    }
}

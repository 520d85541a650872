package org.activationbench.train;

import java.util.Arrays;
import org.activationbench.data.Split;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cuts a split into minibatches in the seeded order of {@link ExampleOrder}. */
public final class Minibatches {

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

    /** The example order of one epoch (see {@link ExampleOrder}). */
    int[] order(long seed, int epoch) {
        return ExampleOrder.of(split.count(), seed, epoch);
    }

    /** Minibatch {@code b} of the given order, copied into fresh native arrays (the last one may be short). */
    DataSet batch(int[] order, int b) {
        return batch(split, classes, order, b * batchSize, Math.min(batchSize, order.length - b * batchSize), features, labels);
    }

    /**
     * The examples {@code order[start .. start + rows)} as one minibatch in fresh native arrays; {@code features} and
     * {@code labels} are scratch buffers at least that large.
     */
    public static DataSet batch(Split split, int classes, int[] order, int start, int rows, float[] features, float[] labels) {
        int width = split.features();
        Arrays.fill(labels, 0, rows * classes, 0f);
        for (int r = 0; r < rows; r++) {
            int example = order[start + r];
            System.arraycopy(split.x(), example * width, features, r * width, width);
            labels[r * classes + split.y()[example]] = 1f;
        }
        float[] x = features.length == rows * width ? features : Arrays.copyOf(features, rows * width);
        float[] y = labels.length == rows * classes ? labels : Arrays.copyOf(labels, rows * classes);
        return new DataSet(
                Nd4j.create(x, new long[] {rows, width}, DataType.FLOAT),
                Nd4j.create(y, new long[] {rows, classes}, DataType.FLOAT));
    }
}

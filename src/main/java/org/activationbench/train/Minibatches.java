package org.activationbench.train;

import java.util.Arrays;
import org.activationbench.data.Split;
import org.activationbench.model.fastpath.NativeFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Cuts a split into minibatches in the seeded order of {@link ExampleOrder}. The per-task trainer's minibatches
 * are written into the same two native arrays every step (one more pair for a short last minibatch), so an epoch
 * allocates no native memory for its data.
 */
public final class Minibatches implements AutoCloseable {

    private final Split split;
    private final int classes;
    private final int batchSize;
    private final float[] features;
    private final float[] labels;
    private DataSet full;
    private DataSet shortLast;

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

    /**
     * Minibatch {@code b} of the given order (the last one may be short), in native arrays this object owns and
     * overwrites at the next call.
     */
    DataSet batch(int[] order, int b) {
        int start = b * batchSize;
        int rows = Math.min(batchSize, order.length - start);
        gather(split, classes, order, start, rows, features, labels);
        DataSet target;
        if (rows == batchSize) {
            full = full != null ? full : allocate(rows);
            target = full;
        } else {
            if (shortLast == null || shortLast.getFeatures().rows() != rows) {
                close(shortLast);
                shortLast = allocate(rows);
            }
            target = shortLast;
        }
        NativeFloats.write(target.getFeatures(), features, 0);
        NativeFloats.write(target.getLabels(), labels, 0);
        return target;
    }

    private DataSet allocate(int rows) {
        return new DataSet(NativeFloats.copyOf(features, 0, rows, split.features()), NativeFloats.copyOf(labels, 0, rows, classes));
    }

    /**
     * The examples {@code order[start .. start + rows)} as one minibatch in fresh native arrays; {@code features} and
     * {@code labels} are scratch buffers at least that large.
     */
    public static DataSet batch(Split split, int classes, int[] order, int start, int rows, float[] features, float[] labels) {
        gather(split, classes, order, start, rows, features, labels);
        return new DataSet(NativeFloats.copyOf(features, 0, rows, split.features()), NativeFloats.copyOf(labels, 0, rows, classes));
    }

    /** Copies the examples' pixels and one-hot labels into the first {@code rows} rows of the scratch buffers. */
    private static void gather(Split split, int classes, int[] order, int start, int rows, float[] features, float[] labels) {
        int width = split.features();
        Arrays.fill(labels, 0, rows * classes, 0f);
        for (int r = 0; r < rows; r++) {
            int example = order[start + r];
            System.arraycopy(split.x(), example * width, features, r * width, width);
            labels[r * classes + split.y()[example]] = 1f;
        }
    }

    /** Releases the native arrays at once rather than when the garbage collector finds them. */
    @Override
    public void close() {
        close(full);
        close(shortLast);
        full = null;
        shortLast = null;
    }

    private static void close(DataSet batch) {
        if (batch != null) {
            for (INDArray a : new INDArray[] {batch.getFeatures(), batch.getLabels()}) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }
}

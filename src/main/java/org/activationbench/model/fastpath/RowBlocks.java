package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-vector operations on a row-major float matrix in native memory, done on the heap a block of rows at a time:
 * adding a bias to every row, and summing the rows into a bias gradient. Blocks of at most {@value #BLOCK} floats
 * stay in a core's own cache. The sums run row by row in order, in single precision. One instance serves one layer,
 * so one thread; it keeps its buffers between calls.
 */
final class RowBlocks {

    static final int BLOCK = 16_384;

    private float[] block = new float[0];
    private float[] vector = new float[0];

    /** {@code z += b} row by row; the result is also written to {@code copy} when it is not null. */
    void addBias(INDArray z, INDArray b, INDArray copy) {
        int rows = Math.toIntExact(z.rows());
        int columns = Math.toIntExact(z.columns());
        checkRowVector(b, columns);
        float[] bias = vector(columns);
        NativeFloats.address(b).get(bias, 0, columns);
        FloatPointer values = NativeFloats.address(z);
        FloatPointer copied = copy == null ? null : NativeFloats.address(copy);
        int rowsPerBlock = Math.max(1, BLOCK / columns);
        float[] x = block(Math.min(rows, rowsPerBlock) * columns);
        for (int first = 0; first < rows; first += rowsPerBlock) {
            int n = Math.min(rowsPerBlock, rows - first) * columns;
            long offset = (long) first * columns;
            values.position(offset).get(x, 0, n);
            for (int start = 0; start < n; start += columns) {
                for (int j = 0; j < columns; j++) {
                    x[start + j] += bias[j];
                }
            }
            values.position(offset).put(x, 0, n);
            if (copied != null) {
                copied.position(offset).put(x, 0, n);
            }
        }
    }

    /** Writes the sum of {@code delta}'s rows into {@code sums}, a contiguous row vector. */
    void sumColumns(INDArray delta, INDArray sums) {
        int rows = Math.toIntExact(delta.rows());
        int columns = Math.toIntExact(delta.columns());
        checkRowVector(sums, columns);
        float[] total = vector(columns);
        Arrays.fill(total, 0, columns, 0f);
        FloatPointer values = NativeFloats.address(delta);
        int rowsPerBlock = Math.max(1, BLOCK / columns);
        float[] x = block(Math.min(rows, rowsPerBlock) * columns);
        for (int first = 0; first < rows; first += rowsPerBlock) {
            int n = Math.min(rowsPerBlock, rows - first) * columns;
            values.position((long) first * columns).get(x, 0, n);
            addRows(x, n, columns, total);
        }
        NativeFloats.address(sums).put(total, 0, columns);
    }

    /** Adds the rows held in {@code x[0 .. n)}, {@code columns} floats each, to {@code total}, in row order. */
    static void addRows(float[] x, int n, int columns, float[] total) {
        for (int start = 0; start < n; start += columns) {
            for (int j = 0; j < columns; j++) {
                total[j] += x[start + j];
            }
        }
    }

    private static void checkRowVector(INDArray v, int columns) {
        if (v.length() != columns) {
            throw new IllegalArgumentException("expected a vector of " + columns + " floats, got shape " + v.shapeInfoToString());
        }
    }

    private float[] block(int n) {
        if (block.length < n) {
            block = new float[n];
        }
        return block;
    }

    private float[] vector(int n) {
        if (vector.length < n) {
            vector = new float[n];
        }
        return vector;
    }
}

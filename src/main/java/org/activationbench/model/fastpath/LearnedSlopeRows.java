package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PReLU on a dense layer's row-major pre-activation, one learned slope per column ({@link LearnedSlopes}), a block of
 * rows at a time on the heap as {@link RowBlocks} does. Forward, one pass adds the bias, keeps the pre-activation and
 * writes the activation; backward, one pass writes the input gradient and sums the bias and slope gradients over the
 * rows, in order and in single precision. One instance serves one layer, so one thread; it keeps its buffers.
 */
final class LearnedSlopeRows {

    private float[] block = new float[0];
    private float[] epsilons = new float[0];
    private float[] bias = new float[0];
    private float[] slopes = new float[0];
    private float[] biasSums = new float[0];
    private float[] slopeSums = new float[0];

    /**
     * {@code z = f(z + b)} with slopes {@code a}; {@code z + b} is also written to {@code preActivation} when it is
     * not null, and its largest value in each column to {@code peaks} when that is not null.
     */
    void activate(INDArray z, INDArray b, INDArray a, INDArray preActivation, float[] peaks) {
        int rows = Math.toIntExact(z.rows());
        int columns = Math.toIntExact(z.columns());
        bias = vector(bias, b, columns);
        slopes = vector(slopes, a, columns);
        if (peaks != null) {
            Arrays.fill(peaks, 0, columns, Float.NEGATIVE_INFINITY);
        }
        FloatPointer values = NativeFloats.address(z);
        FloatPointer kept = preActivation == null ? null : NativeFloats.address(preActivation);
        int rowsPerBlock = Math.max(1, RowBlocks.BLOCK / columns);
        float[] x = block = capacity(block, Math.min(rows, rowsPerBlock) * columns);
        for (int first = 0; first < rows; first += rowsPerBlock) {
            int n = Math.min(rowsPerBlock, rows - first) * columns;
            long offset = (long) first * columns;
            values.position(offset).get(x, 0, n);
            for (int start = 0; start < n; start += columns) {
                for (int j = 0; j < columns; j++) {
                    x[start + j] += bias[j];
                }
            }
            if (kept != null) {
                kept.position(offset).put(x, 0, n);
            }
            if (peaks != null) {
                for (int start = 0; start < n; start += columns) {
                    for (int j = 0; j < columns; j++) {
                        peaks[j] = Math.max(peaks[j], x[start + j]);
                    }
                }
            }
            for (int start = 0; start < n; start += columns) {
                for (int j = 0; j < columns; j++) {
                    float v = x[start + j];
                    x[start + j] = Math.max(v, 0f) + slopes[j] * Math.min(v, 0f);
                }
            }
            values.position(offset).put(x, 0, n);
        }
    }

    /**
     * Overwrites {@code z}, the kept pre-activation, with {@code dL/dz} for {@code dL/df = epsilon}, and writes the sums
     * over the rows of {@code dL/dz} and of {@code dL/df * min(z, 0)} into {@code biasGradient} and
     * {@code slopeGradient}. The sign test works on the raw bits, as {@link Rectifier#backprop} does, so that the loop
     * has no branch on a sign that is as often negative as positive.
     */
    void backprop(INDArray z, INDArray epsilon, INDArray a, INDArray biasGradient, INDArray slopeGradient) {
        int rows = Math.toIntExact(z.rows());
        int columns = Math.toIntExact(z.columns());
        slopes = vector(slopes, a, columns);
        biasSums = zeros(biasSums, columns);
        slopeSums = zeros(slopeSums, columns);
        FloatPointer values = NativeFloats.address(z);
        FloatPointer gradients = NativeFloats.address(epsilon);
        int rowsPerBlock = Math.max(1, RowBlocks.BLOCK / columns);
        int size = Math.min(rows, rowsPerBlock) * columns;
        float[] x = block = capacity(block, size);
        float[] e = epsilons = capacity(epsilons, size);
        for (int first = 0; first < rows; first += rowsPerBlock) {
            int n = Math.min(rowsPerBlock, rows - first) * columns;
            long offset = (long) first * columns;
            values.position(offset).get(x, 0, n);
            gradients.position(offset).get(e, 0, n);
            for (int start = 0; start < n; start += columns) {
                for (int j = 0; j < columns; j++) {
                    float v = x[start + j];
                    float g = e[start + j];
                    int bits = Float.floatToRawIntBits(v);
                    int positive = (-bits & ~bits) >> 31;
                    float d = Float.intBitsToFloat(Float.floatToRawIntBits(g) & positive
                            | Float.floatToRawIntBits(g * slopes[j]) & ~positive);
                    biasSums[j] += d;
                    slopeSums[j] += g * Math.min(v, 0f);
                    x[start + j] = d;
                }
            }
            values.position(offset).put(x, 0, n);
        }
        NativeFloats.address(biasGradient).put(biasSums, 0, columns);
        NativeFloats.address(slopeGradient).put(slopeSums, 0, columns);
    }

    /** {@code v}'s {@code length} floats in {@code buffer}, or a larger buffer. */
    private static float[] vector(float[] buffer, INDArray v, int length) {
        if (v.length() != length || !NativeFloats.isContiguous(v)) {
            throw new IllegalArgumentException("expected a contiguous float vector of " + length + ", got " + v.shapeInfoToString());
        }
        float[] target = capacity(buffer, length);
        NativeFloats.address(v).get(target, 0, length);
        return target;
    }

    private static float[] zeros(float[] buffer, int length) {
        float[] target = capacity(buffer, length);
        Arrays.fill(target, 0, length, 0f);
        return target;
    }

    private static float[] capacity(float[] buffer, int n) {
        return buffer.length < n ? new float[n] : buffer;
    }
}

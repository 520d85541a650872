package org.activationbench.model.fastpath;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heap floats to and from ND4J's native memory in one bulk copy. {@code Nd4j.create(float[], ...)} writes element by
 * element through an indexer, which cost more than the forward pass for minibatches and evaluation chunks.
 */
public final class NativeFloats {

    private NativeFloats() {}

    /** A new {@code rows x columns} float matrix (row-major) holding {@code values[from .. from + rows * columns)}. */
    public static INDArray copyOf(float[] values, int from, int rows, int columns) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        write(array, values, from);
        return array;
    }

    /** Overwrites every element of {@code target}, a contiguous float array, with {@code values[from ..]}. */
    public static void write(INDArray target, float[] values, int from) {
        if (target.dataType() != DataType.FLOAT || target.elementWiseStride() != 1 || target.ordering() != 'c') {
            throw new IllegalArgumentException("not a contiguous row-major float array: " + target.shapeInfoToString());
        }
        int n = Math.toIntExact(target.length());
        if (from < 0 || from + n > values.length) {
            throw new IndexOutOfBoundsException("copying " + n + " floats from " + from + " of " + values.length);
        }
        address(target).put(values, from, n);
    }

    /** {@code array}'s elements in row-major order, in {@code buffer} if it has room, else in a new heap array. */
    public static float[] toHeap(INDArray array, float[] buffer) {
        INDArray c = isContiguous(array) && array.ordering() == 'c' ? array : array.dup('c');
        int n = Math.toIntExact(c.length());
        float[] target = buffer.length < n ? new float[n] : buffer;
        address(c).get(target, 0, n);
        return target;
    }

    /** Whether {@code array} holds floats one after another in memory, so that {@link #address} reaches them all. */
    public static boolean isContiguous(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1 && array.length() <= Integer.MAX_VALUE;
    }

    /** A float array's elements read as their raw IEEE 754 bits, from the same native address as {@link #address}. */
    public static IntPointer bits(INDArray array) {
        return new IntPointer(array.data().addressPointer());
    }

    /** The native address of a float array's first element (the buffer's address already includes a view's offset). */
    public static FloatPointer address(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }
}

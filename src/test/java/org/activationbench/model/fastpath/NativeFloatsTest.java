package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeFloatsTest {

    @Test
    void nativeCopiesTakeTheRequestedSlice() {
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 1.5f;
        }
        INDArray copy = NativeFloats.copyOf(values, 4, 2, 3);
        assertEquals(Nd4j.create(new float[] {6, 7.5f, 9, 10.5f, 12, 13.5f}, new long[] {2, 3}, DataType.FLOAT), copy);
        assertThrows(IndexOutOfBoundsException.class, () -> NativeFloats.copyOf(values, 16, 2, 3));
        INDArray columnMajor = Nd4j.zeros(DataType.FLOAT, 2, 3).dup('f');
        assertThrows(IllegalArgumentException.class, () -> NativeFloats.write(columnMajor, values, 0));
        INDArray strided = Nd4j.zeros(DataType.FLOAT, 4, 3).getColumn(1, true);
        assertThrows(IllegalArgumentException.class, () -> NativeFloats.write(strided, values, 0));
    }
}

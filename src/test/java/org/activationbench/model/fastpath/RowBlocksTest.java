package org.activationbench.model.fastpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RowBlocksTest {

    /** 131 x 300 floats: 54 rows per block, so two full blocks and a partial one. */
    private static INDArray matrix(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, 131, 300).muli(3);
    }

    @Test
    void addingTheBiasEqualsNd4jsBroadcastBitForBitAndWritesTheCopy() {
        INDArray z = matrix(1);
        INDArray expected = z.dup().addiRowVector(bias());
        INDArray copy = Nd4j.zeros(DataType.FLOAT, 131, 300);
        new RowBlocks().addBias(z, bias(), copy);
        assertArrayEquals(expected.data().asFloat(), z.data().asFloat());
        assertArrayEquals(expected.data().asFloat(), copy.data().asFloat());
    }

    @Test
    void theBiasReadFromAViewOfAParameterVector() {
        INDArray params = Nd4j.linspace(DataType.FLOAT, 1, 400, 1).reshape(1, 400);
        INDArray b = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(100, 400)).reshape(1, 300);
        INDArray z = matrix(2);
        INDArray expected = z.dup().addiRowVector(b);
        new RowBlocks().addBias(z, b, null);
        assertArrayEquals(expected.data().asFloat(), z.data().asFloat());
    }

    @Test
    void columnSumsEqualNd4jsReductionBitForBit() {
        INDArray delta = matrix(3);
        INDArray expected = delta.sum(0);
        RowBlocks rows = new RowBlocks();
        INDArray sums = Nd4j.createUninitialized(DataType.FLOAT, 1, 300);
        rows.sumColumns(delta, sums);
        assertArrayEquals(expected.data().asFloat(), sums.data().asFloat());
        // a second call with other data starts from zero, not from the last sums
        INDArray other = matrix(4);
        rows.sumColumns(other, sums);
        assertArrayEquals(other.sum(0).data().asFloat(), sums.data().asFloat());
    }

    @Test
    void aVectorOfTheWrongLengthIsRefused() {
        INDArray z = matrix(5);
        assertThrows(IllegalArgumentException.class, () -> new RowBlocks().addBias(z, Nd4j.zeros(DataType.FLOAT, 1, 299), null));
        assertThrows(IllegalArgumentException.class, () -> new RowBlocks().sumColumns(z, Nd4j.zeros(DataType.FLOAT, 1, 301)));
    }

    private static INDArray bias() {
        Nd4j.getRandom().setSeed(9);
        return Nd4j.randn(DataType.FLOAT, 1, 300);
    }
}

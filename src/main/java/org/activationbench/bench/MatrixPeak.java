package org.activationbench.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single-precision arithmetic rate of this core as ND4J's matrix product (OpenBLAS's sgemm) reaches it on the
 * calling thread: square products large enough that moving the operands costs little against the arithmetic, warmed
 * up, the median of several. It is the rate of the most efficient kernel a training step runs, so the
 * {@link EpochFloor} it gives is one no epoch beats.
 *
 * @param size    rows and columns of each operand
 * @param seconds each timed product, in order
 * @param gflops  2 x size^3 operations over the median of seconds, in billions per second
 */
public record MatrixPeak(int size, int warmUps, List<Double> seconds, double gflops) {

    static final int SIZE = 2048;
    static final int WARM_UPS = 2;
    static final int TIMED = 5;

    /** Times {@link #TIMED} products of {@link #SIZE}-square float matrices after {@link #WARM_UPS} untimed ones. */
    static MatrixPeak measure() {
        Nd4j.getRandom().setSeed(0);
        List<Double> seconds = new ArrayList<>();
        try (INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE); INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
                INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE)) {
            for (int i = 0; i < WARM_UPS + TIMED; i++) {
                long start = System.nanoTime();
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                if (i >= WARM_UPS) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return new MatrixPeak(SIZE, WARM_UPS, List.copyOf(seconds), gflops(SIZE, Benchmark.median(seconds)));
    }

    /** Billions of floating-point operations per second of a {@code size}-square product that took {@code seconds}. */
    static double gflops(int size, double seconds) {
        return 2.0 * size * size * size / seconds / 1e9;
    }
}

package org.activationbench.model.fastpath;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InputKernels} on the JDK's vector API: the nine taps' products in registers, one load of each input shift
 * per vector. The convolution uses the processor's widest vectors (each element's chain is the same at any width);
 * the weight gradient's sums are {@link InputKernels#LANES} wide everywhere, so that they round alike on every
 * processor. Loaded only where the JVM has the module. The species are named at each use, not held in locals: a loop
 * the JIT compiles on stack replacement sees a local as unknown, and the vector operations then fall back to objects.
 */
final class VectorInputKernels extends InputKernels {

    private static final VectorSpecies<Float> WIDEST = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> SUMS = FloatVector.SPECIES_256;

    VectorInputKernels() {
        if (SUMS.length() != LANES) {
            throw new IllegalStateException("256-bit float vectors have " + SUMS.length() + " lanes, not " + LANES);
        }
    }

    @Override
    boolean vectorised() {
        return true;
    }

    @Override
    void convolve(float[] in, int from, int width, float[] w, float bias, float[] plane, int span) {
        FloatVector w0 = FloatVector.broadcast(WIDEST, w[0]), w1 = FloatVector.broadcast(WIDEST, w[1]),
                w2 = FloatVector.broadcast(WIDEST, w[2]), w3 = FloatVector.broadcast(WIDEST, w[3]),
                w4 = FloatVector.broadcast(WIDEST, w[4]), w5 = FloatVector.broadcast(WIDEST, w[5]),
                w6 = FloatVector.broadcast(WIDEST, w[6]), w7 = FloatVector.broadcast(WIDEST, w[7]),
                w8 = FloatVector.broadcast(WIDEST, w[8]);
        FloatVector b = FloatVector.broadcast(WIDEST, bias);
        int r1 = width, r2 = 2 * width;
        int i = 0;
        for (int end = WIDEST.loopBound(span); i < end; i += WIDEST.length()) {
            int j = from + i;
            FloatVector acc = FloatVector.fromArray(WIDEST, in, j).fma(w0, b);
            acc = FloatVector.fromArray(WIDEST, in, j + 1).fma(w1, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + 2).fma(w2, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r1).fma(w3, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r1 + 1).fma(w4, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r1 + 2).fma(w5, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r2).fma(w6, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r2 + 1).fma(w7, acc);
            acc = FloatVector.fromArray(WIDEST, in, j + r2 + 2).fma(w8, acc);
            acc.intoArray(plane, i);
        }
        convolveTail(in, from, width, w, bias, plane, i, span);
    }

    /**
     * The running sums stay in memory rather than in loop-carried vector variables, and nothing vector-valued crosses
     * a call: C2 (JDK 17) can compile either as objects allocated at every step, ten times slower.
     */
    @Override
    void accumulate(float[] g, int gFrom, float[] in, int from, int width, int span, float[] sums) {
        int r1 = width, r2 = 2 * width;
        int i = 0;
        for (int end = SUMS.loopBound(span); i < end; i += LANES) {
            FloatVector gv = FloatVector.fromArray(SUMS, g, gFrom + i);
            int j = from + i;
            gv.fma(FloatVector.fromArray(SUMS, in, j), FloatVector.fromArray(SUMS, sums, 0)).intoArray(sums, 0);
            gv.fma(FloatVector.fromArray(SUMS, in, j + 1), FloatVector.fromArray(SUMS, sums, LANES)).intoArray(sums, LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + 2), FloatVector.fromArray(SUMS, sums, 2 * LANES)).intoArray(sums, 2 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r1), FloatVector.fromArray(SUMS, sums, 3 * LANES)).intoArray(sums, 3 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r1 + 1), FloatVector.fromArray(SUMS, sums, 4 * LANES)).intoArray(sums, 4 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r1 + 2), FloatVector.fromArray(SUMS, sums, 5 * LANES)).intoArray(sums, 5 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r2), FloatVector.fromArray(SUMS, sums, 6 * LANES)).intoArray(sums, 6 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r2 + 1), FloatVector.fromArray(SUMS, sums, 7 * LANES)).intoArray(sums, 7 * LANES);
            gv.fma(FloatVector.fromArray(SUMS, in, j + r2 + 2), FloatVector.fromArray(SUMS, sums, 8 * LANES)).intoArray(sums, 8 * LANES);
        }
        accumulateTail(g, gFrom, in, from, width, i, span, sums);
    }
}

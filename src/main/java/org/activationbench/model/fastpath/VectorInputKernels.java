package org.activationbench.model.fastpath;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InputKernels} on the JDK's vector API: the nine taps' products in registers, one load of each input shift
 * per vector (each element's chain is the same at any vector width). Loaded only where the JVM has the module. The
 * species is named at each use, not held in a local: a loop the JIT compiles on stack replacement sees a local as
 * unknown, and the vector operations then fall back to objects.
 */
final class VectorInputKernels extends InputKernels {

    private static final VectorSpecies<Float> WIDEST = FloatVector.SPECIES_256;

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
}

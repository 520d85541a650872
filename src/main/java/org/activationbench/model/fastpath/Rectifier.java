package org.activationbench.model.fastpath;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU ({@code alpha = 0}) and leaky ReLU: {@code x} for {@code x > 0}, {@code alpha * x} otherwise, with derivative
 * 1 or {@code alpha}: the values of DL4J's {@code ActivationReLU} and {@code ActivationLReLU} exactly, for every
 * input but NaN (a zero may differ in sign). Both run the same code,
 * so a comparison of their training times measures the activations rather than two implementations. ND4J (1.0.0-M2)
 * applies the leaky derivative through a {@code std::function} per element, about 8 ns each: 15% of an MLP step,
 * against 5% for ReLU's. Here contiguous float arrays are copied to the heap, transformed in branch-free loops,
 * and copied back; other arrays go to DL4J's implementations.
 */
public final class Rectifier extends BaseActivationFunction {

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private double alpha;

    /** For DL4J's configuration (de)serialisation. */
    public Rectifier() {}

    public Rectifier(double alpha) {
        if (!(alpha >= 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("the negative slope must be finite and >= 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The negative slope: 0 for ReLU. */
    public double alpha() {
        return alpha;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!NativeFloats.isContiguous(in)) {
            return dl4j().getActivation(in, training);
        }
        return activate(in, in);
    }

    /**
     * Writes the activation of {@code in} into {@code out}, leaving {@code in} as it is: a layer that keeps its
     * pre-activation for the backward pass needs no copy of it. Both must be contiguous float arrays of one length.
     */
    public INDArray getActivation(INDArray in, INDArray out) {
        if (!NativeFloats.isContiguous(in) || !NativeFloats.isContiguous(out) || in.length() != out.length()) {
            throw new IllegalArgumentException("contiguous float arrays of one length expected, got " + in.shapeInfoToString()
                    + " and " + out.shapeInfoToString());
        }
        return activate(in, out);
    }

    private INDArray activate(INDArray in, INDArray out) {
        int n = (int) in.length();
        float[] x = floats(n);
        NativeFloats.address(in).get(x, 0, n);
        activate(x, n);
        NativeFloats.address(out).put(x, 0, n);
        return out;
    }

    /** Replaces {@code x[0 .. n)} by its activation, on the heap. */
    void activate(float[] x, int n) {
        float a = (float) alpha;
        // max and min select one of their arguments exactly; unlike a branch on the sign, the JIT vectorises them
        if (a == 0) {
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(x[i], 0f);
            }
        } else if (a <= 1) {
            for (int i = 0; i < n; i++) {
                float v = x[i];
                x[i] = Math.max(v, v * a);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float v = x[i];
                x[i] = Math.min(v, v * a);
            }
        }
    }

    /** {@code dL/dz} for one element: {@code epsilon} where the pre-activation {@code z} is above zero, else its slope's share. */
    float gradient(float z, float epsilon) {
        return z > 0 ? epsilon : alpha == 0 ? 0f : epsilon * (float) alpha;
    }

    /**
     * Writes {@code dL/dz} into {@code in}, as DL4J's activations do. The sign test works on the pre-activation's
     * raw bits, {@code (-b & ~b) >> 31} being all ones exactly when {@code b} is a float above zero, so that the loop
     * has no branch: a branch on a sign that is as often negative as positive is mispredicted half the time.
     */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (!NativeFloats.isContiguous(in) || !NativeFloats.isContiguous(epsilon) || in.ordering() != epsilon.ordering() && !in.isVector()) {
            return dl4j().backprop(in, epsilon);
        }
        int n = (int) in.length();
        int[] z = ints(n);
        NativeFloats.bits(in).get(z, 0, n);
        if (alpha == 0) {
            int[] g = BUFFERS.get().gradientBits(n);
            NativeFloats.bits(epsilon).get(g, 0, n);
            for (int i = 0; i < n; i++) {
                int b = z[i];
                g[i] &= (-b & ~b) >> 31;
            }
            NativeFloats.bits(in).put(g, 0, n);
        } else {
            float[] g = floats(n);
            NativeFloats.address(epsilon).get(g, 0, n);
            float a = (float) alpha;
            for (int i = 0; i < n; i++) {
                int b = z[i];
                int positive = (-b & ~b) >> 31;
                float e = g[i];
                g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(e) & positive | Float.floatToRawIntBits(e * a) & ~positive);
            }
            NativeFloats.address(in).put(g, 0, n);
        }
        return new Pair<>(in, null);
    }

    private IActivation dl4j() {
        return alpha == 0 ? new ActivationReLU() : new ActivationLReLU(alpha);
    }

    private static float[] floats(int n) {
        return BUFFERS.get().floats(n);
    }

    private static int[] ints(int n) {
        return BUFFERS.get().preActivationBits(n);
    }

    /** Heap copies reused by the thread's next call; trials run one per thread. */
    private static final class Buffers {
        private float[] floats = new float[0];
        private int[] preActivationBits = new int[0];
        private int[] gradientBits = new int[0];

        float[] floats(int n) {
            if (floats.length < n) {
                floats = new float[n];
            }
            return floats;
        }

        int[] preActivationBits(int n) {
            if (preActivationBits.length < n) {
                preActivationBits = new int[n];
            }
            return preActivationBits;
        }

        int[] gradientBits(int n) {
            if (gradientBits.length < n) {
                gradientBits = new int[n];
            }
            return gradientBits;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rectifier r && Double.compare(r.alpha, alpha) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return alpha == 0 ? "relu" : "leakyrelu(" + alpha + ")";
    }
}

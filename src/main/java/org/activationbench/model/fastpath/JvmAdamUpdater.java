package org.activationbench.model.fastpath;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One Adam step computed on the JVM: gradient and moments are copied into heap arrays, updated in a loop the JIT
 * turns into vector instructions, and copied back (about 0.6 ns per parameter here, against 5 ns for DL4J's native
 * kernel). The copies go block by block, so that they stay in the core's own cache instead of streaming megabytes
 * through the cache it shares with the trial on the other core (two trials side by side ran ~5% faster per epoch).
 * The arithmetic is the native kernel's, in single precision and in the same order; arrays it cannot treat as one
 * contiguous run of floats go to DL4J's kernel. When {@link DeferredDivisionUpdater} leaves it the division of the
 * gradient by the minibatch size, the same pass divides each element first, as DL4J's separate pass would have.
 */
final class JvmAdamUpdater extends AdamUpdater {

    /** Floats per block: 48 KiB for the three heap blocks. */
    private static final int BLOCK = 4096;

    private final float[] gradient = new float[BLOCK];
    private final float[] m = new float[BLOCK];
    private final float[] v = new float[BLOCK];
    /** What the next gradient is still to be divided by: the minibatch size, or 1 when it arrives divided. */
    private float divisor = 1;

    JvmAdamUpdater(Adam config) {
        super(config);
    }

    /** Has the next {@link #applyUpdater} divide the gradient by the minibatch size before its step. */
    void divideNextGradientBy(int minibatchSize) {
        divisor = minibatchSize;
    }

    @Override
    public void applyUpdater(INDArray gradientView, int iteration, int epoch) {
        float divideBy = divisor;
        divisor = 1;
        INDArray mView = getM();
        INDArray vView = getV();
        if (mView == null || vView == null || !contiguousFloats(gradientView, mView) || !contiguousFloats(gradientView, vView)) {
            if (divideBy != 1) {
                gradientView.divi(divideBy);
            }
            super.applyUpdater(gradientView, iteration, epoch);
            return;
        }
        int n = (int) gradientView.length();
        FloatPointer g = NativeFloats.address(gradientView);
        FloatPointer mp = NativeFloats.address(mView);
        FloatPointer vp = NativeFloats.address(vView);
        float stepSize = stepSize(getConfig().getLearningRate(iteration, epoch), iteration);
        for (int from = 0; from < n; from += BLOCK) {
            int length = Math.min(BLOCK, n - from);
            g.position(from).get(gradient, 0, length);
            mp.position(from).get(m, 0, length);
            vp.position(from).get(v, 0, length);
            step(gradient, m, v, length, divideBy, stepSize);
            g.put(gradient, 0, length);
            mp.put(m, 0, length);
            vp.put(v, 0, length);
        }
    }

    /** The bias-corrected step size of this iteration, as DL4J's kernel computes it. */
    private float stepSize(double learningRate, int iteration) {
        Adam config = getConfig();
        float lr = (float) learningRate;
        float beta1T = (float) Math.pow((float) config.getBeta1(), iteration + 1);
        float beta2T = (float) Math.pow((float) config.getBeta2(), iteration + 1);
        float stepSize = (float) (lr * (float) Math.sqrt((float) (1.0 - beta2T)) / (1.0 - beta1T));
        if (!Float.isFinite(stepSize) || stepSize == 0) {
            stepSize = (float) config.getEpsilon(); // as DL4J's kernel does
        }
        return stepSize;
    }

    private void step(float[] g, float[] m, float[] v, int n, float divideBy, float stepSize) {
        Adam config = getConfig();
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i] / divideBy;
            float mi = beta1 * m[i] + gi * keep1;
            float vi = beta2 * v[i] + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            g[i] = mi * stepSize / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    /**
     * Whether {@code state} and {@code gradient} are float arrays of equal length whose elements lie in one
     * contiguous run each, in the same logical order.
     */
    private static boolean contiguousFloats(INDArray gradient, INDArray state) {
        return NativeFloats.isContiguous(gradient) && NativeFloats.isContiguous(state) && gradient.length() == state.length()
                && (gradient.ordering() == state.ordering() || gradient.isVector() && state.isVector());
    }
}

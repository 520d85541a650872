package org.activationbench.model.fastpath;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The convolution of {@link PooledInputConvolution}: a 3x3 convolution of one input plane, on the heap. Both
 * implementations compute the same floats, bit for bit, on any processor: every output element is one chain of fused
 * multiply-adds in tap order. {@link #get()} is the JDK's vector API where the JVM was started with its module
 * ({@code --add-modules=jdk.incubator.vector}, as conf/jvm/natives does), else plain loops, about ten times slower.
 *
 * <p>An output plane is laid out in the input's row width: output element {@code i} reads input elements
 * {@code i + ky * width + kx}, so each kernel tap is one shift of the input. The columns past the output's width are
 * computed and never read; {@code span}, the plane's length up to its last output element, keeps every read within
 * the input plane.
 */
abstract class InputKernels {

    static final int TAPS = 9;
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(InputKernels.class);

    private static final InputKernels INSTANCE = create();

    static InputKernels get() {
        return INSTANCE;
    }

    private static InputKernels create() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            try {
                return (InputKernels) Class.forName(InputKernels.class.getPackageName() + ".VectorInputKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the vector API's module is present but its kernels do not load", e);
            }
        }
        LOG.warn("this JVM lacks --add-modules={}: the CNN's first convolution runs in plain loops, about ten times"
                + " slower, with the same results (conf/jvm/natives lists the options a JVM that trains needs)",
                VECTOR_MODULE);
        return new ScalarInputKernels();
    }

    /** Whether these are the vector API's kernels. */
    abstract boolean vectorised();

    /**
     * {@code plane[0 .. span)}: the convolution of the input plane at {@code in[from ..]} (rows of {@code width}) with
     * the kernel {@code w[0 .. 9)} (row by row), plus {@code bias}.
     */
    abstract void convolve(float[] in, int from, int width, float[] w, float bias, float[] plane, int span);

    /** Plain loops: the reference, and the kernels of a JVM without the vector module. */
    static final class ScalarInputKernels extends InputKernels {

        @Override
        boolean vectorised() {
            return false;
        }

        @Override
        void convolve(float[] in, int from, int width, float[] w, float bias, float[] plane, int span) {
            convolveTail(in, from, width, w, bias, plane, 0, span);
        }
    }

    /** {@link #convolve} for elements {@code [start, span)}. */
    static void convolveTail(float[] in, int from, int width, float[] w, float bias, float[] plane, int start, int span) {
        for (int i = start; i < span; i++) {
            int j = from + i;
            float acc = bias;
            acc = Math.fma(in[j], w[0], acc);
            acc = Math.fma(in[j + 1], w[1], acc);
            acc = Math.fma(in[j + 2], w[2], acc);
            acc = Math.fma(in[j + width], w[3], acc);
            acc = Math.fma(in[j + width + 1], w[4], acc);
            acc = Math.fma(in[j + width + 2], w[5], acc);
            acc = Math.fma(in[j + 2 * width], w[6], acc);
            acc = Math.fma(in[j + 2 * width + 1], w[7], acc);
            acc = Math.fma(in[j + 2 * width + 2], w[8], acc);
            plane[i] = acc;
        }
    }

}

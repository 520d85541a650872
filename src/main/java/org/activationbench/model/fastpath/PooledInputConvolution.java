package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's first convolution (3x3, one input channel, stride 1, no padding), 2x2 max-pooling with stride 2 and a
 * {@link Rectifier} or PReLU with a slope learned per channel ({@link LearnedSlopes}), on the heap, one image plane at
 * a time ({@link InputKernels} holds the arithmetic). The convolution's full output (for the CNN's first layer 11 MB
 * per minibatch of 128) never leaves the processor's cache: only the input, the pooled output and its gradient cross
 * between ND4J's memory and the heap. The pooling keeps which element of each window was largest, so the backward pass
 * needs no copy of the convolution's output either; the input gradient, which nothing uses, is not computed. The
 * slopes' gradient is summed in the pass that sums the weights'.
 */
final class PooledInputConvolution extends ConvolutionLayer implements PreActivationPeaks {

    /** The activation, or null where the layer learns PReLU slopes. */
    private final Rectifier rectifier;
    private float[] slopes = new float[0];
    private float[] peaks = new float[0];
    private final InputKernels kernels = InputKernels.get();
    private final float[] kernel = new float[InputKernels.TAPS];
    private float[] in = new float[0];
    private float[] weights = new float[0];
    private float[] plane = new float[0];
    private float[] rows = new float[0];
    /** The pooled pre-activation; after a training pass, kept with {@link #largest} for the backward pass. */
    private float[] pooled = new float[0];
    /** Which element of each window held its maximum (0 to 3, row by row), from the last training pass. */
    private byte[] largest = new byte[0];
    private float[] out = new float[0];
    /** The shape of the last training pass's input, until the backward pass consumes it. */
    private long[] trainedShape;

    /** A layer of {@code rectifier}, or of learned slopes ({@link LearnedSlopeParams}) where it is null. */
    PooledInputConvolution(NeuralNetConfiguration conf, DataType dataType, Rectifier rectifier) {
        super(conf, dataType);
        this.rectifier = rectifier;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        validateInputRank();
        INDArray x = input.castTo(DataType.FLOAT);
        InputPlanes s = new InputPlanes(x.shape(), getParam(ConvolutionParamInitializer.WEIGHT_KEY).shape());
        validateInputDepth(1);
        in = NativeFloats.toHeap(x, in);
        weights = NativeFloats.toHeap(getParam(ConvolutionParamInitializer.WEIGHT_KEY), weights);
        float[] bias = NativeFloats.toHeap(getParam(ConvolutionParamInitializer.BIAS_KEY), new float[s.outChannels()]);
        int m = s.batch() * s.outChannels() * s.pooledPlane();
        pooled = capacity(pooled, m);
        if (training) {
            largest = largest.length < m ? new byte[m] : largest;
        }
        plane = capacity(plane, s.span());
        rows = capacity(rows, s.width());
        boolean learned = rectifier == null;
        if (learned) {
            slopes = NativeFloats.toHeap(getParam(LearnedSlopeParams.KEY), slopes);
            peaks = capacity(peaks, s.outChannels());
            Arrays.fill(peaks, 0, s.outChannels(), Float.NEGATIVE_INFINITY);
        }

        int p = 0;
        for (int b = 0; b < s.batch(); b++) {
            for (int o = 0; o < s.outChannels(); o++) {
                System.arraycopy(weights, o * InputKernels.TAPS, kernel, 0, InputKernels.TAPS);
                kernels.convolve(in, b * s.height() * s.width(), s.width(), kernel, bias[o], plane, s.span());
                if (learned && !training) {
                    peaks[o] = LearnedSlopes.windowPeak(plane, 0, s.width(), s.pooledH(), s.pooledW(), peaks[o]);
                }
                p = learned && !LearnedSlopes.keepsOrder(slopes[o])
                        ? LearnedSlopes.poolActivations(plane, 0, s.width(), s.pooledH(), s.pooledW(), slopes[o], pooled,
                                training ? largest : null, p)
                        : pool(s, p, training);
            }
        }
        out = capacity(out, m);
        if (learned) {
            LearnedSlopes.activatePlanes(pooled, out, m, s.pooledPlane(), slopes, s.outChannels());
        } else {
            System.arraycopy(pooled, 0, out, 0, m);
            rectifier.activate(out, m);
        }
        trainedShape = training ? x.shape() : null;
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {s.batch(), s.outChannels(), s.pooledH(), s.pooledW()}, 'c');
        NativeFloats.address(result).put(out, 0, m);
        return result;
    }

    /** Per channel, the largest pre-activation of the last inference pass; only where the layer learns slopes. */
    @Override
    public float[] preActivationPeaks() {
        if (rectifier != null) {
            throw new IllegalStateException("layer " + getIndex() + "'s rectifier keeps the pre-activation's sign");
        }
        return Arrays.copyOf(peaks, (int) layerConf().getNOut());
    }

    /** Max-pools {@link #plane} into {@link #pooled} from index {@code p}; returns the index after it. */
    private int pool(InputPlanes s, int p, boolean training) {
        int width = s.width();
        for (int oy = 0; oy < s.pooledH(); oy++) {
            int top = 2 * oy * width;
            int bottom = top + width;
            // two passes the JIT vectorises: the larger of each column pair, then of each neighbour pair
            for (int j = 0; j < 2 * s.pooledW(); j++) {
                rows[j] = Math.max(plane[top + j], plane[bottom + j]);
            }
            for (int ox = 0; ox < s.pooledW(); ox++) {
                pooled[p + ox] = Math.max(rows[2 * ox], rows[2 * ox + 1]);
            }
            if (training) {
                for (int ox = 0; ox < s.pooledW(); ox++) {
                    int i = top + 2 * ox;
                    float max = pooled[p + ox];
                    // the first element of the window, row by row, holding its maximum (the one oneDNN's and DL4J's
                    // max-pooling pick), found by arithmetic: a branch on data as random as activations mispredicts
                    int a = plane[i] == max ? 0 : 1;
                    int b = plane[i + 1] == max ? 0 : 1;
                    int c = plane[i + width] == max ? 0 : 1;
                    largest[p + ox] = (byte) (a * (1 + b * (1 + c)));
                }
            }
            p += s.pooledW();
        }
        return p;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (trainedShape == null) {
            throw new IllegalStateException("layer " + getIndex() + ": backpropagation without a training forward pass");
        }
        InputPlanes s = new InputPlanes(trainedShape, getParam(ConvolutionParamInitializer.WEIGHT_KEY).shape());
        trainedShape = null;
        int m = s.batch() * s.outChannels() * s.pooledPlane();
        out = capacity(out, m);
        INDArray e = NativeFloats.isContiguous(epsilon) && epsilon.ordering() == 'c' ? epsilon : epsilon.dup('c');
        NativeFloats.address(e).get(out, 0, m);

        double[] weightSums = new double[s.outChannels() * InputKernels.TAPS];
        double[] biasSums = new double[s.outChannels()];
        double[] slopeSums = new double[s.outChannels()];
        int p = 0;
        for (int b = 0; b < s.batch(); b++) {
            int image = b * s.height() * s.width();
            for (int o = 0; o < s.outChannels(); o++) {
                p = accumulate(s, p, image, o, weightSums, biasSums, slopeSums);
            }
        }
        INDArray weightView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        NativeFloats.write(weightView, floats(weightSums), 0);
        NativeFloats.address(biasView).put(floats(biasSums), 0, s.outChannels());

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightView, 'c');
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasView);
        if (rectifier == null) {
            INDArray slopeView = gradientViews.get(LearnedSlopeParams.KEY);
            NativeFloats.address(slopeView).put(floats(slopeSums), 0, s.outChannels());
            gradient.setGradientFor(LearnedSlopeParams.KEY, slopeView);
        }
        weightNoiseParams.clear();
        // Nothing uses the gradient with respect to the network's input, but the preprocessor in front of a first layer
        // reshapes whatever comes back: zeros of the input's shape, which DL4J then drops.
        INDArray epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {s.batch(), 1, s.height(), s.width()}, 'c');
        return new Pair<>(gradient, epsilonNext);
    }

    /**
     * Adds one pooled plane's contribution to output channel {@code o}'s weight, bias and slope sums; returns the index
     * after the plane. Only the element of each window that held its maximum has a gradient, so the weight gradient is the
     * pooled gradient times the nine input elements under that element's kernel, with no plane of the convolution's
     * gradient built: a quarter of the products of a dense accumulation, in scalar sums the JIT keeps in registers.
     */
    private int accumulate(InputPlanes s, int p, int image, int o, double[] weightSums, double[] biasSums, double[] slopeSums) {
        int width = s.width();
        float t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, bias = 0, slope = 0;
        float a = rectifier == null ? slopes[o] : 0;
        for (int oy = 0; oy < s.pooledH(); oy++) {
            int row = image + 2 * oy * width;
            for (int ox = 0; ox < s.pooledW(); ox++, p++) {
                float g;
                if (rectifier != null) {
                    g = rectifier.gradient(pooled[p], out[p]);
                } else {
                    g = LearnedSlopes.gradient(pooled[p], out[p], a);
                    slope += LearnedSlopes.slopeGradient(pooled[p], out[p]);
                }
                int which = largest[p];
                int j = row + 2 * ox + (which >> 1) * width + (which & 1);
                t0 = Math.fma(g, in[j], t0);
                t1 = Math.fma(g, in[j + 1], t1);
                t2 = Math.fma(g, in[j + 2], t2);
                t3 = Math.fma(g, in[j + width], t3);
                t4 = Math.fma(g, in[j + width + 1], t4);
                t5 = Math.fma(g, in[j + width + 2], t5);
                t6 = Math.fma(g, in[j + 2 * width], t6);
                t7 = Math.fma(g, in[j + 2 * width + 1], t7);
                t8 = Math.fma(g, in[j + 2 * width + 2], t8);
                bias += g;
            }
        }
        int w = o * InputKernels.TAPS;
        weightSums[w] += t0;
        weightSums[w + 1] += t1;
        weightSums[w + 2] += t2;
        weightSums[w + 3] += t3;
        weightSums[w + 4] += t4;
        weightSums[w + 5] += t5;
        weightSums[w + 6] += t6;
        weightSums[w + 7] += t7;
        weightSums[w + 8] += t8;
        biasSums[o] += bias;
        slopeSums[o] += slope;
        return p;
    }

    /** Sums in double precision, rounded to the floats of a gradient. */
    private static float[] floats(double[] sums) {
        float[] values = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            values[i] = (float) sums[i];
        }
        return values;
    }

    private static float[] capacity(float[] buffer, int n) {
        return buffer.length < n ? new float[n] : buffer;
    }
}

package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2x2 max-pooling with stride 2 of a convolution's pre-activation, then PReLU with a learned slope per channel: the
 * values and gradients of DL4J's PReLU layer followed by its max-pooling ({@link LearnedSlopes} says why a channel
 * whose slope is not above zero is pooled after its activation instead). As {@link PooledRectifier} does for a fixed
 * slope, the activation touches a quarter of the values, in one heap pass each way, and the slopes' gradient is summed
 * in the pass that routes the input gradient.
 */
final class PooledLearnedSlope extends PReLU {

    private float[] in = new float[0];
    private float[] slopes = new float[0];
    private float[] rows = new float[0];
    /** The pre-activation each window's output comes from, in the last pass. */
    private float[] pooled = new float[0];
    private float[] out = new float[0];
    private float[] gradient = new float[0];
    /** The shape of the last training pass's input, until the backward pass consumes it. */
    private long[] inputShape;

    PooledLearnedSlope(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = input.castTo(DataType.FLOAT);
        if (x.rank() != 4) {
            throw new IllegalStateException("layer " + getIndex() + " expects [batch, channels, height, width], got "
                    + Arrays.toString(x.shape()));
        }
        int channels = (int) x.size(1);
        int planes = (int) x.size(0) * channels;
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int outH = height / 2;
        int outW = width / 2;
        int m = planes * outH * outW;
        in = NativeFloats.toHeap(x, in);
        slopes = NativeFloats.toHeap(getParam(PReLUParamInitializer.WEIGHT_KEY), slopes);
        pooled = capacity(pooled, m);
        out = capacity(out, m);
        rows = capacity(rows, width);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            float a = slopes[p % channels];
            o = LearnedSlopes.keepsOrder(a) ? maxPool(p * height * width, width, outH, outW, o)
                    : LearnedSlopes.poolActivations(in, p * height * width, width, outH, outW, a, pooled, null, o);
        }
        LearnedSlopes.activatePlanes(pooled, out, m, outH * outW, slopes, channels);
        inputShape = training ? x.shape() : null;
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {x.size(0), channels, outH, outW}, 'c');
        NativeFloats.address(result).put(out, 0, m);
        return result;
    }

    /** Max-pools the plane at {@code in[from]} into {@code pooled[o ..]}; returns the index after it. */
    private int maxPool(int from, int width, int outH, int outW, int o) {
        for (int oy = 0; oy < outH; oy++) {
            int top = from + 2 * oy * width;
            int bottom = top + width;
            // two passes the JIT vectorises: the larger of each column pair, then of each neighbour pair
            for (int j = 0; j < 2 * outW; j++) {
                rows[j] = Math.max(in[top + j], in[bottom + j]);
            }
            for (int ox = 0; ox < outW; ox++) {
                pooled[o + ox] = Math.max(rows[2 * ox], rows[2 * ox + 1]);
            }
            o += outW;
        }
        return o;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (inputShape == null) {
            throw new IllegalStateException("layer " + getIndex() + ": backpropagation without a training forward pass");
        }
        int batch = (int) inputShape[0];
        int channels = (int) inputShape[1];
        int planes = batch * channels;
        int height = (int) inputShape[2];
        int width = (int) inputShape[3];
        int outH = height / 2;
        int outW = width / 2;
        int n = planes * height * width;
        out = NativeFloats.toHeap(epsilon, out);
        gradient = capacity(gradient, n);
        Arrays.fill(gradient, 0, n, 0f);
        double[] slopeSums = new double[channels];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            float a = slopes[p % channels];
            float slope = 0;
            for (int oy = 0; oy < outH; oy++) {
                int top = p * height * width + 2 * oy * width;
                for (int ox = 0; ox < outW; ox++, o++) {
                    int i = top + 2 * ox;
                    float z = pooled[o];
                    // the first element of the window, row by row, holding the pre-activation the output came from: the
                    // one DL4J's max-pooling of the activations picks (see LearnedSlopes), found without a branch
                    int w0 = in[i] == z ? 0 : 1;
                    int w1 = in[i + 1] == z ? 0 : 1;
                    int w2 = in[i + width] == z ? 0 : 1;
                    int which = w0 * (1 + w1 * (1 + w2));
                    gradient[i + (which >> 1) * width + (which & 1)] = LearnedSlopes.gradient(z, out[o], a);
                    slope += LearnedSlopes.slopeGradient(z, out[o]);
                }
            }
            slopeSums[p % channels] += slope;
        }
        inputShape = null;
        float[] slopeGradient = new float[channels];
        for (int c = 0; c < channels; c++) {
            slopeGradient[c] = (float) slopeSums[c];
        }
        INDArray slopeView = gradientViews.get(PReLUParamInitializer.WEIGHT_KEY);
        NativeFloats.address(slopeView).put(slopeGradient, 0, channels);
        Gradient g = new DefaultGradient();
        g.setGradientFor(PReLUParamInitializer.WEIGHT_KEY, slopeView);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {batch, channels, height, width}, 'c');
        NativeFloats.address(epsilonNext).put(gradient, 0, n);
        return new Pair<>(g, epsilonNext);
    }

    private static float[] capacity(float[] buffer, int n) {
        return buffer.length < n ? new float[n] : buffer;
    }
}

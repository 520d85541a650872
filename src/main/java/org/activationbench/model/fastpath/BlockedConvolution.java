package org.activationbench.model.fastpath;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.stream;
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
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A 3x3 convolution, 2x2 max-pooling with stride 2 and a {@link Rectifier}, as one layer whose activations stay in
 * oneDNN's blocked layout from the convolution to the rectifier and back: only the layer's input, output and their
 * gradients are converted, where {@link OneDnnConvolution} and {@link PooledRectifier} convert the convolution's
 * output and its gradient (the latter twice) inside libnd4j's operations. The rectifier runs after the pooling, where
 * it gives the same values ({@link PooledRectifier} says why). Calls oneDNN through JavaCPP's presets
 * ({@link OneDnnRuntime}).
 */
final class BlockedConvolution extends ConvolutionLayer {

    /** How many minibatch sizes keep their primitives: training's, its last minibatch's, and evaluation's. */
    private static final int SIZES_KEPT = 4;
    /** Above any OpenMP team size: the key of a minibatch size and a team size is {@code batch * TEAMS + team}. */
    private static final long TEAMS = 1 << 16;

    private final float alpha;
    /**
     * By minibatch size and OpenMP team size: oneDNN fixes a primitive's thread count when it makes it, so a thread
     * configured for another count needs primitives of its own.
     */
    private final Map<Long, BlockedConvolutionPrimitives> primitives = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BlockedConvolutionPrimitives> eldest) {
            return size() > SIZES_KEPT;
        }
    };
    private stream stream;
    /** The primitives of the last training forward pass, which hold what its backward pass needs. */
    private BlockedConvolutionPrimitives trained;

    BlockedConvolution(NeuralNetConfiguration conf, DataType dataType, Rectifier rectifier) {
        super(conf, dataType);
        this.alpha = (float) rectifier.alpha();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = contiguous(input.castTo(DataType.FLOAT));
        if (x.rank() != 4) {
            throw new IllegalStateException("layer " + getIndex() + " expects [batch, channels, height, width], got "
                    + Arrays.toString(x.shape()));
        }
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        validateInputDepth(w.size(1));
        BlockedConvolutionPrimitives p = primitives(x, w);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {x.size(0), w.size(0), (x.size(2) - 2) / 2, (x.size(3) - 2) / 2}, 'c');
        p.forward(x, w, bias(), out);
        trained = training ? p : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (trained == null) {
            throw new IllegalStateException("layer " + getIndex() + ": backpropagation without a training forward pass");
        }
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        long[] inputShape = input.shape();
        INDArray epsilonNext;
        if (getIndex() == 0) {
            // nothing uses the gradient with respect to the network's input; zeros of its shape, as OneDnnConvolution
            epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputShape, 'c');
            trained.backward(contiguous(epsilon), w, weightGradient, biasGradient.reshape(biasGradient.length()), null);
        } else {
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputShape, 'c');
            trained.backward(contiguous(epsilon), w, weightGradient, biasGradient.reshape(biasGradient.length()),
                    epsilonNext);
        }
        trained = null;
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext);
    }

    private BlockedConvolutionPrimitives primitives(INDArray x, INDArray w) {
        if (stream == null) {
            stream = OneDnnRuntime.newStream();
        }
        long team = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        return primitives.computeIfAbsent(x.size(0) * TEAMS + team, key -> new BlockedConvolutionPrimitives(stream,
                x.size(0), x.size(1), x.size(2), x.size(3), w.size(0), alpha));
    }

    /** The bias as the rank-1 array oneDNN takes (a view of the parameters). */
    private INDArray bias() {
        INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
        return b.reshape(b.length());
    }

    private static INDArray contiguous(INDArray array) {
        return NativeFloats.isContiguous(array) && array.ordering() == 'c' ? array : array.dup('c');
    }
}

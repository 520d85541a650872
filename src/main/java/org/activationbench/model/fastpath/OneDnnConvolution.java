package org.activationbench.model.fastpath;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer computed by libnd4j's {@code conv2d} and {@code conv2d_bp} operations. DL4J 1.0.0-M2
 * convolves with its own im2col and a BLAS product, materialising a patch matrix nine times the input's size in
 * each direction, and its oneDNN helper never engages. libnd4j's operations dispatch to oneDNN when nd4j-native is
 * the {@code -onednn} build: on the CNN's second convolution (minibatch 128, one thread) the forward pass takes
 * about 5 ms instead of 27 ms and the backward pass 15 ms instead of 171 ms. The weights stay in DL4J's layout
 * ({@code [out, in, kH, kW]}, the operation's weight format 1), so parameters, updater state and initialisation
 * are DL4J's own. The pre-activation of the training forward pass is kept for the backward pass instead of being
 * recomputed. A network's first layer is computed from an im2col copy and computes no input gradient
 * ({@link ColumnConvolution}).
 */
final class OneDnnConvolution extends ConvolutionLayer {

    /** libnd4j's weight-format argument for {@code [out, in, kH, kW]} weights. */
    private static final int WEIGHTS_OUT_IN_H_W = 1;
    private static final int CHANNELS_FIRST = 0;

    /** The pre-activation of the last training forward pass, until the backward pass consumes it. */
    private INDArray preActivation;

    /** A first layer's arithmetic, without the input gradient nothing uses. */
    private ColumnConvolution firstLayer;

    OneDnnConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        validateInputRank();
        INDArray x = input.castTo(dataType);
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        validateInputDepth(w.size(1));
        int[] outSize = ConvolutionUtils.getOutputSize(x, layerConf().getKernelSize(), layerConf().getStride(),
                layerConf().getPadding(), convolutionMode, layerConf().getDilation(), layerConf().getCnn2dDataFormat());
        long[] shape = {x.size(0), w.size(0), outSize[0], outSize[1]};
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, 'c');
        if (getIndex() == 0) {
            firstLayer().forward(x, w, bias(), z, training);
        } else {
            Nd4j.exec(operation("conv2d").addInputs(x, w, bias()).addOutputs(z).build());
        }

        IActivation activation = layerConf().getActivationFn();
        if (!training) {
            preActivation = null;
            return activation.getActivation(z, false);
        }
        if (activation instanceof Rectifier rectifier) {
            preActivation = z;
            return rectifier.getActivation(z, workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, 'c'));
        }
        preActivation = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
        return activation.getActivation(z, true);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (preActivation == null) {
            throw new IllegalStateException("layer " + getIndex() + ": backpropagation without a training forward pass");
        }
        INDArray delta = layerConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
        preActivation = null;

        INDArray x = input.castTo(dataType);
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        INDArray epsilonNext;
        if (getIndex() == 0) {
            // Nothing uses the gradient with respect to the network's input, but the preprocessor in front of a first
            // layer reshapes whatever comes back: zeros of the input's shape, which DL4J then drops.
            epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            firstLayer().gradients(x, delta, weightGradient, biasGradient);
        } else {
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
            Nd4j.exec(operation("conv2d_bp").addInputs(x, w, bias(), delta)
                    .addOutputs(epsilonNext, weightGradient, biasGradient.reshape(biasGradient.length())).build());
        }

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        weightNoiseParams.clear();
        return new Pair<>(gradient, epsilonNext);
    }

    private ColumnConvolution firstLayer() {
        if (firstLayer == null) {
            INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
            firstLayer = new ColumnConvolution((int) w.size(0), (int) w.size(1), layerConf().getKernelSize(),
                    layerConf().getStride(), layerConf().getPadding(), layerConf().getDilation());
        }
        return firstLayer;
    }

    /** The bias as the rank-1 array the operations take (a view of the parameters). */
    private INDArray bias() {
        INDArray b = getParam(ConvolutionParamInitializer.BIAS_KEY);
        return b.reshape(b.length());
    }

    private DynamicCustomOp.DynamicCustomOpsBuilder operation(String name) {
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int[] padding = layerConf().getPadding();
        int[] dilation = layerConf().getDilation();
        return DynamicCustomOp.builder(name).addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], padding[0],
                padding[1], dilation[0], dilation[1], convolutionMode == ConvolutionMode.Same ? 1 : 0, CHANNELS_FIRST,
                WEIGHTS_OUT_IN_H_W);
    }
}

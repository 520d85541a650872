package org.activationbench.model.fastpath;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 3x3 convolution (stride 1, no padding, with bias), then 2x2 max-pooling with stride 2 and a {@link Rectifier},
 * as one layer computed in oneDNN's blocked layout (see {@link BlockedConvolution}). Its parameters are a
 * {@code ConvolutionLayer}'s, initialised alike; its output is the pooling's.
 */
public class BlockedConvolutionLayer extends ConvolutionLayer {

    private Rectifier rectifier;

    /** For DL4J's configuration (de)serialisation; use {@link #of}. */
    public BlockedConvolutionLayer() {}

    /** The convolution with {@code channels} outputs, pooled and rectified in one layer. */
    public static BlockedConvolutionLayer of(int channels, Rectifier rectifier) {
        BlockedConvolutionLayer layer = new BlockedConvolutionLayer();
        layer.setKernelSize(new int[] {3, 3});
        layer.setStride(new int[] {1, 1});
        layer.setPadding(new int[] {0, 0});
        layer.setDilation(new int[] {1, 1});
        layer.setConvolutionMode(ConvolutionMode.Truncate);
        layer.setCnn2dDataFormat(CNN2DFormat.NCHW);
        layer.setNOut(channels);
        layer.setActivationFn(new ActivationIdentity());
        layer.setHasBias(true);
        // unset, as DL4J's builders leave it, so that the network's bias initialisation applies
        layer.setBiasInit(Double.NaN);
        layer.rectifier = rectifier;
        return layer;
    }

    /** The activation applied to the pooled values; a bean property for DL4J's configuration JSON. */
    public Rectifier getRectifier() {
        return rectifier;
    }

    /** Sets the activation; for DL4J's configuration JSON. */
    public void setRectifier(Rectifier rectifier) {
        this.rectifier = rectifier;
    }

    /** The convolution's output type, pooled: height and width halved, rounded down. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional convolved = (InputType.InputTypeConvolutional) super.getOutputType(layerIndex, inputType);
        return InputType.convolutional(convolved.getHeight() / 2, convolved.getWidth() / 2, convolved.getChannels(),
                CNN2DFormat.NCHW);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        boolean plain = Arrays.equals(getKernelSize(), new int[] {3, 3}) && Arrays.equals(getStride(), new int[] {1, 1})
                && Arrays.equals(getPadding(), new int[] {0, 0}) && Arrays.equals(getDilation(), new int[] {1, 1})
                && getConvolutionMode() == ConvolutionMode.Truncate;
        if (rectifier == null || !plain || getCnn2dDataFormat() != CNN2DFormat.NCHW || !hasBias() || getIDropout() != null
                || getWeightNoise() != null) {
            throw new IllegalStateException("BlockedConvolutionLayer is a channels-first 3x3 convolution with stride 1, no"
                    + " padding or dilation, a bias and a rectifier, without dropout or weight noise; got kernel "
                    + Arrays.toString(getKernelSize()) + ", stride " + Arrays.toString(getStride()) + ", padding "
                    + Arrays.toString(getPadding()) + ", dilation " + Arrays.toString(getDilation()) + ", "
                    + getConvolutionMode() + ", " + getCnn2dDataFormat() + (hasBias() ? "" : ", no bias")
                    + (rectifier == null ? ", no rectifier" : "") + (getIDropout() == null ? "" : ", dropout")
                    + (getWeightNoise() == null ? "" : ", weight noise"));
        }
        return LayerWiring.wire(new BlockedConvolution(conf, dataType, rectifier), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }
}

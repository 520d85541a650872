package org.activationbench.model.fastpath;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution (channels first, with bias) that computes DL4J's values with libnd4j's {@code conv2d} and
 * {@code conv2d_bp} operations, which run on oneDNN (see {@link OneDnnConvolution}): the convolutions of the
 * project's CNN.
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {

    /** For DL4J's configuration (de)serialisation; use {@link #of}. */
    public OneDnnConvolutionLayer() {}

    /** A {@code kernel x kernel} convolution with stride 1 and no padding, as DL4J's {@code ConvolutionLayer.Builder}. */
    public static OneDnnConvolutionLayer of(int kernel, int channels, IActivation activation) {
        OneDnnConvolutionLayer layer = new OneDnnConvolutionLayer();
        layer.setKernelSize(new int[] {kernel, kernel});
        layer.setStride(new int[] {1, 1});
        layer.setPadding(new int[] {0, 0});
        layer.setDilation(new int[] {1, 1});
        layer.setConvolutionMode(ConvolutionMode.Truncate);
        layer.setCnn2dDataFormat(CNN2DFormat.NCHW);
        layer.setNOut(channels);
        layer.setActivationFn(activation);
        layer.setHasBias(true);
        // unset, as DL4J's builders leave it, so that the network's bias initialisation applies
        layer.setBiasInit(Double.NaN);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (getCnn2dDataFormat() != CNN2DFormat.NCHW || !hasBias() || getIDropout() != null || getWeightNoise() != null) {
            throw new IllegalStateException("OneDnnConvolutionLayer is channels-first with a bias and without dropout or"
                    + " weight noise; got " + getCnn2dDataFormat() + (hasBias() ? "" : ", no bias")
                    + (getIDropout() == null ? "" : ", dropout") + (getWeightNoise() == null ? "" : ", weight noise"));
        }
        return LayerWiring.wire(new OneDnnConvolution(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }
}

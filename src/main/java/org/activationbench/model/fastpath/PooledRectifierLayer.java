package org.activationbench.model.fastpath;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2x2 max-pooling with stride 2, followed by a {@link Rectifier}: the activation of the convolution before it, moved
 * after the pooling, where it touches a quarter of the values (see {@link PooledRectifier}).
 */
public class PooledRectifierLayer extends SubsamplingLayer {

    private Rectifier rectifier;

    /** For DL4J's configuration (de)serialisation; use {@link #of(Rectifier)}. */
    public PooledRectifierLayer() {}

    /** The pooling, with {@code rectifier} applied to its output. */
    public static PooledRectifierLayer of(Rectifier rectifier) {
        PooledRectifierLayer layer = new PooledRectifierLayer();
        layer.setPoolingType(org.deeplearning4j.nn.conf.layers.PoolingType.MAX);
        layer.setKernelSize(new int[] {2, 2});
        layer.setStride(new int[] {2, 2});
        layer.setPadding(new int[] {0, 0});
        layer.setDilation(new int[] {1, 1});
        layer.setConvolutionMode(ConvolutionMode.Truncate);
        layer.setCnn2dDataFormat(CNN2DFormat.NCHW);
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

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        boolean twoByTwo = getKernelSize()[0] == 2 && getKernelSize()[1] == 2 && getStride()[0] == 2 && getStride()[1] == 2
                && getPadding()[0] == 0 && getPadding()[1] == 0;
        if (rectifier == null || !twoByTwo || getCnn2dDataFormat() != CNN2DFormat.NCHW
                || getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
            throw new IllegalStateException("PooledRectifierLayer is 2x2 max-pooling with stride 2, channels first, and a"
                    + " rectifier; got kernel " + java.util.Arrays.toString(getKernelSize()) + ", stride "
                    + java.util.Arrays.toString(getStride()) + ", " + getCnn2dDataFormat() + ", " + getPoolingType());
        }
        PooledRectifier layer = new PooledRectifier(conf, dataType, rectifier);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}

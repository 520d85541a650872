package org.activationbench.model.fastpath;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PReLU with a learned slope per channel, then 2x2 max-pooling with stride 2, as one layer that pools first where it
 * may (see {@link PooledLearnedSlope}). Its parameters are those of DL4J's PReLU layer for channels-first activations,
 * initialised alike to {@link LearnedSlopeParams#INITIAL_SLOPE}; its output is the pooling's.
 */
public class PooledLearnedSlopeLayer extends PReLULayer {

    /** For DL4J's configuration (de)serialisation; use {@link #forInput(long[])}. */
    public PooledLearnedSlopeLayer() {}

    /** The layer for one example's activations of shape [channels, height, width] (before the pooling). */
    public static PooledLearnedSlopeLayer forInput(long[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("expected [channels, height, width], got " + Arrays.toString(shape));
        }
        PooledLearnedSlopeLayer layer = new PooledLearnedSlopeLayer();
        layer.setInputShape(shape.clone());
        layer.setSharedAxes(new long[] {2, 3});
        layer.setWeightInitFn(new WeightInitConstant(LearnedSlopeParams.INITIAL_SLOPE));
        return layer;
    }

    /** The input's type, pooled: height and width halved, rounded down. */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException("PooledLearnedSlopeLayer pools channels-first convolutional activations, got "
                    + inputType);
        }
        return InputType.convolutional(c.getHeight() / 2, c.getWidth() / 2, c.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (getInputShape() == null || getInputShape().length != 3 || !Arrays.equals(getSharedAxes(), new long[] {2, 3})
                || getIDropout() != null) {
            throw new IllegalStateException("PooledLearnedSlopeLayer learns one slope per channel of [channels, height,"
                    + " width] activations, without dropout; got input shape " + Arrays.toString(getInputShape())
                    + ", shared axes " + Arrays.toString(getSharedAxes()) + (getIDropout() == null ? "" : ", dropout"));
        }
        return LayerWiring.wire(new PooledLearnedSlope(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}

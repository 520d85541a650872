package org.activationbench.model;

import java.util.Collection;
import org.activationbench.model.fastpath.LayerWiring;
import org.activationbench.model.fastpath.LearnedSlopeParams;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PReLU, {@code f(x) = max(0, x) + a * min(0, x)}, with one learned slope {@code a} per unit (dense input) or per
 * channel (convolutional input), initialised to 0.25 as in He et al. (2015). It is DL4J's PReLU layer with its
 * backward pass replaced (see {@link LearnedSlope}); DL4J's own is unusable at 1.0.0-M2. The stock engine's PReLU, and
 * the fast engine's where no layer of its own fuses PReLU with the layer before or the pooling after.
 */
public class LearnedSlopeLayer extends PReLULayer {

    static final double INITIAL_SLOPE = LearnedSlopeParams.INITIAL_SLOPE;

    /** For DL4J's configuration (de)serialisation; use {@link #forInput(long[])}. */
    public LearnedSlopeLayer() {}

    /** A layer for one example's activation shape: [units] or [channels, height, width]. */
    public static LearnedSlopeLayer forInput(long[] inputShape) {
        LearnedSlopeLayer layer = new LearnedSlopeLayer();
        layer.setInputShape(inputShape);
        if (inputShape.length == 3) {
            layer.setSharedAxes(new long[] {2, 3});
        }
        layer.setWeightInitFn(new WeightInitConstant(INITIAL_SLOPE));
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new LearnedSlope(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}

package org.activationbench.model.fastpath;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer that computes the same values as DL4J's with fewer matrix products per training step (see
 * {@link LeanDense}): the configuration of the project's MLP hidden layers.
 */
public class LeanDenseLayer extends DenseLayer {

    /** For DL4J's configuration (de)serialisation; use {@link #of(int, IActivation)}. */
    public LeanDenseLayer() {}

    public static LeanDenseLayer of(int units, IActivation activation) {
        LeanDenseLayer layer = new LeanDenseLayer();
        layer.setNOut(units);
        layer.setActivationFn(activation);
        layer.setHasBias(true);
        // unset, as DL4J's builders leave it, so that the network's bias initialisation applies
        layer.setBiasInit(Double.NaN);
        layer.setHasLayerNorm(false);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new LeanDense(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}

package org.activationbench.model.fastpath;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer that computes the same values as DL4J's with fewer matrix products per training step (see
 * {@link LeanDense}): the configuration of the project's MLP hidden layers, and with a learned slope per unit, of a
 * dense layer and the PReLU after it as one.
 */
public class LeanDenseLayer extends DenseLayer {

    private boolean learnedSlope;

    /** For DL4J's configuration (de)serialisation; use {@link #of(int, IActivation)}. */
    public LeanDenseLayer() {}

    /** A dense layer of {@code units} outputs with a bias, initialised as the network's configuration says. */
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

    /**
     * A dense layer followed by PReLU with one learned slope per unit ({@link LearnedSlopeParams}): the parameters, in
     * order, of DL4J's dense layer and of the PReLU layer after it.
     */
    public static LeanDenseLayer withLearnedSlope(int units) {
        LeanDenseLayer layer = of(units, new ActivationIdentity());
        layer.learnedSlope = true;
        return layer;
    }

    /** Whether the layer learns PReLU slopes; a bean property for DL4J's configuration JSON. */
    public boolean isLearnedSlope() {
        return learnedSlope;
    }

    /** Sets whether the layer learns PReLU slopes; DL4J's configuration JSON calls it. */
    public void setLearnedSlope(boolean learnedSlope) {
        this.learnedSlope = learnedSlope;
    }

    @Override
    public ParamInitializer initializer() {
        return learnedSlope ? new LearnedSlopeParams(super.initializer()) : super.initializer();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new LeanDense(conf, dataType, learnedSlope), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}

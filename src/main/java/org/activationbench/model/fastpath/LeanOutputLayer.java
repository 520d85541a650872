package org.activationbench.model.fastpath;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A softmax output layer with cross-entropy loss that computes the same values as DL4J's with its forward pass done
 * once per training step (see {@link LeanOutput}): the output layer of every architecture here.
 */
public class LeanOutputLayer extends OutputLayer {

    /** For DL4J's configuration (de)serialisation; use {@link #of(int)}. */
    public LeanOutputLayer() {}

    /** A softmax output layer over {@code classes} with cross-entropy loss. */
    public static LeanOutputLayer of(int classes) {
        LeanOutputLayer layer = new LeanOutputLayer();
        layer.setNOut(classes);
        layer.setActivationFn(new ActivationSoftmax());
        layer.setLossFn(new LossMCXENT());
        layer.setHasBias(true);
        // unset, as DL4J's builders leave it, so that the network's bias initialisation applies
        layer.setBiasInit(Double.NaN);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (!(getActivationFn() instanceof ActivationSoftmax) || !(getLossFn() instanceof LossMCXENT mcxent)
                || mcxent.getWeights() != null || !hasBias()) {
            throw new IllegalStateException("LeanOutputLayer is softmax with unweighted cross-entropy and a bias; got "
                    + getActivationFn() + ", " + getLossFn() + (hasBias() ? "" : ", no bias"));
        }
        return LayerWiring.wire(new LeanOutput(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}

package org.activationbench.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation whose output is infinite, so the loss becomes NaN at the first minibatch: registered as
 * {@code diverging} only in JVMs started with {@code -Dactivation-bench.test-activations=true}, so that fault-handling
 * tests can make a trial diverge without a learning rate outside the range a grid may use.
 */
public class InjectedDivergence extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.assign(Double.POSITIVE_INFINITY);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return new Pair<>(epsilon.assign(Double.NaN), null);
    }

    @Override
    public String toString() {
        return "diverging";
    }
}

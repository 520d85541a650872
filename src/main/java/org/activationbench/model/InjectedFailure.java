package org.activationbench.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation that fails whenever it is applied: registered as {@code failing} only in JVMs started with
 * {@code -Dactivation-bench.test-activations=true}, so that fault-handling tests can make a trial fail on an executor.
 */
public class InjectedFailure extends BaseActivationFunction {

    static final String PROPERTY = "activation-bench.test-activations";

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        throw new IllegalStateException("injected failure (the test-only activation 'failing')");
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        throw new IllegalStateException("injected failure (the test-only activation 'failing')");
    }

    @Override
    public String toString() {
        return "failing";
    }
}

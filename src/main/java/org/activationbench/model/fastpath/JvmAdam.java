package org.activationbench.model.fastpath;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam, with DL4J's update rule and state layout, stepped by {@link JvmAdamUpdater}. DL4J 1.0.0-M2's native Adam
 * kernel runs one scalar element at a time, about 5 ns per parameter: a third of an MLP training step. A config of
 * this class round-trips through DL4J's JSON like {@link Adam} does, so data-parallel executors get the same updater.
 */
public class JvmAdam extends Adam {

    /** For DL4J's configuration (de)serialisation; learning rate and betas are DL4J's Adam defaults. */
    public JvmAdam() {
        super();
    }

    public JvmAdam(double learningRate) {
        super(learningRate);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        JvmAdamUpdater updater = new JvmAdamUpdater(this);
        long[] gradientShape = Arrays.copyOf(viewArray.shape(), viewArray.rank());
        gradientShape[1] /= 2; // the view holds m and v side by side
        updater.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        JvmAdamUpdater updater = new JvmAdamUpdater(this);
        updater.setState(state, initializeStateArrays);
        return updater;
    }

    @Override
    public JvmAdam clone() {
        JvmAdam copy = new JvmAdam();
        copy.setLearningRate(getLearningRate());
        copy.setLearningRateSchedule(getLearningRateSchedule());
        copy.setBeta1(getBeta1());
        copy.setBeta2(getBeta2());
        copy.setEpsilon(getEpsilon());
        return copy;
    }
}

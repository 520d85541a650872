package org.activationbench.model;

import org.activationbench.model.fastpath.BlockedConvolutionLayer;
import org.activationbench.model.fastpath.DeferredDivisionUpdater;
import org.activationbench.model.fastpath.JvmAdam;
import org.activationbench.model.fastpath.LeanDenseLayer;
import org.activationbench.model.fastpath.LeanOutputLayer;
import org.activationbench.model.fastpath.OneDnnConvolutionLayer;
import org.activationbench.model.fastpath.PooledInputConvolutionLayer;
import org.activationbench.model.fastpath.PooledLearnedSlopeLayer;
import org.activationbench.model.fastpath.PooledRectifierLayer;
import org.activationbench.model.fastpath.Rectifier;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The project's replacements of Deeplearning4j's layers, rectifiers, learned slopes and Adam ({@code model.fastpath}):
 * the {@code fast} engine.
 */
public final class FastLayers implements LayerKit {

    public static final FastLayers INSTANCE = new FastLayers();

    private FastLayers() {}

    @Override
    public Layer dense(int units, IActivation activation) {
        return LeanDenseLayer.of(units, activation);
    }

    @Override
    public Layer convolution(int channels, IActivation activation) {
        return OneDnnConvolutionLayer.of(3, channels, activation);
    }

    /** A rectifier: max-pooling never changes which value of a window is largest, and it then touches a quarter. */
    @Override
    public boolean activatesAfterPooling(IActivation activation) {
        return activation instanceof Rectifier;
    }

    /** For a rectifier: the first convolution's output, the CNN's largest, then never leaves the processor's cache. */
    @Override
    public Layer pooledInputConvolution(int channels, IActivation activation) {
        return activation instanceof Rectifier rectifier ? PooledInputConvolutionLayer.of(channels, rectifier) : null;
    }

    /**
     * For a rectifier: the convolution, pooling and rectifier in oneDNN's blocked layout, converted only at the layer's
     * input and output.
     */
    @Override
    public Layer pooledConvolution(int channels, IActivation activation) {
        return activation instanceof Rectifier rectifier ? BlockedConvolutionLayer.of(channels, rectifier) : null;
    }

    /** PReLU's bias, activation and gradients in the passes leaky ReLU's take ({@link LeanDenseLayer#withLearnedSlope}). */
    @Override
    public Layer learnedSlopeDense(int units) {
        return LeanDenseLayer.withLearnedSlope(units);
    }

    @Override
    public Layer learnedSlopeInputConvolution(int channels) {
        return PooledInputConvolutionLayer.withLearnedSlope(channels);
    }

    @Override
    public Layer pooledLearnedSlope(long[] shape) {
        return PooledLearnedSlopeLayer.forInput(shape);
    }

    @Override
    public Layer maxPooling(IActivation activation) {
        if (activation instanceof Rectifier rectifier) {
            return PooledRectifierLayer.of(rectifier);
        }
        if (activation != null) {
            throw new IllegalArgumentException("only a rectifier moves after the pooling, found " + activation);
        }
        return StockLayers.INSTANCE.maxPooling(null);
    }

    @Override
    public Layer output(int classes) {
        return LeanOutputLayer.of(classes);
    }

    /** Plain ReLU and leaky ReLU become one {@link Rectifier}; anything else stays as it is. */
    @Override
    public IActivation activation(IActivation stock) {
        if (stock instanceof ActivationLReLU leaky) {
            return new Rectifier(leaky.getAlpha());
        }
        if (stock instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                && relu.getNegativeSlope() == null) {
            return new Rectifier(0);
        }
        return stock;
    }

    /** Adam becomes {@link JvmAdam} with the same hyperparameters. */
    @Override
    public IUpdater updater(IUpdater stock) {
        if (stock.getClass() == Adam.class) {
            Adam adam = (Adam) stock;
            JvmAdam fast = new JvmAdam(adam.getLearningRate());
            fast.setBeta1(adam.getBeta1());
            fast.setBeta2(adam.getBeta2());
            fast.setEpsilon(adam.getEpsilon());
            fast.setLearningRateSchedule(adam.getLearningRateSchedule());
            return fast;
        }
        return stock;
    }

    @Override
    public void prepare(MultiLayerNetwork network) {
        DeferredDivisionUpdater.install(network);
    }
}

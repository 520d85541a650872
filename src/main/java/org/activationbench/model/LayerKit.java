package org.activationbench.model;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The layers, activation and updater implementations a network is built from: Deeplearning4j's own
 * ({@link StockLayers}) or the project's faster equivalents ({@link FastLayers}).
 */
public interface LayerKit {

    /** A fully connected hidden layer with a bias. */
    Layer dense(int units, IActivation activation);

    /** A 3x3 convolution, stride 1, no padding, channels first, with a bias. */
    Layer convolution(int channels, IActivation activation);

    /** Whether a convolution's {@code activation} is applied after the max-pooling that follows it (they commute). */
    boolean activatesAfterPooling(IActivation activation);

    /**
     * A network's first convolution, 3x3 like {@link #convolution}, with the 2x2 max-pooling that follows it and
     * {@code activation}, as one layer; null where the kit has no such layer for {@code activation}.
     */
    Layer pooledInputConvolution(int channels, IActivation activation);

    /**
     * A later convolution, 3x3 like {@link #convolution}, with the 2x2 max-pooling that follows it and
     * {@code activation}, as one layer; null where the kit has no such layer for {@code activation}.
     */
    Layer pooledConvolution(int channels, IActivation activation);

    /**
     * A dense layer and PReLU with a slope learned per unit, as one layer whose parameters are, in order, those of
     * {@link #dense} and of the {@link LearnedSlopeLayer} that would follow it; null where the kit has no such layer.
     */
    Layer learnedSlopeDense(int units);

    /** As {@link #pooledInputConvolution}, with PReLU and a slope learned per channel; null where the kit has none. */
    Layer learnedSlopeInputConvolution(int channels);

    /**
     * PReLU with a slope learned per channel, then 2x2 max-pooling with stride 2, as one layer with the parameters of
     * the {@link LearnedSlopeLayer} it replaces, for activations of one example's shape [channels, height, width];
     * null where the kit has no such layer.
     */
    Layer pooledLearnedSlope(long[] shape);

    /** 2x2 max-pooling with stride 2, then {@code activation} unless it is null. */
    Layer maxPooling(IActivation activation);

    /** Softmax with cross-entropy loss. */
    Layer output(int classes);

    /** The implementation of a registry activation (Deeplearning4j's) to place on a layer. */
    IActivation activation(IActivation stock);

    /** The implementation of a registry updater (Deeplearning4j's). */
    IUpdater updater(IUpdater stock);

    /** Anything the kit changes on an initialised network before it trains. */
    void prepare(MultiLayerNetwork network);
}

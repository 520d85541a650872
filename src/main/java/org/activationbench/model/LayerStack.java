package org.activationbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hidden layers of a network as {@link Architectures} builds it, from a {@link LayerKit}: accumulates them, names
 * them and notes which outputs reveal each hidden layer's pre-activation. A learned slope (PReLU) is a layer of its
 * own after a linear one, named {@code prelu-} and that layer's name, unless the kit fuses it into the layer before or
 * into the pooling after.
 */
final class LayerStack {

    final List<Layer> layers = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<HiddenLayer> hidden = new ArrayList<>();
    /** The most values one example's activations take at any layer. */
    long widest;

    private final LayerKit kit;
    private final IActivation activation;
    private final boolean learnedSlope;
    private final boolean batchNorm;
    private final double zeroOutput;
    private int denseCount;
    private int convCount;
    private int poolCount;
    /** The shape of one example's activations after the last layer added: [units] or [channels, height, width]. */
    private long[] shape;

    LayerStack(LayerKit kit, ActivationSpec spec, IActivation activation, boolean batchNorm, long[] inputShape) {
        this.kit = kit;
        this.activation = activation;
        this.learnedSlope = spec.slope() == ActivationSpec.Slope.LEARNED;
        this.batchNorm = batchNorm;
        this.zeroOutput = valueAtZero(activation);
        this.shape = inputShape;
    }

    LayerStack dense(int units) {
        String layerName = "dense" + (++denseCount);
        Layer fused = learnedSlope && !batchNorm ? kit.learnedSlopeDense(units) : null;
        if (fused != null) {
            add(layerName, fused);
            shape = new long[] {units};
            hidden.add(HiddenLayer.activatedInside(layerName, layers.size() - 1, units));
            return this;
        }
        add(layerName, kit.dense(units, batchNorm ? new ActivationIdentity() : activation));
        shape = new long[] {units};
        return batchNorm ? normalisedAndActivated(layerName, units) : activated(layerName, units);
    }

    /**
     * Batch normalisation of the layer just added, then the activation in a layer of its own: DL4J's
     * BatchNormalization applies none. A learned slope brings its own layer ({@link #activated}).
     */
    private LayerStack normalisedAndActivated(String layerName, int units) {
        add("bn-" + layerName, new BatchNormalization.Builder().build());
        if (!learnedSlope) {
            add("act-" + layerName, new ActivationLayer.Builder().activation(activation).build());
        }
        return activated(layerName, units);
    }

    /**
     * A convolution, its batch normalisation and the activation, then the pooling. The project's first-layer
     * fusion of convolution, pooling and rectifier has no place for the normalisation between them, so every
     * convolution is a layer of its own; a rectifier still moves after the pooling where the kit does so.
     */
    private LayerStack convolveNormaliseAndPool(String layerName, int channels, long[] pooledShape) {
        add(layerName, kit.convolution(channels, new ActivationIdentity()));
        shape = new long[] {channels, shape[1] - 2, shape[2] - 2};
        if (learnedSlope) {
            add("bn-" + layerName, new BatchNormalization.Builder().build());
            learnedSlopeAndPool(layerName, channels);
        } else if (kit.activatesAfterPooling(activation)) {
            add("bn-" + layerName, new BatchNormalization.Builder().build());
            // its output is the normalised pre-activation, whose sign decides the activation's
            hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, 0.0));
            add("pool" + (++poolCount), kit.maxPooling(activation));
        } else {
            normalisedAndActivated(layerName, channels);
            add("pool" + (++poolCount), kit.maxPooling(null));
        }
        shape = pooledShape;
        return this;
    }

    /**
     * A 3x3 convolution and the 2x2 max-pooling after it: one layer where the kit fuses the convolution with its
     * pooling (a first one, or a later one), else a convolution and a pooling layer, the activation in either, as the
     * kit chooses.
     */
    LayerStack convolveAndPool(int channels) {
        String layerName = "conv" + (++convCount);
        long[] pooledShape = {channels, (shape[1] - 2) / 2, (shape[2] - 2) / 2};
        if (batchNorm) {
            return convolveNormaliseAndPool(layerName, channels, pooledShape);
        }
        boolean first = layers.isEmpty();
        Layer fused;
        if (first) {
            fused = learnedSlope ? kit.learnedSlopeInputConvolution(channels) : kit.pooledInputConvolution(channels, activation);
        } else {
            fused = learnedSlope ? null : kit.pooledConvolution(channels, activation);
        }
        if (fused != null) {
            add(layerName, fused);
            if (!first) {
                // a later convolution's output is held whole (in the kit's buffers), the first one's a plane at a time
                widest = Math.max(widest, channels * (shape[1] - 2) * (shape[2] - 2));
            }
            ++poolCount;
            shape = pooledShape;
            // pooling keeps each channel's largest value, so the channel's pre-activation is above zero somewhere
            // exactly when this output is above the activation's value at zero (up to a dropped last row/column); a
            // learned slope may fall below zero, so that layer reports its pre-activation's peaks itself
            hidden.add(learnedSlope ? HiddenLayer.activatedInside(layerName, layers.size() - 1, channels)
                    : new HiddenLayer(layerName, layers.size() - 1, channels, zeroOutput));
            return this;
        }
        boolean afterPooling = kit.activatesAfterPooling(activation);
        add(layerName, kit.convolution(channels, afterPooling ? new ActivationIdentity() : activation));
        shape = new long[] {channels, shape[1] - 2, shape[2] - 2};
        if (learnedSlope) {
            learnedSlopeAndPool(layerName, channels);
            shape = pooledShape;
            return this;
        }
        if (afterPooling) {
            // its output is the pre-activation, whose sign decides whether the activation is above its value at 0
            hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, 0.0));
        } else {
            activated(layerName, channels);
        }
        add("pool" + (++poolCount), kit.maxPooling(afterPooling ? activation : null));
        shape = pooledShape;
        return this;
    }

    /**
     * PReLU after the layer just added (a convolution or its normalisation, whose output is the pre-activation), then
     * the 2x2 max-pooling: one layer where the kit pools first.
     */
    private void learnedSlopeAndPool(String layerName, int channels) {
        hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, 0.0));
        Layer pooled = kit.pooledLearnedSlope(shape);
        if (pooled != null) {
            ++poolCount;
            add("prelu-" + layerName, pooled);
        } else {
            add("prelu-" + layerName, LearnedSlopeLayer.forInput(shape));
            add("pool" + (++poolCount), kit.maxPooling(null));
        }
    }

    /** For PReLU the layer itself is linear and a PReLU layer follows; its output is the pre-activation. */
    private LayerStack activated(String layerName, int units) {
        int index = layers.size() - 1;
        if (learnedSlope) {
            add("prelu-" + layerName, LearnedSlopeLayer.forInput(shape));
            hidden.add(new HiddenLayer(layerName, index, units, 0.0));
        } else {
            hidden.add(new HiddenLayer(layerName, index, units, zeroOutput));
        }
        return this;
    }

    void add(String layerName, Layer layer) {
        layers.add(layer);
        names.add(layerName);
        widest = Math.max(widest, Arrays.stream(shape).reduce(1, Math::multiplyExact));
    }

    private static double valueAtZero(IActivation activation) {
        try (INDArray zero = Nd4j.zeros(DataType.FLOAT, 1, 1)) {
            return activation.getActivation(zero, false).getDouble(0);
        }
    }
}

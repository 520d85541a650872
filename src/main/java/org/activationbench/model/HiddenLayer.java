package org.activationbench.model;

/**
 * A hidden layer whose inactive units are counted.
 *
 * @param outputIndex     the network layer whose output carries the sign of this layer's pre-activation, or which
 *                        reports it ({@code activatedInside})
 * @param units           neurons for a dense layer, channels for a convolution
 * @param zeroOutput      that output's value at pre-activation 0; an output at or below it means pre-activation &lt;= 0
 * @param activatedInside whether that layer applies the activation itself and reports the largest pre-activation of
 *                        each unit ({@link org.activationbench.model.fastpath.PreActivationPeaks}) in place of an
 *                        output; {@code zeroOutput} is then 0
 */
public record HiddenLayer(String name, int outputIndex, int units, double zeroOutput, boolean activatedInside) {

    public HiddenLayer(String name, int outputIndex, int units, double zeroOutput) {
        this(name, outputIndex, units, zeroOutput, false);
    }

    /** A layer fused with its activation, whose pre-activation no layer outputs. */
    static HiddenLayer activatedInside(String name, int layerIndex, int units) {
        return new HiddenLayer(name, layerIndex, units, 0.0, true);
    }
}

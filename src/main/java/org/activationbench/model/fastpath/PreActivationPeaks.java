package org.activationbench.model.fastpath;

/**
 * A layer that applies a hidden layer's activation inside itself, so that no layer's output holds the
 * pre-activation, and whose activation need not keep the pre-activation's sign (a learned PReLU slope may fall below
 * zero): it reports the pre-activation's largest value per unit instead, from which inactive units are counted.
 */
public interface PreActivationPeaks {

    /**
     * Per unit (a dense layer's neuron, a convolution's channel), the largest pre-activation of the layer's last
     * inference pass, over its examples and positions; NaN where one was NaN.
     */
    float[] preActivationPeaks();
}

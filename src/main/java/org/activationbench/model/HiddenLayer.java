package org.activationbench.model;

/**
 * A hidden layer whose inactive units are counted.
 *
 * @param outputIndex the network layer whose output carries the sign of this layer's pre-activation
 * @param units       neurons for a dense layer, channels for a convolution
 * @param zeroOutput  that output's value at pre-activation 0; an output at or below it means pre-activation &lt;= 0
 */
public record HiddenLayer(String name, int outputIndex, int units, double zeroOutput) {}

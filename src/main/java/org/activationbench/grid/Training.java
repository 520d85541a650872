package org.activationbench.grid;

import java.io.Serializable;

/** The training settings a grid applies to every trial. */
public record Training(String optimizer, double learningRate, int batchSize, String weightInit, Engine engine)
        implements Serializable {

    public Training(String optimizer, double learningRate, int batchSize, String weightInit) {
        this(optimizer, learningRate, batchSize, weightInit, Engine.FAST);
    }
}

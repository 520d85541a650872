package org.activationbench.grid;

import java.io.Serializable;

/**
 * The training settings a grid applies to every trial.
 *
 * @param stateEveryMinutes a trial saves its state every this many minutes of training besides every checkpoint
 *                          ({@code training.state-every}; 0: at checkpoints only). It changes no number, so it is not
 *                          part of a trial's identity nor of the grid stored with a run: a resume may change it.
 */
public record Training(String optimizer, double learningRate, int batchSize, String weightInit, Engine engine,
        double stateEveryMinutes) implements Serializable {

    /** The optimizer of a grid, or of {@code train}, that names none. */
    public static final String DEFAULT_OPTIMIZER = "adam";
    /** The learning rate where none is named. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Examples per minibatch where none is named. */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** The weight initialisation where none is named. */
    public static final String DEFAULT_WEIGHT_INIT = "xavier";
    public static final double DEFAULT_STATE_EVERY_MINUTES = 10;

    public Training(String optimizer, double learningRate, int batchSize, String weightInit, Engine engine) {
        this(optimizer, learningRate, batchSize, weightInit, engine, DEFAULT_STATE_EVERY_MINUTES);
    }

    public Training(String optimizer, double learningRate, int batchSize, String weightInit) {
        this(optimizer, learningRate, batchSize, weightInit, Engine.FAST);
    }
}

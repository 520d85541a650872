package org.activationbench.bench;

import java.util.List;

/**
 * Milliseconds per training step (one minibatch: forward, backward and the optimizer's update) of one network and
 * activation on one native thread, on the fast engine.
 *
 * @param activation     the activation, with its slope where the trial sets one ({@code leakyrelu(0.01)})
 * @param warmupSteps    untimed steps before the first timed one
 * @param millisMeasured every timed step, in the order taken
 * @param medianMillis   their median
 * @param ratioToFirst   medianMillis over that of the first activation timed on the same architecture
 */
public record StepTiming(String architecture, String activation, int warmupSteps, List<Double> millisMeasured,
        double medianMillis, double ratioToFirst) {}

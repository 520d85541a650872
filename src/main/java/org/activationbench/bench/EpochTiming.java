package org.activationbench.bench;

import java.util.List;

/**
 * Seconds per training epoch of one architecture on one native thread: the median of the epochs after the warm-up.
 *
 * @param examplesTimed          training examples per timed epoch (the CNN is timed on fewer, then scaled)
 * @param secondsPerFullEpoch    the median, scaled to the full training set
 */
public record EpochTiming(String architecture, int examplesTimed, List<Double> epochSecondsMeasured, double secondsPerFullEpoch,
        double examplesPerSecond, double trialEpochsPerMinutePerCore) {}

package org.activationbench.bench;

import java.util.List;

/**
 * Seconds per training epoch of one architecture on one native thread: the median of the epochs after the warm-up.
 *
 * @param engine               fast (the project's layers) or stock (Deeplearning4j's own)
 * @param examplesTimed        training examples per timed epoch (the stock CNN is timed on fewer, then scaled)
 * @param secondsPerFullEpoch  the median, scaled to the full training set
 * @param peerSeconds          a peer's seconds per epoch of the same network, measured in the same sitting; null if not given
 * @param ratioToPeer          secondsPerFullEpoch / peerSeconds; null without a peer figure
 */
public record EpochTiming(String architecture, String engine, int examplesTimed, List<Double> epochSecondsMeasured,
        double secondsPerFullEpoch, double examplesPerSecond, double trialEpochsPerMinutePerCore, Double peerSeconds,
        Double ratioToPeer) {}

package org.activationbench.bench;

/**
 * One run of the benchmark's fixed grid in a JVM of its own, in local mode with {@code cores} cores.
 *
 * @param trialPhaseSeconds             first trial start to last trial end
 * @param sparkOverheadSecondsPerTrial  core time not spent inside a trial ({@code phase x cores - task seconds}), per trial
 * @param evaluationSecondsPerTrial     task time outside training steps (model build and evaluation), per trial
 * @param warmTaskSeconds               see {@link Benchmark#warmTaskSeconds}
 */
public record GridThroughput(int cores, int round, int trials, double trialPhaseSeconds, double trialEpochsPerMinute,
        double sparkOverheadSecondsPerTrial, double evaluationSecondsPerTrial, double warmTaskSeconds, long peakResidentMib,
        double jitCompileSeconds) {}

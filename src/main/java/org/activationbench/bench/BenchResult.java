package org.activationbench.bench;

import java.util.List;

/**
 * Everything one benchmark run measured, as written to {@code bench-<time>.json}.
 *
 * @param gridSpeedUp     median over the rounds of the local[1] trial phase over the local[cores] one
 * @param gridWarmSpeedUp median over the rounds of cores x warm task seconds in local[1] over those in local[cores]
 */
public record BenchResult(String openblasCoretype, int cores, List<EpochTiming> epochs, List<GridThroughput> grids,
        double gridSpeedUp, List<Double> gridSpeedUpsByRound, double gridWarmSpeedUp, List<Double> gridWarmSpeedUpsByRound) {}

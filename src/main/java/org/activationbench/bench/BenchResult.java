package org.activationbench.bench;

import java.util.List;

/**
 * Everything one benchmark run measured, as written to {@code bench-<time>.json}.
 *
 * @param gridSpeedUp                  median over the rounds of the local[1] trial phase over the local[cores] one
 * @param gridWarmSpeedUp              median over the rounds of cores x warm task seconds in local[1] over those in
 *                                     local[cores]
 * @param floors                       the arithmetic floor of each network's epoch (fast engine), at matrixPeak
 * @param independentTrainings         the grid's trial as {@code cores} independent processes, each round
 * @param independentThroughputRatio   median over the rounds of their {@link SideBySide#throughputRatio}
 * @param gridShareOfIndependent       gridSpeedUp as a share of independentThroughputRatio ({@link SideBySide#share})
 * @param gridWarmShareOfIndependent   gridWarmSpeedUp as a share of independentThroughputRatio
 */
public record BenchResult(String openblasCoretype, int cores, List<EpochTiming> epochs, List<GridThroughput> grids,
        double gridSpeedUp, List<Double> gridSpeedUpsByRound, double gridWarmSpeedUp, List<Double> gridWarmSpeedUpsByRound,
        MatrixPeak matrixPeak, List<EpochFloor> floors, List<SideBySide> independentTrainings,
        double independentThroughputRatio, double gridShareOfIndependent, double gridWarmShareOfIndependent) {}

package org.activationbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A mean with its two-sided 95% Student-t interval, from the summary a query returns (mean, sample sd, count). With
 * fewer than two values there is no spread to estimate: the interval collapses onto the mean.
 */
public record MeanInterval(double mean, double low, double high) {

    /** The mean with its 95% interval from the sample sd of {@code n} values. */
    public static MeanInterval t95(double mean, double sd, long n) {
        if (n < 2 || Double.isNaN(sd)) {
            return new MeanInterval(mean, mean, mean);
        }
        double half = TDistribution.of(n - 1).inverseSurvivalProbability(0.025) * sd / Math.sqrt(n);
        return new MeanInterval(mean, mean - half, mean + half);
    }
}

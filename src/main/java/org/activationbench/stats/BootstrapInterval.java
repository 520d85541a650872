package org.activationbench.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Percentile bootstrap confidence interval for a mean: resample the values with replacement, take the mean of each
 * resample, and read the interval off the quantiles of those means. Seeded, so the same data give the same interval.
 * The percentile interval is known to be too narrow for very small samples (it ignores the t-correction); the report
 * says so beside every interval built on fewer than 10 pairs.
 */
public final class BootstrapInterval {

    /** The interval and how it was obtained. */
    public record Interval(double low, double high) {}

    private final int resamples;
    private final long seed;

    public BootstrapInterval(int resamples, long seed) {
        if (resamples < 1000) {
            throw new IllegalArgumentException("resamples must be at least 1000, found " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** Resamples drawn for each interval. */
    public int resamples() {
        return resamples;
    }

    /**
     * The {@code level} (e.g. 0.95) interval of the mean of {@code values}; none (NaN) from fewer values than a paired t
     * interval needs ({@link FamilyInterval#MIN_PAIRS}), where resampling one or two values would only repeat them and
     * look certain beside a comparison that is not testable.
     */
    public Interval mean(double[] values, double level) {
        int n = values.length;
        if (n < FamilyInterval.MIN_PAIRS) {
            return new Interval(Double.NaN, Double.NaN);
        }
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Interval(quantile(means, tail), quantile(means, 1 - tail));
    }

    /** Linear interpolation between order statistics (Hyndman and Fan type 7, R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

package org.activationbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The ordinary least-squares line of y on x, with the 95% Student-t interval of its slope and the 95% confidence band of
 * the mean of y at any x. With two points the line fits them exactly and leaves no degree of freedom for an interval:
 * the interval and the band are then NaN.
 *
 * @param sxx      the sum of squared deviations of x from its mean
 * @param residual the residual standard deviation, sqrt(SSE / (n - 2)); NaN with two points
 * @param t        the 0.975 quantile of Student's t with n - 2 degrees of freedom; NaN with two points
 */
public record LeastSquaresLine(int n, double slope, double intercept, double meanX, double sxx, double residual, double t) {

    /**
     * Fits y = intercept + slope x.
     *
     * @throws IllegalArgumentException with fewer than two points, arrays of different lengths, or x all equal
     */
    public static LeastSquaresLine fit(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a line needs at least two (x, y) pairs, found " + x.length + " x and "
                    + y.length + " y values");
        }
        int n = x.length;
        double meanX = mean(x);
        double meanY = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a line needs at least two different x values, found only " + meanX);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (n == 2) {
            return new LeastSquaresLine(n, slope, intercept, meanX, sxx, Double.NaN, Double.NaN);
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            sse += r * r;
        }
        return new LeastSquaresLine(n, slope, intercept, meanX, sxx, Math.sqrt(sse / (n - 2)),
                TDistribution.of(n - 2).inverseSurvivalProbability(0.025));
    }

    /** The fitted mean of y at x. */
    public double at(double x) {
        return intercept + slope * x;
    }

    /** The lower end of the slope's 95% interval: slope - t s / sqrt(Sxx). */
    public double slopeLow() {
        return slope - t * residual / Math.sqrt(sxx);
    }

    /** The upper end of the slope's 95% interval: slope + t s / sqrt(Sxx). */
    public double slopeHigh() {
        return slope + t * residual / Math.sqrt(sxx);
    }

    /** The lower edge of the 95% confidence band of the mean of y at x: at(x) - t s sqrt(1/n + (x - mean x)^2 / Sxx). */
    public double bandLow(double x) {
        return at(x) - halfBand(x);
    }

    /** The upper edge of the 95% confidence band of the mean of y at x. */
    public double bandHigh(double x) {
        return at(x) + halfBand(x);
    }

    private double halfBand(double x) {
        return t * residual * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }
}

package org.activationbench.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-sided group-sequential boundaries for a standardised statistic observed at information fractions
 * t_1 &lt; ... &lt; t_K = 1: boundary c_k is chosen so that, with no true difference, the probability of first crossing
 * |Z| &gt;= c at look k is exactly the alpha spent between looks k - 1 and k. The joint law of the Z's is the canonical
 * one (Brownian motion observed at t_k); the crossing probabilities are integrated numerically over the continuation
 * region look by look (Armitage, McPherson and Rowe 1969; Jennison and Turnbull 2000, ch. 19).
 */
public final class GroupSequentialBoundaries {

    /** Points of the Simpson grid on the continuation region; the boundaries agree with published ones to 1e-3. */
    private static final int GRID = 401;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private GroupSequentialBoundaries() {}

    /**
     * The boundaries on the Z scale of looks at these information fractions (increasing, the last 1) under this
     * spending; infinite where a look may spend nothing.
     */
    public static double[] compute(double[] fractions, AlphaSpending spending) {
        int k = fractions.length;
        if (k == 0 || fractions[k - 1] != 1.0) {
            throw new IllegalArgumentException("the last information fraction must be 1");
        }
        double[] c = new double[k];
        double previousT = 0;
        double previousSpent = 0;
        double[] grid = null;    // points of the continuation region of the previous look, on the S = Z sqrt(t) scale
        double[] density = null; // sub-density of S there (paths not yet stopped)
        for (int i = 0; i < k; i++) {
            double t = fractions[i];
            if (!(t > previousT)) {
                throw new IllegalArgumentException("information fractions must increase, found " + t + " after " + previousT);
            }
            double spent = spending.spent(t);
            double increment = spent - previousSpent;
            double dt = t - previousT;
            double b; // boundary on the S scale
            if (grid == null) {
                b = increment <= 0 ? Double.POSITIVE_INFINITY : STANDARD.inverseSurvivalProbability(increment / 2) * Math.sqrt(t);
            } else {
                b = solve(grid, density, dt, increment);
            }
            c[i] = b / Math.sqrt(t);
            if (i + 1 < k) {
                double half = Double.isInfinite(b) ? 12 * Math.sqrt(t) : b; // beyond 12 sd no path is left
                double[] next = points(half);
                double[] nextDensity = new double[GRID];
                for (int j = 0; j < GRID; j++) {
                    double s = next[j];
                    nextDensity[j] = grid == null ? phi(s, t) : integrate(grid, density, u -> phi(s - u, dt));
                }
                grid = next;
                density = nextDensity;
            }
            previousT = t;
            previousSpent = Math.max(previousSpent, spent);
        }
        return c;
    }

    /** The boundary b whose crossing probability from the continuation region equals {@code target}. */
    private static double solve(double[] grid, double[] density, double dt, double target) {
        if (target <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double sd = Math.sqrt(dt);
        double lo = 0;
        double hi = grid[grid.length - 1] + 12 * sd;
        if (crossing(grid, density, sd, hi) > target) {
            return hi;
        }
        for (int iteration = 0; iteration < 80; iteration++) {
            double mid = (lo + hi) / 2;
            if (crossing(grid, density, sd, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double crossing(double[] grid, double[] density, double sd, double b) {
        return integrate(grid, density, u -> STANDARD.cumulativeProbability((-b - u) / sd)
                + STANDARD.survivalProbability((b - u) / sd));
    }

    private static double[] points(double half) {
        double[] p = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            p[j] = -half + 2 * half * j / (GRID - 1);
        }
        return p;
    }

    /** Simpson's rule of density(u) * f(u) over the grid. */
    private static double integrate(double[] grid, double[] density, java.util.function.DoubleUnaryOperator f) {
        double h = grid[1] - grid[0];
        double sum = 0;
        for (int j = 0; j < grid.length; j++) {
            double w = j == 0 || j == grid.length - 1 ? 1 : (j % 2 == 1 ? 4 : 2);
            sum += w * density[j] * f.applyAsDouble(grid[j]);
        }
        return sum * h / 3;
    }

    /** The normal density of mean 0 and variance v at x. */
    private static double phi(double x, double v) {
        return Math.exp(-x * x / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    }
}

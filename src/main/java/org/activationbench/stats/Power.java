package org.activationbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Power of a two-sided paired t-test, by the usual t-approximation: a mean difference {@code delta} is detected
 * with power {@code 1 - beta} by n pairs whose differences have standard deviation s when
 * {@code delta >= (t(1 - alpha/2, n-1) + t(1 - beta, n-1)) * s / sqrt(n)}. (The exact answer uses the noncentral t
 * distribution; the tests check this approximation against simulation.)
 */
public final class Power {

    public static final double ALPHA = 0.05;
    public static final double POWER = 0.80;
    private static final int MAX_PAIRS = 100_000;

    private Power() {}

    /** The smallest true mean difference that n pairs detect with 80% power at alpha 0.05; NaN if n &lt; 2. */
    public static double minimumDetectableDifference(int n, double sdDifference) {
        if (n < 2 || !Double.isFinite(sdDifference)) {
            return Double.NaN;
        }
        return factor(n) * sdDifference / Math.sqrt(n);
    }

    /**
     * How many pairs detect a true mean difference {@code delta} with 80% power at alpha 0.05, given the standard
     * deviation of differences; null if the standard deviation is unknown, or more than 100,000 would be needed.
     */
    public static Integer pairsNeeded(double delta, double sdDifference) {
        if (!(sdDifference >= 0) || !Double.isFinite(sdDifference) || !(delta > 0)) {
            return null;
        }
        if (sdDifference == 0) {
            return 2;
        }
        // The detectable difference falls as n grows: double n until it is small enough, then bisect.
        int hi = 2;
        while (!detects(hi, delta, sdDifference)) {
            if (hi >= MAX_PAIRS) {
                return null;
            }
            hi = Math.min(2 * hi, MAX_PAIRS);
        }
        int lo = hi / 2;
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (detects(mid, delta, sdDifference)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo >= 2 && detects(lo, delta, sdDifference) ? lo : hi;
    }

    /**
     * How many pairs would show equivalence at {@code margin} with 80% power if the true mean difference were 0: the
     * smallest n whose interval at level {@code 1 - alpha / familySize} lies inside plus or minus the margin with that
     * probability ({@code (t(alpha / 2m, n-1) + t(beta / 2, n-1)) * s / sqrt(n) <= margin}); null if the standard
     * deviation is unknown or more than 100,000 pairs would be needed.
     */
    public static Integer pairsToShowEquivalence(double margin, double sdDifference, int familySize) {
        if (!(sdDifference >= 0) || !Double.isFinite(sdDifference) || !(margin > 0) || familySize < 1) {
            return null;
        }
        if (sdDifference == 0) {
            return FamilyInterval.MIN_PAIRS;
        }
        // The half-width falls as n grows: double n until it is small enough, then bisect.
        int lo = FamilyInterval.MIN_PAIRS - 1;
        int hi = FamilyInterval.MIN_PAIRS;
        while (!showsEquivalence(hi, margin, sdDifference, familySize)) {
            if (hi >= MAX_PAIRS) {
                return null;
            }
            lo = hi;
            hi = Math.min(2 * hi, MAX_PAIRS);
        }
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (showsEquivalence(mid, margin, sdDifference, familySize)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean showsEquivalence(int n, double margin, double sd, int familySize) {
        return equivalenceFactor(n, familySize) * sd / Math.sqrt(n) <= margin;
    }

    private static double equivalenceFactor(int n, int familySize) {
        TDistribution t = TDistribution.of(n - 1);
        return t.inverseSurvivalProbability(ALPHA / (2.0 * familySize)) + t.inverseSurvivalProbability((1 - POWER) / 2);
    }

    private static boolean detects(int n, double delta, double sd) {
        return factor(n) * sd / Math.sqrt(n) <= delta;
    }

    private static double factor(int n) {
        TDistribution t = TDistribution.of(n - 1);
        return t.inverseSurvivalProbability(ALPHA / 2) + t.inverseSurvivalProbability(1 - POWER);
    }
}

package org.activationbench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The interval a fixed-sample verdict is read from, and the two adjusted p-values that agree with it: the paired t
 * interval of the mean difference at the Bonferroni level {@code 1 - alpha / m} for a family of m comparisons, so
 * that the family's intervals cover their true differences together with probability at least {@code 1 - alpha}
 * (for normal differences). A verdict read from it ({@link MarginDecision}) is wrong only where an interval misses
 * its true difference, so the family's claims, differences and equivalences alike, are all right with probability
 * at least {@code 1 - alpha}.
 *
 * @param low          the interval's lower end; NaN with fewer than {@link #MIN_PAIRS} pairs
 * @param high         its upper end
 * @param level        its confidence level, {@code 1 - alpha / m}
 * @param pAdjusted    {@code min(1, m p)}, p the two-sided paired t-test's: below alpha exactly when the interval
 *                     excludes 0 (when the differences have no spread, 0 if their mean is not 0, else 1)
 * @param pEquivalence {@code min(1, 2 m p_TOST)}, p_TOST the larger of the two one-sided t-tests against
 *                     {@code -margin} and {@code +margin}: below alpha exactly when the interval lies inside
 *                     {@code (-margin, +margin)}
 */
public record FamilyInterval(double low, double high, double level, double pAdjusted, double pEquivalence) {

    /** A paired t interval needs two degrees of freedom to have a finite expected width. */
    public static final int MIN_PAIRS = 3;

    /**
     * The interval of one comparison.
     *
     * @param familySize m, the comparisons adjusted together (at least 1)
     * @param margin     the smallest difference that matters, positive, in the metric's unit
     */
    public static FamilyInterval of(PairedResult r, int familySize, double alpha, double margin) {
        if (familySize < 1 || !(margin > 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("family " + familySize + ", margin " + margin + ", alpha " + alpha);
        }
        double level = 1 - alpha / familySize;
        int n = r.pairs();
        double mean = r.meanDifference();
        double sd = r.sdDifference();
        if (n < MIN_PAIRS || Double.isNaN(mean) || Double.isNaN(sd)) {
            return new FamilyInterval(Double.NaN, Double.NaN, level, Double.NaN, Double.NaN);
        }
        if (sd == 0) {
            return new FamilyInterval(mean, mean, level, mean == 0 ? 1.0 : 0.0, Math.abs(mean) < margin ? 0.0 : 1.0);
        }
        TDistribution t = TDistribution.of(n - 1);
        double se = sd / Math.sqrt(n);
        double halfWidth = t.inverseSurvivalProbability(alpha / (2.0 * familySize)) * se;
        double p = 2 * t.survivalProbability(Math.abs(mean) / se);
        double aboveLower = t.survivalProbability((mean + margin) / se);
        double belowUpper = t.cumulativeProbability((mean - margin) / se);
        return new FamilyInterval(mean - halfWidth, mean + halfWidth, level, Math.min(1.0, familySize * p),
                Math.min(1.0, 2.0 * familySize * Math.max(aboveLower, belowUpper)));
    }

    /** A repeated confidence interval of a sequential design, whose p-values are not defined here. */
    public static FamilyInterval repeated(double low, double high, double level) {
        return new FamilyInterval(low, high, level, Double.NaN, Double.NaN);
    }

    /** Whether the interval is defined (enough pairs). */
    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}

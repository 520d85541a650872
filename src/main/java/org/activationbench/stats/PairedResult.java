package org.activationbench.stats;

/**
 * The paired comparison of a candidate with the baseline on one metric. Differences are candidate - baseline.
 * Statistics that need more pairs than there are (or any spread) are NaN.
 *
 * @param pValueT         two-sided paired t-test; NaN when the differences have no spread (t is undefined)
 * @param pValue          the p-value multiple-testing corrections use: {@code pValueT}, or, when every pair differs by
 *                        the same amount, the exact two-sided sign test ({@code 2 * 0.5^n}, or 1 if that amount is 0)
 * @param pValueWilcoxon  two-sided Wilcoxon signed-rank test (see {@link PairedComparison} for zeros and ties)
 * @param wilcoxonMethod  "exact", "asymptotic (ties or zero differences)" or "undefined (all differences zero)"
 * @param cohensDz        mean difference / standard deviation of differences
 * @param minDetectable   smallest true mean difference these pairs detect with 80% power at alpha 0.05
 */
public record PairedResult(
        int pairs,
        int unpairedBaseline,
        int unpairedCandidate,
        double meanBaseline,
        double meanCandidate,
        double meanDifference,
        double sdDifference,
        double ciLow,
        double ciHigh,
        double tStatistic,
        double pValueT,
        double pValue,
        double pValueWilcoxon,
        String wilcoxonMethod,
        double cohensDz,
        double minDetectable) {}

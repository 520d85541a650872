package org.activationbench.stats;

/**
 * The paired comparison of a candidate with the baseline on one metric. Differences are candidate - baseline.
 * Statistics that need more pairs than there are (or any spread) are NaN.
 *
 * @param pValueT         two-sided paired t-test
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
        double pValueWilcoxon,
        String wilcoxonMethod,
        double cohensDz,
        double minDetectable) {}

package org.activationbench.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.TTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Compares a candidate with the baseline over seeds: paired t-test, Wilcoxon signed-rank test, a percentile
 * bootstrap interval of the mean difference, Cohen's d_z and the detectable difference. When the differences have
 * no spread the t-test is undefined and the exact sign test gives the p-value that corrections use.
 *
 * <p>Wilcoxon (Apache Commons Statistics): the p-value is exact when there are fewer than 50 pairs and neither tied
 * absolute differences nor zero differences; otherwise it is the normal approximation with tie correction. Zero
 * differences are ranked with the others but add to neither rank sum (Pratt's treatment), which keeps the test
 * conservative when a candidate equals the baseline on some seeds.
 */
public final class PairedComparison {

    private static final TTest T_TEST = TTest.withDefaults();
    private static final WilcoxonSignedRankTest WILCOXON = WilcoxonSignedRankTest.withDefaults().with(PValueMethod.AUTO);

    private final BootstrapInterval bootstrap;

    public PairedComparison(BootstrapInterval bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The paired tests, intervals and effect size of one candidate against the baseline. */
    public PairedResult compare(Pairing pairing) {
        int n = pairing.size();
        double[] d = pairing.differences();
        double meanB = mean(pairing.baseline());
        double meanC = mean(pairing.candidate());
        double meanD = mean(d);
        double sd = n >= 2 ? Math.sqrt(Arrays.stream(d).map(x -> (x - meanD) * (x - meanD)).sum() / (n - 1)) : Double.NaN;
        BootstrapInterval.Interval ci = bootstrap.mean(d, 0.95);

        double t = Double.NaN;
        double pT = Double.NaN;
        double p;
        if (n >= 2 && sd > 0) {
            TTest.Result r = T_TEST.pairedTest(pairing.candidate(), pairing.baseline());
            t = r.getStatistic();
            pT = r.getPValue();
            p = pT;
        } else if (n >= 1) {
            // Every pair differs by the same amount (or there is one pair): t is undefined. The exact sign test still
            // says how unlikely n differences of one sign are under no effect.
            p = meanD == 0 ? 1.0 : Math.min(1.0, 2 * Math.pow(0.5, n));
        } else {
            p = Double.NaN;
        }

        double pW = Double.NaN;
        String method;
        if (n == 0) {
            method = "undefined (no pairs)";
        } else if (Arrays.stream(d).allMatch(x -> x == 0)) {
            method = "undefined (all differences zero)";
        } else {
            WilcoxonSignedRankTest.Result w = WILCOXON.test(pairing.candidate(), pairing.baseline());
            pW = w.getPValue();
            method = w.hasTiedValues() || w.hasZeroValues() || n >= 50 ? "asymptotic (ties, zeros or n >= 50)" : "exact";
        }
        double dz = sd > 0 ? meanD / sd : Double.NaN;
        return new PairedResult(n, pairing.unpairedBaseline(), pairing.unpairedCandidate(), meanB, meanC, meanD, sd,
                ci.low(), ci.high(), t, pT, p, pW, method, dz, Power.minimumDetectableDifference(n, sd));
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }
}

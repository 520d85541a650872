package org.activationbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The candidates compared with one baseline under a {@link SequentialDesign}, replayed look by look from their
 * paired differences: each candidate's paired t statistic is tested against group-sequential boundaries (O'Brien-
 * Fleming-type alpha spending), and Holm's step-down procedure runs over the candidates with each test's nominal
 * level, recycling the level of a rejected candidate to the others (Maurer and Bretz 2013). A candidate stops when
 * Holm rejects it, when its repeated confidence interval at level alpha / m is narrower than the target, or at
 * the last look. The replay is a pure function of the differences, so a resumed run reaches the same decisions.
 *
 * <p>The t statistic enters the boundaries, which are computed for a normal statistic, through its p-value (the
 * "significance level approach", Jennison and Turnbull 2000, section 11.3): stage-wise exact for normal
 * differences, and the simulation tests check the family-wise error rate it gives.
 */
public final class SequentialFamily {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private final SequentialDesign design;
    private final int candidates;
    private final int[] seedsAtLooks;
    /** tail[r - 1][k]: the one-sided nominal p-value a candidate must reach at look k for level alpha / r. */
    private final double[][] tail;


    /** @param candidates the family's size m: Holm's levels are alpha / m ... alpha / 1 */
    public SequentialFamily(SequentialDesign design, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("a family needs at least one candidate");
        }
        this.design = design;
        this.candidates = candidates;
        this.seedsAtLooks = design.seedsAtLooks();
        this.tail = new double[candidates][];
        for (int r = 1; r <= candidates; r++) {
            double[] c = GroupSequentialBoundaries.compute(design.fractions(), design.spending(design.alpha() / r));
            tail[r - 1] = Arrays.stream(c).map(STANDARD::survivalProbability).toArray();
        }
    }

    /**
     * Replays the looks the landed seeds allow.
     *
     * @param differences per candidate, the paired difference (candidate - baseline) of seed i at index i; NaN where
     *                    either side has no value
     * @param landed      per candidate, how many leading seeds have a final result on both sides
     */
    public List<SequentialDecision> decide(List<double[]> differences, int[] landed) {
        if (differences.size() != candidates || landed.length != candidates) {
            throw new IllegalArgumentException("expected " + candidates + " candidates, found " + differences.size());
        }
        Look[] last = new Look[candidates];
        SequentialDecision.Stop[] stop = new SequentialDecision.Stop[candidates];
        Arrays.fill(stop, SequentialDecision.Stop.OPEN);
        double[] level = new double[candidates];
        Arrays.fill(level, Double.NaN);
        boolean[] rejected = new boolean[candidates];
        for (int k = 0; k < seedsAtLooks.length; k++) {
            int n = seedsAtLooks[k];
            List<Integer> open = IntStream.range(0, candidates).filter(i -> stop[i] == SequentialDecision.Stop.OPEN).boxed().toList();
            // A look is made for the whole family at once, so that Holm compares tests of the same look.
            if (open.isEmpty() || open.stream().anyMatch(i -> landed[i] < n)) {
                break;
            }
            boolean lastLook = k == seedsAtLooks.length - 1;
            for (int i : open) {
                last[i] = look(differences.get(i), k, n);
                level[i] = reached(level[i], last[i].oneSidedP, k);
            }
            rejected = holm(level);
            for (int i : open) {
                if (rejected[i]) {
                    stop[i] = SequentialDecision.Stop.DECIDED;
                } else if (last[i].halfWidth() < design.targetHalfWidth()) {
                    stop[i] = SequentialDecision.Stop.PRECISE;
                } else if (lastLook) {
                    stop[i] = SequentialDecision.Stop.MAX_SEEDS;
                }
            }
        }
        List<SequentialDecision> out = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            Look l = last[i];
            if (l == null) {
                out.add(new SequentialDecision(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, stop[i],
                        SequentialDecision.Outcome.OPEN));
                continue;
            }
            out.add(new SequentialDecision(l.look + 1, seedsAtLooks[l.look], l.pairs, l.mean, l.mean - l.halfWidth(),
                    l.mean + l.halfWidth(), level[i], stop[i], outcome(l, rejected[i], stop[i])));
        }
        return out;
    }

    private SequentialDecision.Outcome outcome(Look l, boolean rejected, SequentialDecision.Stop stop) {
        if (rejected) {
            return l.mean > 0 ? SequentialDecision.Outcome.GREATER : SequentialDecision.Outcome.LESS;
        }
        if (stop == SequentialDecision.Stop.OPEN) {
            return SequentialDecision.Outcome.OPEN;
        }
        double target = design.targetHalfWidth();
        return l.mean - l.halfWidth() > -target && l.mean + l.halfWidth() < target
                ? SequentialDecision.Outcome.EQUIVALENT : SequentialDecision.Outcome.UNDECIDED;
    }

    /** The smallest level alpha / r whose boundary at look k the p-value reaches, or the level reached before. */
    private double reached(double before, double oneSidedP, int k) {
        for (int r = candidates; r >= 1; r--) {
            if (oneSidedP <= tail[r - 1][k]) {
                double now = design.alpha() / r;
                return Double.isNaN(before) ? now : Math.min(before, now);
            }
        }
        return before;
    }

    /** Holm's step-down over the nominal levels reached (NaN: none): which hypotheses it rejects. */
    private boolean[] holm(double[] level) {
        Integer[] order = IntStream.range(0, candidates).boxed()
                .sorted(Comparator.comparingDouble(i -> Double.isNaN(level[i]) ? Double.POSITIVE_INFINITY : level[i]))
                .toArray(Integer[]::new);
        boolean[] rejected = new boolean[candidates];
        for (int rank = 0; rank < candidates; rank++) {
            int i = order[rank];
            // Levels are exactly alpha / r; the slack absorbs the rounding of that division.
            if (Double.isNaN(level[i]) || level[i] > design.alpha() / (candidates - rank) * (1 + 1e-9)) {
                break;
            }
            rejected[i] = true;
        }
        return rejected;
    }

    /** The statistics of the first n seeds at look k, with the interval at the Bonferroni level alpha / m. */
    private Look look(double[] d, int k, int n) {
        int pairs = 0;
        double sum = 0;
        for (int i = 0; i < Math.min(n, d.length); i++) {
            if (!Double.isNaN(d[i])) {
                pairs++;
                sum += d[i];
            }
        }
        double mean = pairs == 0 ? Double.NaN : sum / pairs;
        if (pairs < 2) {
            return new Look(k, pairs, mean, 1.0, Double.POSITIVE_INFINITY);
        }
        double squares = 0;
        for (int i = 0; i < Math.min(n, d.length); i++) {
            if (!Double.isNaN(d[i])) {
                squares += (d[i] - mean) * (d[i] - mean);
            }
        }
        double se = Math.sqrt(squares / (pairs - 1) / pairs);
        TDistribution t = TDistribution.of(pairs - 1);
        double p = se == 0 ? (mean == 0 ? 0.5 : 0.0) : t.survivalProbability(Math.abs(mean) / se);
        double q = tail[candidates - 1][k];
        double critical = q <= 0 ? Double.POSITIVE_INFINITY : t.inverseSurvivalProbability(q);
        return new Look(k, pairs, mean, p, critical * se);
    }

    /**
     * One candidate at one look.
     *
     * @param oneSidedP the t statistic's one-sided p-value of |mean| (0.5 when there is no difference and no spread)
     */
    private record Look(int look, int pairs, double mean, double oneSidedP, double halfWidthOrInfinite) {

        double halfWidth() {
            return Double.isNaN(halfWidthOrInfinite) ? Double.POSITIVE_INFINITY : halfWidthOrInfinite;
        }
    }
}

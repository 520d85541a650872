package org.activationbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The candidates compared with one baseline under a {@link SequentialDesign}, replayed look by look from their
 * paired differences. Each candidate has a repeated confidence interval of its mean difference: the paired t
 * interval whose critical value is the group-sequential boundary (alpha spending at the Bonferroni level
 * {@code alpha / m} for m candidates) of the current look, so that a candidate's intervals cover its true difference
 * at every look together with probability at least {@code 1 - alpha / m}, and the family's together with at least
 * {@code 1 - alpha}, however the looks stop (Jennison and Turnbull 2000, chapter 9). A candidate stops at the first
 * look whose interval decides it ({@link MarginDecision}): excluding 0 (better or worse, its sign the sign at that
 * look) or lying inside plus or minus the margin (equivalent); at the first look whose interval is narrower than the
 * margin without lying inside it (undecided, precise); else at the last look, undecided. Every claim is
 * read from an interval, so the family's claims of a difference and of equivalence are all right together with
 * probability at least {@code 1 - alpha}. The replay is a pure function of the differences, so a resumed run reaches
 * the same decisions.
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
    /** tail[k]: the one-sided nominal p-value of the boundary at look k for level alpha / m. */
    private final double[] tail;

    /** @param candidates the family's size m: each candidate's intervals are at level alpha / m */
    public SequentialFamily(SequentialDesign design, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("a family needs at least one candidate");
        }
        this.design = design;
        this.candidates = candidates;
        this.seedsAtLooks = design.seedsAtLooks();
        double[] c = GroupSequentialBoundaries.compute(design.fractions(), design.spending(design.alpha() / candidates));
        this.tail = Arrays.stream(c).map(STANDARD::survivalProbability).toArray();
    }

    /** The level of each candidate's repeated confidence intervals, {@code 1 - alpha / m}. */
    public double level() {
        return 1 - design.alpha() / candidates;
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
        SequentialDecision.Outcome[] outcome = new SequentialDecision.Outcome[candidates];
        Arrays.fill(stop, SequentialDecision.Stop.OPEN);
        Arrays.fill(outcome, SequentialDecision.Outcome.OPEN);
        for (int k = 0; k < seedsAtLooks.length; k++) {
            int n = seedsAtLooks[k];
            List<Integer> open = IntStream.range(0, candidates).filter(i -> stop[i] == SequentialDecision.Stop.OPEN).boxed().toList();
            // A look is made for the whole family at once, so that its seeds are the same for every candidate.
            if (open.isEmpty() || open.stream().anyMatch(i -> landed[i] < n)) {
                break;
            }
            boolean lastLook = k == seedsAtLooks.length - 1;
            for (int i : open) {
                last[i] = look(differences.get(i), k, n);
                SequentialDecision.Outcome o = MarginDecision.of(last[i].low(), last[i].high(), design.targetHalfWidth());
                if (o == SequentialDecision.Outcome.GREATER || o == SequentialDecision.Outcome.LESS) {
                    stop[i] = SequentialDecision.Stop.DECIDED;
                    outcome[i] = o;
                } else if (o == SequentialDecision.Outcome.EQUIVALENT) {
                    stop[i] = SequentialDecision.Stop.EQUIVALENT;
                    outcome[i] = o;
                } else if (last[i].halfWidth() < design.targetHalfWidth()) {
                    // Narrower than the margin yet across one of its edges: more seeds would rarely move it inside,
                    // and stopping here leaves the rest of the alpha unspent.
                    stop[i] = SequentialDecision.Stop.PRECISE;
                    outcome[i] = SequentialDecision.Outcome.UNDECIDED;
                } else if (lastLook) {
                    stop[i] = SequentialDecision.Stop.MAX_SEEDS;
                    outcome[i] = SequentialDecision.Outcome.UNDECIDED;
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
            double reached = stop[i] == SequentialDecision.Stop.DECIDED ? design.alpha() / candidates : Double.NaN;
            out.add(new SequentialDecision(l.look + 1, seedsAtLooks[l.look], l.pairs, l.mean, l.low(), l.high(), reached,
                    stop[i], outcome[i]));
        }
        return out;
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
        if (pairs < FamilyInterval.MIN_PAIRS) {
            return new Look(k, pairs, mean, Double.POSITIVE_INFINITY);
        }
        double squares = 0;
        for (int i = 0; i < Math.min(n, d.length); i++) {
            if (!Double.isNaN(d[i])) {
                squares += (d[i] - mean) * (d[i] - mean);
            }
        }
        double se = Math.sqrt(squares / (pairs - 1) / pairs);
        TDistribution t = TDistribution.of(pairs - 1);
        double q = tail[k];
        double critical = q <= 0 ? Double.POSITIVE_INFINITY : t.inverseSurvivalProbability(q);
        return new Look(k, pairs, mean, se == 0 ? 0 : critical * se);
    }

    /** One candidate at one look: its mean difference and the half-width of its repeated confidence interval. */
    private record Look(int look, int pairs, double mean, double halfWidthOrInfinite) {

        double halfWidth() {
            return Double.isNaN(halfWidthOrInfinite) ? Double.POSITIVE_INFINITY : halfWidthOrInfinite;
        }

        double low() {
            return Double.isNaN(mean) ? Double.NaN : mean - halfWidth();
        }

        double high() {
            return Double.isNaN(mean) ? Double.NaN : mean + halfWidth();
        }
    }
}

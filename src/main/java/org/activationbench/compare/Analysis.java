package org.activationbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Margins;
import org.activationbench.grid.PrimaryEndpoint;
import org.activationbench.grid.TrialConfig;
import org.activationbench.stats.BootstrapInterval;
import org.activationbench.stats.FamilyInterval;
import org.activationbench.stats.MarginDecision;
import org.activationbench.stats.PairedComparison;
import org.activationbench.stats.PairedResult;
import org.activationbench.stats.Pairing;
import org.activationbench.stats.Power;
import org.activationbench.stats.ProbabilityOfImprovement;

/**
 * Compares every activation with the baseline, per dataset x architecture x condition x checkpoint x metric, pairing
 * trials by seed. The candidates of one metric at one checkpoint (of one dataset and architecture) are a family: each gets a
 * paired t interval at the Bonferroni level 1 - 0.05 / m, and its verdict is read from that interval and the metric's
 * margin, so that no verdict disagrees with the interval printed beside it (docs/statistics.md).
 */
public final class Analysis {

    public static final double SIGNIFICANCE = 0.05;
    public static final int RESAMPLES = 10_000;
    public static final long BOOTSTRAP_SEED = 1;

    /**
     * @param baseline the activation label every other label is compared against
     * @param margins  the smallest difference that matters, per metric
     * @param primary  the comparison the experiment is about
     */
    public record Settings(String baseline, int resamples, long bootstrapSeed, Margins margins, PrimaryEndpoint primary) {

        /** A baseline with the default margins and test accuracy at {@code lastEpoch} as the primary endpoint. */
        public Settings(String baseline, int resamples, long bootstrapSeed, int lastEpoch) {
            this(baseline, resamples, bootstrapSeed, Margins.standard(), new PrimaryEndpoint("test_accuracy", lastEpoch));
        }

        /** The grid's baseline (with the grid's first alpha if it takes one), margins and primary endpoint. */
        public static Settings forGrid(GridSpec grid) {
            String baseline = grid.slopeActivations().contains(grid.baseline())
                    ? grid.baseline() + "(" + TrialConfig.number(grid.alphas().get(0)) + ")" : grid.baseline();
            return new Settings(baseline, RESAMPLES, BOOTSTRAP_SEED, grid.margins(), grid.primary());
        }

        /** How the interval a verdict is read from is computed. */
        public String ciMethod() {
            return "paired t interval at level 1 - 0.05 / family_size (Bonferroni)";
        }

        /** How the descriptive bootstrap interval is computed. */
        public String bootstrapMethod() {
            return "percentile bootstrap, " + resamples + " resamples, seed " + bootstrapSeed;
        }
    }

    private final Settings settings;
    private final PairedComparison comparison;
    private final ProbabilityOfImprovement improvement;

    public Analysis(Settings settings) {
        this.settings = settings;
        BootstrapInterval bootstrap = new BootstrapInterval(settings.resamples(), settings.bootstrapSeed());
        this.comparison = new PairedComparison(bootstrap);
        this.improvement = new ProbabilityOfImprovement(bootstrap);
    }

    /** The statistical settings every comparison of this analysis uses. */
    public Settings settings() {
        return settings;
    }

    /**
     * Compares per dataset x architecture x strategy x condition x stage x checkpoint; in the {@code fixed} stage also
     * per learning rate (a fixed grid may cross several, and only trials at the same rate pair), while the {@code tuned}
     * stage pairs each activation at its own chosen rate.
     */
    public List<Comparison> compare(List<Observation> observations) {
        Map<String, List<Observation>> groups = observations.stream().collect(Collectors.groupingBy(
                o -> o.dataset() + "\u0000" + o.architecture() + "\u0000" + o.strategy() + "\u0000" + o.condition()
                        + "\u0000" + o.stage() + "\u0000"
                        + (o.stage().equals(Observation.TUNED) ? "" : Double.toString(o.learningRate()))
                        + "\u0000" + o.epoch(), TreeMap::new, Collectors.toList()));
        List<Comparison> out = new ArrayList<>();
        for (List<Observation> group : groups.values()) {
            out.addAll(compareGroup(group));
        }
        return out;
    }

    private List<Comparison> compareGroup(List<Observation> group) {
        Observation first = group.get(0);
        Map<String, List<Observation>> byLabel = group.stream().collect(Collectors.groupingBy(Observation::label,
                LinkedHashMap::new, Collectors.toList()));
        List<Observation> baseline = byLabel.get(settings.baseline());
        if (baseline == null) {
            return List.of();
        }
        List<String> candidates = byLabel.keySet().stream().filter(l -> !l.equals(settings.baseline()))
                .sorted(Comparator.comparing((String l) -> byLabel.get(l).get(0).activation())
                        .thenComparing(l -> byLabel.get(l).get(0).alpha() == null ? 0.0 : byLabel.get(l).get(0).alpha()))
                .toList();
        List<Comparison> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (group.stream().allMatch(o -> Double.isNaN(o.value(metric)))) {
                continue; // a metric these trials did not measure (examples_to_* without looks): no row
            }
            List<PairedResult> results = new ArrayList<>();
            for (String c : candidates) {
                results.add(comparison.compare(Pairing.of(bySeed(baseline, metric), bySeed(byLabel.get(c), metric))));
            }
            List<Pairing> pairings = candidates.stream()
                    .map(c -> Pairing.of(bySeed(baseline, metric), bySeed(byLabel.get(c), metric))).toList();
            int family = Math.max(1, (int) results.stream().filter(r -> r.pairs() >= FamilyInterval.MIN_PAIRS).count());
            double margin = settings.margins().of(metric.id());
            boolean primary = settings.primary().is(metric.id(), first.epoch());
            for (int i = 0; i < candidates.size(); i++) {
                PairedResult r = results.get(i);
                Observation c = byLabel.get(candidates.get(i)).get(0);
                FamilyInterval interval = FamilyInterval.of(r, family, SIGNIFICANCE, margin);
                Integer censored = metric.censorable() ? censored(baseline, byLabel.get(candidates.get(i)), metric) : null;
                Verdict verdict = Comparison.noneReached(censored, r.pairs()) ? Verdict.NOT_REACHED
                        : verdict(metric, interval, margin);
                out.add(new Comparison(first.dataset(), first.architecture(), first.strategy(), first.epoch(), metric,
                        settings.baseline(), candidates.get(i), c.activation(), c.alpha(), r, family, interval, margin,
                        verdict, verdict == Verdict.UNDECIDED ? Power.pairsToShowEquivalence(margin, r.sdDifference(), family)
                                : null, primary, null, first.stage(), baseline.get(0).learningRate(), c.learningRate(),
                        improvement.of(pairings.get(i).differences(), metric.higherIsBetter()), first.condition(),
                        censored));
            }
        }
        return out;
    }

    /** The verdict an interval gives at a margin: the one rule for fixed and sequential comparisons alike. */
    static Verdict verdict(Metric metric, FamilyInterval interval, double margin) {
        if (!interval.defined()) {
            return Verdict.NOT_TESTABLE;
        }
        return switch (MarginDecision.of(interval.low(), interval.high(), margin)) {
            case GREATER -> metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
            case LESS -> metric.higherIsBetter() ? Verdict.WORSE : Verdict.BETTER;
            case EQUIVALENT -> Verdict.EQUIVALENT;
            case UNDECIDED, OPEN -> Verdict.UNDECIDED;
        };
    }

    /** The trials of the pairs (seeds with a value on both sides) whose value of {@code metric} is censored. */
    private static int censored(List<Observation> baseline, List<Observation> candidate, Metric metric) {
        java.util.Set<Long> paired = new java.util.HashSet<>(bySeed(baseline, metric).keySet());
        paired.retainAll(bySeed(candidate, metric).keySet());
        return (int) java.util.stream.Stream.concat(baseline.stream(), candidate.stream())
                .filter(o -> paired.contains(o.seed()) && !Double.isNaN(o.value(metric)) && o.censored(metric)).count();
    }

    private static Map<Long, Double> bySeed(List<Observation> observations, Metric metric) {
        Map<Long, Double> values = new TreeMap<>();
        for (Observation o : observations) {
            double v = o.value(metric);
            if (!Double.isNaN(v)) {
                values.put(o.seed(), v);
            }
        }
        return values;
    }
}

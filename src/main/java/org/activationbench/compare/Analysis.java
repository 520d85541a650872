package org.activationbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.stats.BootstrapInterval;
import org.activationbench.stats.HolmCorrection;
import org.activationbench.stats.PairedComparison;
import org.activationbench.stats.PairedResult;
import org.activationbench.stats.Pairing;
import org.activationbench.stats.Power;
import org.activationbench.stats.ProbabilityOfImprovement;

/**
 * Compares every activation with the baseline, per dataset x architecture x checkpoint x metric, pairing trials by
 * seed; Holm's adjustment runs over the candidates of one metric at one checkpoint (of one dataset and architecture).
 */
public final class Analysis {

    /** A 0.1 percentage-point accuracy difference, as a fraction. */
    public static final double POINT_ONE = 0.001;
    public static final double SIGNIFICANCE = 0.05;
    public static final int RESAMPLES = 10_000;
    public static final long BOOTSTRAP_SEED = 1;

    /** @param baseline the activation label every other label is compared against */
    public record Settings(String baseline, int resamples, long bootstrapSeed) {

        /** The grid's baseline (with the grid's first alpha if it takes one), and the project's bootstrap. */
        public static Settings forGrid(GridSpec grid) {
            String baseline = grid.slopeActivations().contains(grid.baseline())
                    ? grid.baseline() + "(" + TrialConfig.number(grid.alphas().get(0)) + ")" : grid.baseline();
            return new Settings(baseline, RESAMPLES, BOOTSTRAP_SEED);
        }

        public String ciMethod() {
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

    public Settings settings() {
        return settings;
    }

    /**
     * Compares per dataset x architecture x strategy x stage x checkpoint; in the {@code fixed} stage also per learning
     * rate (a fixed grid may cross several, and only trials at the same rate pair), while the {@code tuned} stage pairs
     * each activation at its own chosen rate.
     */
    public List<Comparison> compare(List<Observation> observations) {
        Map<String, List<Observation>> groups = observations.stream().collect(Collectors.groupingBy(
                o -> o.dataset() + "\u0000" + o.architecture() + "\u0000" + o.strategy() + "\u0000" + o.stage() + "\u0000"
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
            List<PairedResult> results = new ArrayList<>();
            for (String c : candidates) {
                results.add(comparison.compare(Pairing.of(bySeed(baseline, metric), bySeed(byLabel.get(c), metric))));
            }
            List<Pairing> pairings = candidates.stream()
                    .map(c -> Pairing.of(bySeed(baseline, metric), bySeed(byLabel.get(c), metric))).toList();
            double[] holm = HolmCorrection.adjust(results.stream().mapToDouble(PairedResult::pValue).toArray());
            int family = (int) results.stream().filter(r -> !Double.isNaN(r.pValue())).count();
            for (int i = 0; i < candidates.size(); i++) {
                PairedResult r = results.get(i);
                Observation c = byLabel.get(candidates.get(i)).get(0);
                out.add(new Comparison(first.dataset(), first.architecture(), first.strategy(), first.epoch(), metric,
                        settings.baseline(),
                        candidates.get(i), c.activation(), c.alpha(), r, family, holm[i], verdict(metric, r, holm[i]),
                        metric.isAccuracy() ? Power.pairsNeeded(POINT_ONE, r.sdDifference()) : null, null, first.stage(),
                        baseline.get(0).learningRate(), c.learningRate(),
                        improvement.of(pairings.get(i).differences(), metric.higherIsBetter())));
            }
        }
        return out;
    }

    static Verdict verdict(Metric metric, PairedResult r, double holm) {
        if (Double.isNaN(holm)) {
            return Verdict.NOT_ENOUGH_PAIRS;
        }
        if (holm >= SIGNIFICANCE || r.meanDifference() == 0) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        return (r.meanDifference() > 0) == metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
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

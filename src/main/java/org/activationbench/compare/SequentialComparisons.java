package org.activationbench.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.SequentialSettings;
import org.activationbench.grid.TrialConfig;
import org.activationbench.stats.AlphaSpending;
import org.activationbench.stats.SequentialDecision;
import org.activationbench.stats.SequentialDesign;
import org.activationbench.stats.SequentialFamily;

/**
 * Seeds on demand: the test-accuracy comparisons of a sequential grid at its checkpoint, per condition and learning
 * rate, decided round by round from the trials that have landed ({@link SequentialFamily}), and the trials the open
 * ones need next. Both are computed from the tables alone, so a driver killed between rounds and resumed continues where the rows say it stands.
 */
public final class SequentialComparisons {

    /**
     * Where a family (one dataset x architecture x strategy x condition x learning rate) stands: its candidates in grid
     * order and their decisions.
     *
     * @param learningRate the rate every trial of the family ran at; NaN in a tuned grid, whose activations each run
     *                     at their own chosen rate
     */
    public record Family(String dataset, String architecture, String strategy, String condition, double learningRate,
            String baseline, List<String> candidates, List<SequentialDecision> decisions) {

        /** The decision on one candidate of this family; null for a name that is not one. */
        public SequentialDecision decision(String candidate) {
            int i = candidates.indexOf(candidate);
            return i < 0 ? null : decisions.get(i);
        }
    }

    private final GridSpec grid;
    private final SequentialSettings settings;
    private final SequentialDesign design;
    private final String baseline;
    private final List<Family> families;

    /**
     * @param observations the landed trials' values at their checkpoints
     * @param settled      the trials (by {@link #key}) whose result is in: a missing value there is a missing pair,
     *                     not a seed still to come
     */
    public SequentialComparisons(GridSpec grid, List<Observation> observations, Set<String> settled) {
        if (grid.sequential() == null) {
            throw new IllegalArgumentException(grid.experiment() + " is not a sequential grid");
        }
        this.grid = grid;
        this.settings = grid.sequential();
        this.design = design(settings);
        this.baseline = Analysis.Settings.forGrid(grid).baseline();
        Map<String, Double> values = new HashMap<>();
        for (Observation o : observations) {
            if (o.epoch() == settings.epoch() && !Double.isNaN(o.value(Metric.TEST_ACCURACY))) {
                values.put(key(grid, o.dataset(), o.architecture(), o.strategy(), o.condition(), o.learningRate(), o.label(),
                        o.seed()), o.value(Metric.TEST_ACCURACY));
            }
        }
        Map<String, List<String>> candidatesByFamily = new LinkedHashMap<>();
        for (TrialConfig t : grid.trials()) {
            String family = family(grid, t.dataset(), t.architecture(), t.strategy().name(), t.condition().label(),
                    t.learningRate());
            candidatesByFamily.computeIfAbsent(family, f -> new ArrayList<>());
            if (!t.activationLabel().equals(baseline) && !candidatesByFamily.get(family).contains(t.activationLabel())) {
                candidatesByFamily.get(family).add(t.activationLabel());
            }
        }
        List<Family> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : candidatesByFamily.entrySet()) {
            String[] f = e.getKey().split("\u0000");
            List<String> candidates = e.getValue();
            List<double[]> differences = new ArrayList<>();
            int[] landed = new int[candidates.size()];
            for (int i = 0; i < candidates.size(); i++) {
                double[] d = new double[settings.maxSeeds()];
                boolean leading = true;
                for (int s = 0; s < settings.maxSeeds(); s++) {
                    String b = e.getKey() + "\u0000" + baseline + "\u0000" + s;
                    String c = e.getKey() + "\u0000" + candidates.get(i) + "\u0000" + s;
                    Double vb = values.get(b);
                    Double vc = values.get(c);
                    d[s] = vb == null || vc == null ? Double.NaN : vc - vb;
                    leading &= settled.contains(b) && settled.contains(c);
                    if (leading) {
                        landed[i] = s + 1;
                    }
                }
                differences.add(d);
            }
            List<SequentialDecision> decisions = candidates.isEmpty() ? List.of()
                    : new SequentialFamily(design, candidates.size()).decide(differences, landed);
            out.add(new Family(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]), baseline, List.copyOf(candidates),
                    decisions));
        }
        this.families = List.copyOf(out);
    }

    /** The stats design of a grid's {@code analysis.sequential}, at the project's significance level. */
    public static SequentialDesign design(SequentialSettings s) {
        return new SequentialDesign(s.minSeeds(), s.maxSeeds(), s.roundSize(), s.targetHalfWidth(), Analysis.SIGNIFICANCE,
                s.spending().equals("obrien-fleming") ? AlphaSpending.Shape.OBRIEN_FLEMING : AlphaSpending.Shape.POCOCK);
    }

    /** How a trial of {@code grid} is named in {@code settled}: its family, activation label and seed. */
    public static String key(GridSpec grid, String dataset, String architecture, String strategy, String condition,
            double learningRate, String label, long seed) {
        return family(grid, dataset, architecture, strategy, condition, learningRate) + "\u0000" + label + "\u0000" + seed;
    }

    /** The key by which a trial's landed value is found: its family, activation and seed. */
    public static String key(GridSpec grid, TrialConfig t) {
        return key(grid, t.dataset(), t.architecture(), t.strategy().name(), t.condition().label(), t.learningRate(),
                t.activationLabel(), t.seed());
    }

    /**
     * A family's name: trials pair only when everything but the activation is equal, the learning rate included
     * (a grid may run a condition at several), except in a tuned grid, whose activations each run at their chosen rate.
     */
    private static String family(GridSpec grid, String dataset, String architecture, String strategy, String condition,
            double learningRate) {
        return dataset + "\u0000" + architecture + "\u0000" + strategy + "\u0000" + condition + "\u0000"
                + (grid.tuned() ? Double.NaN : learningRate);
    }

    /** Every family of the grid, in grid order. */
    public List<Family> families() {
        return families;
    }

    /** The grid's sequential settings: seeds, round size, target half-width, checkpoint, spending. */
    public SequentialSettings settings() {
        return settings;
    }

    /** The level of a family's repeated confidence intervals, {@code 1 - alpha / m} for its m candidates. */
    public double level(String dataset, String architecture, String strategy, String condition, double learningRate) {
        int m = stand(dataset, architecture, strategy, condition, learningRate).map(f -> f.candidates().size()).orElse(1);
        return 1 - Analysis.SIGNIFICANCE / Math.max(1, m);
    }

    /**
     * The decision of a candidate in a family, or null if it is not one of this grid's comparisons.
     *
     * @param learningRate the baseline's rate (in a tuned grid any: its families do not part by rate)
     */
    public SequentialDecision decision(String dataset, String architecture, String strategy, String condition,
            double learningRate, String candidate) {
        return stand(dataset, architecture, strategy, condition, learningRate).map(f -> f.decision(candidate)).orElse(null);
    }

    private java.util.Optional<Family> stand(String dataset, String architecture, String strategy, String condition,
            double learningRate) {
        String family = family(grid, dataset, architecture, strategy, condition, learningRate);
        return families.stream().filter(f -> family(grid, f.dataset(), f.architecture(), f.strategy(), f.condition(),
                f.learningRate()).equals(family)).findFirst();
    }

    /**
     * The trials the open comparisons need for their next look, of those given (the ones not settled yet): each open
     * candidate's seeds below its next look, and the baseline's seeds below the furthest of them. Empty when every
     * comparison has stopped.
     */
    public List<TrialConfig> next(List<TrialConfig> unsettled) {
        int[] looks = design.seedsAtLooks();
        Map<String, Integer> needed = new HashMap<>(); // key without seed -> seeds needed below
        for (Family f : families) {
            int baselineNeeds = 0;
            for (int i = 0; i < f.candidates().size(); i++) {
                SequentialDecision d = f.decisions().get(i);
                if (d.open()) {
                    int next = looks[Math.min(d.look(), looks.length - 1)];
                    needed.put(family(grid, f.dataset(), f.architecture(), f.strategy(), f.condition(), f.learningRate())
                            + "\u0000" + f.candidates().get(i), next);
                    baselineNeeds = Math.max(baselineNeeds, next);
                }
            }
            needed.put(family(grid, f.dataset(), f.architecture(), f.strategy(), f.condition(), f.learningRate())
                    + "\u0000" + baseline, baselineNeeds);
        }
        Set<TrialConfig> out = new LinkedHashSet<>();
        for (TrialConfig t : unsettled) {
            Integer below = needed.get(family(grid, t.dataset(), t.architecture(), t.strategy().name(),
                    t.condition().label(), t.learningRate()) + "\u0000" + t.activationLabel());
            if (below != null && t.seed() < below) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}

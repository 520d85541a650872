package org.activationbench.compare;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.AttemptRule;
import org.activationbench.results.ComparisonRow;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.stats.PairedResult;

/** The {@code comparisons} table: computed from a run's snapshot and written in place of the previous one. */
public final class ComparisonsTable {

    private ComparisonsTable() {}

    /**
     * Reads a run's tables, compares its activations and replaces its comparisons table with the result; a sequential
     * grid's test-accuracy comparisons at its checkpoint carry their sequential decisions, replayed from every trial
     * that has a runs row. A tuned grid's comparisons are at the rates stored in {@code learning_rates}
     * ({@link StoredChoices}); a key whose tuning trials have all finished (OK or DIVERGED) and that has no choice
     * stored yet, as in a run landed before the table existed, gets it now.
     */
    public static ComparedRun write(ResultStore store, GridSpec grid) {
        Snapshot snapshot = Snapshot.load(store, grid);
        Analysis.Settings settings = Analysis.Settings.forGrid(grid);
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices = grid.tuned()
                ? StoredChoices.settle(store, grid, snapshot, snapshot.runs().stream()
                        .filter(r -> AttemptRule.isFinal(r.status().name())).map(Snapshot.RunRow::trialId)
                        .collect(Collectors.toSet()))
                : Map.of();
        List<Comparison> comparisons = compare(snapshot, grid, choices);
        store.replace(Tables.COMPARISONS, comparisons.stream()
                .map(c -> Tables.COMPARISONS.row(new Row(c, settings, snapshot.untrainedIn(c)))).toList());
        return new ComparedRun(snapshot, settings, comparisons, choices);
    }

    /**
     * The comparisons of a run's snapshot under its grid, with the sequential decisions where the grid has them; a
     * tuned grid's at the stored {@code choices} (ignored for a fixed grid).
     */
    public static List<Comparison> compare(Snapshot snapshot, GridSpec grid,
            Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices) {
        if (!grid.tuned()) {
            List<Comparison> comparisons = new Analysis(Analysis.Settings.forGrid(grid)).compare(snapshot.observations());
            return grid.sequential() == null ? comparisons
                    : withSequential(comparisons, new SequentialComparisons(grid, snapshot.observations(),
                            settled(snapshot, grid)));
        }
        List<Comparison> comparisons = new Analysis(Analysis.Settings.forGrid(grid))
                .compare(TunedProtocol.observations(snapshot, grid, choices));
        if (grid.sequential() == null) {
            return comparisons;
        }
        // The tuned comparisons were decided on demand; the fixed-rate ones ran on their seeds and are compared as usual.
        Set<String> landed = snapshot.runs().stream().map(Snapshot.RunRow::trialId).collect(Collectors.toSet());
        SequentialComparisons sequential = TunedProtocol.sequential(snapshot, grid, choices, landed);
        List<Comparison> tuned = withSequential(comparisons, sequential);
        return java.util.stream.IntStream.range(0, comparisons.size())
                .mapToObj(i -> Observation.TUNED.equals(comparisons.get(i).stage()) ? tuned.get(i) : comparisons.get(i))
                .toList();
    }

    /** Every trial with a runs row, whatever its status: for a report, what has landed is all there is. */
    static java.util.Set<String> settled(Snapshot snapshot, GridSpec grid) {
        return snapshot.runs().stream().map(r -> SequentialComparisons.key(grid, r.dataset(), r.architecture(), r.strategy(),
                r.condition(), r.learningRate(), r.label(), r.seed())).collect(java.util.stream.Collectors.toSet());
    }

    /** The comparisons with the sequential decisions put on the rows they were made for. */
    static List<Comparison> withSequential(List<Comparison> comparisons, SequentialComparisons sequential) {
        int epoch = sequential.settings().epoch();
        return comparisons.stream().map(c -> {
            if (c.metric() != Metric.TEST_ACCURACY || c.epoch() != epoch) {
                return c;
            }
            var d = sequential.decision(c.dataset(), c.architecture(), c.strategy(), c.condition(), c.baselineLearningRate(),
                    c.candidate());
            return d == null ? c : c.withSequential(d, sequential.level(c.dataset(), c.architecture(), c.strategy(),
                    c.condition(), c.baselineLearningRate()));
        }).toList();
    }

    /** Compares the activations of a run (finished or partial) and replaces its comparisons table with the result. */
    public static List<Comparison> write(ResultStore store, Snapshot snapshot, Analysis.Settings settings) {
        List<Comparison> comparisons = new Analysis(settings).compare(snapshot.observations());
        store.replace(Tables.COMPARISONS, rows(comparisons, settings));
        return comparisons;
    }

    /** The rows of the comparisons table, in its column order. */
    public static List<Object[]> rows(List<Comparison> comparisons, Analysis.Settings settings) {
        return comparisons.stream().map(c -> Tables.COMPARISONS.row(new Row(c, settings, null))).toList();
    }

    /** A comparison as a row; NaN and infinite statistics are stored as null. */
    record Row(Comparison c, Analysis.Settings settings, Integer untrained) implements ComparisonRow {

        private PairedResult s() {
            return c.stats();
        }

        private static Double orNull(double v) {
            return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
        }

        @Override public String dataset() { return c.dataset(); }
        @Override public String architecture() { return c.architecture(); }
        @Override public String strategy() { return c.strategy(); }
        @Override public String stage() { return c.stage(); }
        @Override public Double baselineLearningRate() { return orNull(c.baselineLearningRate()); }
        @Override public Double candidateLearningRate() { return orNull(c.candidateLearningRate()); }
        @Override public Double probImprovement() { return orNull(c.improvement().probability()); }
        @Override public Double probImprovementLow() { return orNull(c.improvement().low()); }
        @Override public Double probImprovementHigh() { return orNull(c.improvement().high()); }
        @Override public int epoch() { return c.epoch(); }
        @Override public String metric() { return c.metric().id(); }
        @Override public boolean higherIsBetter() { return c.metric().higherIsBetter(); }
        @Override public String baseline() { return c.baseline(); }
        @Override public String candidate() { return c.candidate(); }
        @Override public String candidateActivation() { return c.candidateActivation(); }
        @Override public Double candidateAlpha() { return c.candidateAlpha(); }
        @Override public int nPairs() { return s().pairs(); }
        @Override public int nUnpairedBaseline() { return s().unpairedBaseline(); }
        @Override public int nUnpairedCandidate() { return s().unpairedCandidate(); }
        @Override public Integer nUntrained() { return untrained; }
        @Override public Integer nCensored() { return c.censored(); }
        @Override public Double meanBaseline() { return orNull(s().meanBaseline()); }
        @Override public Double meanCandidate() { return orNull(s().meanCandidate()); }
        @Override public Double meanDifference() { return orNull(s().meanDifference()); }
        @Override public Double sdDifference() { return orNull(s().sdDifference()); }
        @Override public Double ciLow() { return orNull(c.interval().low()); }
        @Override public Double ciHigh() { return orNull(c.interval().high()); }
        @Override public double ciLevel() { return c.interval().level(); }
        @Override public String ciMethod() {
            return c.sequential() == null ? settings.ciMethod()
                    : "repeated confidence interval of the sequential design at level 1 - 0.05 / family_size";
        }
        @Override public double margin() { return c.margin(); }
        @Override public Double bootstrapLow() { return orNull(s().ciLow()); }
        @Override public Double bootstrapHigh() { return orNull(s().ciHigh()); }
        @Override public String bootstrapMethod() { return settings.bootstrapMethod(); }
        @Override public Double tStatistic() { return orNull(s().tStatistic()); }
        @Override public Double pValueT() { return orNull(s().pValueT()); }
        @Override public Double pValue() { return orNull(s().pValue()); }
        @Override public Double pValueWilcoxon() { return orNull(s().pValueWilcoxon()); }
        @Override public String wilcoxonMethod() { return s().wilcoxonMethod(); }
        @Override public Double cohensDz() { return orNull(s().cohensDz()); }
        @Override public int familySize() { return c.familySize(); }
        @Override public Double pValueAdjusted() { return orNull(c.interval().pAdjusted()); }
        @Override public Double pValueEquivalence() { return orNull(c.interval().pEquivalence()); }
        @Override public String endpoint() { return c.primary() ? "primary" : "secondary"; }
        @Override public String verdict() { return c.verdict().text(); }
        @Override public boolean negligible() { return c.negligible(); }
        @Override public Double minDetectableDifference() { return orNull(s().minDetectable()); }
        @Override public Integer seedsToDecide() { return c.seedsToDecide(); }
        @Override public Integer seedsUsed() { return c.sequential() == null ? null : c.sequential().seedsUsed(); }
        @Override public Integer stoppedAtLook() { return c.sequential() == null ? null : c.sequential().look(); }
        @Override public String stoppedBecause() { return c.sequential() == null ? null : c.sequential().stop().text(); }
        @Override public String condition() { return c.condition(); }
    }
}

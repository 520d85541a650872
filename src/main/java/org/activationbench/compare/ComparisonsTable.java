package org.activationbench.compare;

import java.util.List;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.stats.PairedResult;

/** The {@code comparisons} table: computed from a run's snapshot and written in place of the previous one. */
public final class ComparisonsTable {

    private ComparisonsTable() {}

    /** Reads a run's tables, compares its activations and replaces its comparisons table with the result. */
    public static ComparedRun write(ResultStore store, GridSpec grid) {
        Snapshot snapshot = Snapshot.load(store, grid.experiment(), grid.render());
        Analysis.Settings settings = Analysis.Settings.forGrid(grid);
        return new ComparedRun(snapshot, settings, write(store, snapshot, settings));
    }

    /** Compares the activations of a run (finished or partial) and replaces its comparisons table with the result. */
    public static List<Comparison> write(ResultStore store, Snapshot snapshot, Analysis.Settings settings) {
        List<Comparison> comparisons = new Analysis(settings).compare(snapshot.observations());
        store.replace(Tables.COMPARISONS, rows(comparisons, settings));
        return comparisons;
    }

    /** The rows of the comparisons table, in its column order; NaN and infinite statistics are stored as null. */
    public static List<Object[]> rows(List<Comparison> comparisons, Analysis.Settings settings) {
        return comparisons.stream().map(c -> row(c, settings)).toList();
    }

    private static Object[] row(Comparison c, Analysis.Settings settings) {
        PairedResult s = c.stats();
        return new Object[] {c.dataset(), c.architecture(), c.strategy(), c.epoch(), c.metric().id(), c.metric().higherIsBetter(),
            c.baseline(), c.candidate(), c.candidateActivation(), c.candidateAlpha(), s.pairs(), s.unpairedBaseline(),
            s.unpairedCandidate(), orNull(s.meanBaseline()), orNull(s.meanCandidate()), orNull(s.meanDifference()),
            orNull(s.sdDifference()), orNull(s.ciLow()), orNull(s.ciHigh()), settings.ciMethod(), orNull(s.tStatistic()),
            orNull(s.pValueT()), orNull(s.pValue()), orNull(s.pValueWilcoxon()), s.wilcoxonMethod(), orNull(s.cohensDz()),
            c.familySize(), orNull(c.pValueHolm()), c.verdict().text(), orNull(s.minDetectable()), c.seedsForPointOne()};
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}

package org.activationbench.report;

import java.util.List;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Snapshot.EpochRow;

/**
 * One setting's conditions as the condition figures query them, at one checkpoint: a row per condition, and per
 * learning rate where a fixed-rate run trains a condition at more than one (a tuned run's rates are chosen per
 * activation within a condition, so its rows are conditions alone).
 *
 * @param epoch    the checkpoint the figures read: the primary endpoint's, or the setting's last where it has no such
 * @param byRate   whether the rows are keyed, and labelled, by learning rate too
 * @param primary  whether {@code epoch} is the primary endpoint's
 */
record ConditionScope(String setting, int epoch, boolean primary, String baseline, boolean byRate) {

    /** A learning rate as the grid file writes it: 0.001, not 1.0E-3 or 0.00100000. */
    private static final String RATE = "rtrim(rtrim(printf('%%.8f', %s), '0'), '.')";

    /** A scope per setting of the run, in the outline's order. */
    static List<ConditionScope> of(ComparedRun run, RunOutline outline, boolean tuned) {
        int primary = run.settings().primary().epoch();
        return outline.settings().stream().map(setting -> {
            List<EpochRow> rows = run.snapshot().epochs().stream().filter(e -> e.setting().equals(setting)).toList();
            boolean atPrimary = rows.stream().anyMatch(e -> e.epoch() == primary);
            // A trial with no runs row yet has no known rate (NaN); its epochs rows carry it, as the queries read.
            boolean byRate = !tuned && rows.stream().mapToDouble(EpochRow::learningRate).filter(r -> !Double.isNaN(r))
                    .distinct().count() > 1;
            return new ConditionScope(setting, atPrimary ? primary : outline.finalEpoch(setting), atPrimary,
                    run.settings().baseline(), byRate);
        }).toList();
    }

    /** The SQL of a row's rate key from a view's learning-rate column; NULL where rows are conditions alone. */
    String rate(String column) {
        return byRate ? column : "CAST(NULL AS DOUBLE)";
    }

    /** The SQL naming a comparisons row's condition, with its learning rate where rows are keyed by rate. */
    static String comparisonLabel(boolean byRate) {
        return byRate ? "condition || ', lr ' || " + RATE.formatted("baseline_learning_rate") : "condition";
    }

    /** The SQL of a row's label from the {@code condition} and {@code rate} columns of {@code alias}. */
    String label(String alias) {
        return byRate ? alias + ".condition || ', lr ' || " + RATE.formatted(alias + ".rate") : alias + ".condition";
    }

    /** The SQL joining a comparisons row {@code c} to a row keyed as above, {@code k}. */
    String sameRate(String rateColumn) {
        return byRate ? " AND c." + rateColumn + " = k.rate" : "";
    }

    String where(String alias) {
        return alias + "." + RunOutline.where(setting);
    }

    String baselineLiteral() {
        return RunOutline.literal(baseline);
    }

    /** How the captions name the checkpoint. */
    String checkpoint() {
        return "epoch " + epoch + (primary ? ", the primary endpoint's" : ", the last checkpoint");
    }
}

package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;
import org.activationbench.results.AttemptRule;

/**
 * The notebook's {@code epochs} view over tables landed by any version of the project: the checkpoints of each
 * trial's chosen attempt, with the inactive-unit columns of earlier versions read as the current ones.
 */
final class EpochsView {

    private EpochsView() {}

    /**
     * The view {@code epochs}: one row per trial and checkpoint. A trial in {@code runs} keeps the checkpoints of the
     * attempt of its runs row. A trial not there yet (running, or cut short by a kill) keeps those its executors handed
     * over while it trained: per checkpoint, the row {@link AttemptRule} picks (an attempt continued from a saved
     * state hands over only the checkpoints after it). Files landed before attempt ids existed keep one row per trial and epoch. The
     * inactive-unit columns are read as {@code inactive} says.
     */
    static String of(String prefix, boolean runs, boolean attemptIds, InactiveColumns inactive) {
        String once = "QUALIFY row_number() OVER (PARTITION BY trial_id, epoch ORDER BY %strain_seconds) = 1";
        if (!attemptIds) {
            return "CREATE VIEW " + prefix + "epochs AS\nSELECT * " + inactive.exclude("") + "REPLACE (coalesce(strategy,"
                    + " 'per-task') AS strategy" + inactive.replace() + "), setting(architecture, strategy) AS setting"
                    + inactive.added() + "\nFROM landed_epochs\n" + once.formatted("");
        }
        String finished = runs ? """
                WHERE NOT EXISTS (SELECT 1 FROM %1$sruns r WHERE r.trial_id = e.trial_id)
                   OR EXISTS (SELECT 1 FROM %1$sruns r WHERE r.trial_id = e.trial_id AND r.attempt_id IS NOT DISTINCT FROM e.attempt_id)
                """.formatted(prefix) : "";
        return """
                CREATE VIEW %sepochs AS
                SELECT * %sREPLACE (coalesce(strategy, 'per-task') AS strategy%s),
                       setting(architecture, strategy) AS setting%s
                FROM (SELECT *, max(epoch) OVER (PARTITION BY trial_id, attempt_id) AS reached FROM landed_epochs) e
                """.formatted(prefix, inactive.exclude("reached"), inactive.replace(), inactive.added()) + finished
                + once.formatted(AttemptRule.CHECKPOINTS_ORDER_SQL + ", ");
    }

    /**
     * How the {@code epochs} view reads the inactive-unit columns: as they are, or from the earlier {@code dead_fraction}
     * where rows landed before them (the mapping of {@code EarlierInactiveUnits}, with the units of the architecture).
     *
     * @param current the landed rows have {@code inactive_fraction} and the columns beside it
     * @param earlier the landed rows have {@code dead_fraction} (the view leaves it and {@code mean_dead_fraction} out)
     */
    static InactiveColumns inactiveColumns(boolean current, boolean earlier) {
        String counts = "inactive_counts(dead_fraction, hidden_units(architecture))";
        String network = "network_fraction(" + counts + ", hidden_units(architecture))";
        if (!earlier) {
            return new InactiveColumns(List.of(), "", "");
        }
        List<String> dropped = List.of("dead_fraction", "mean_dead_fraction");
        if (current) {
            return new InactiveColumns(dropped, ", coalesce(inactive_fraction, dead_fraction) AS inactive_fraction,"
                    + " coalesce(inactive_units, " + counts + ") AS inactive_units,"
                    + " coalesce(network_inactive_fraction, " + network + ") AS network_inactive_fraction", "");
        }
        return new InactiveColumns(dropped, "", ", dead_fraction AS inactive_fraction, " + counts + " AS inactive_units, "
                + network + " AS network_inactive_fraction, CAST(NULL AS INTEGER) AS recovered_units,"
                + " CAST(NULL AS DOUBLE) AS recovered_fraction, CAST(NULL AS INTEGER) AS newly_inactive_units");
    }

    /** SQL fragments of the epochs view: columns left out, columns replaced and columns added (each with its comma). */
    record InactiveColumns(List<String> dropped, String replace, String added) {

        /** {@code EXCLUDE (...) } with {@code first} and the dropped columns; empty if there are none. */
        String exclude(String first) {
            List<String> all = new ArrayList<>();
            if (!first.isEmpty()) {
                all.add(first);
            }
            all.addAll(dropped);
            return all.isEmpty() ? "" : "EXCLUDE (" + String.join(", ", all) + ") ";
        }
    }
}

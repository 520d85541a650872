package org.activationbench.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.activationbench.compare.Metric;
import org.activationbench.model.Architectures;
import org.activationbench.results.AttemptRule;
import org.activationbench.results.Tables;

/**
 * The macros and views the notebook's first cell creates over the landed tables, as SQL: the same statements
 * {@link LandedTables} runs, so that the report's queries and the notebook's read the same views.
 */
final class LandedViews {

    private LandedViews() {}

    private static String read(String table, String experiment) {
        return "read_parquet('" + LandedTables.RESULTS + "/" + table + "/*/*.parquet', hive_partitioning = true) WHERE experiment = '"
                + experiment.replace("'", "''") + "'";
    }

    static List<String> setup(List<String> tables, String experiment) {
        return setup(tables, experiment, false);
    }

    static List<String> setup(List<String> tables, String experiment, boolean tuned) {
        return setup(tables, experiment, tuned, List.of());
    }

    static List<String> setup(List<String> tables, String experiment, boolean tuned, List<String> leftOut) {
        String without = leftOut.isEmpty() ? "" : " AND trial_id NOT IN (" + leftOut.stream()
                .map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(", ")) + ")";
        // A tuned grid's views of every stage get the prefix; the plain names then select the confirmation.
        String all = tuned ? "all_" : "";
        List<String> sql = new ArrayList<>(List.of(
                "CREATE MACRO setting(architecture, strategy) AS CASE WHEN coalesce(strategy, 'per-task') = 'per-task'"
                        + " THEN architecture ELSE architecture || ' · ' || strategy END",
                // Settings sort by architecture, its number read as a number (mlp-deep-2, -4, ..., -32), then strategy,
                // as RunOutline.SETTING_ORDER does.
                "CREATE MACRO setting_order(setting) AS [regexp_replace(string_split(setting, ' · ')[1], '[0-9]+', '', 'g'),"
                        + " lpad(regexp_extract(string_split(setting, ' · ')[1], '[0-9]+'), 9, '0'), setting]",
                // Rounded half up from the shortest decimal that reads back as the double, as Java's Formatter does,
                // so the tables read as they did when Java formatted them (C's printf would round 1.5625 to 1.562).
                // 24 decimals hold every digit of that decimal down to 1e-7, for values below 1e14.
                "CREATE MACRO half_up(x, decimals) AS round(CAST(CAST(abs(x) AS VARCHAR) AS DECIMAL(38, 24)), decimals)",
                "CREATE MACRO fixed(x, decimals) AS coalesce(CASE WHEN x < 0 THEN '-' ELSE '' END"
                        + " || printf('%.' || decimals || 'f', half_up(x, decimals)), '–')",
                "CREATE MACRO signed(x, decimals) AS coalesce(CASE WHEN x < 0 THEN '-' ELSE '+' END"
                        + " || printf('%.' || decimals || 'f', half_up(x, decimals)), '–')",
                "CREATE MACRO percent(x) AS CASE WHEN x IS NULL THEN '–' ELSE fixed(100 * x, 2) || '%' END",
                "CREATE MACRO points(x) AS signed(100 * x, 3)",
                "CREATE MACRO pairs(n, unpaired_baseline, unpaired_candidate) AS n || CASE WHEN unpaired_baseline"
                        + " + unpaired_candidate > 0 THEN ' (+' || (unpaired_baseline + unpaired_candidate) || ' unpaired)'"
                        + " ELSE '' END",
                "CREATE MACRO distinct_text(texts) AS array_to_string(list_sort(list_distinct(texts)), ', ')",
                "CREATE MACRO pvalue(p) AS CASE WHEN p IS NULL THEN '–' WHEN p < 0.001 THEN printf('%.1e', p)"
                        + " ELSE fixed(p, 3) END",
                "CREATE MACRO seconds_and_hours(s) AS fixed(s, 1) || ' s (' || fixed(s / 3600, 2) || ' h)'",
                "CREATE MACRO metric_label(metric) AS CASE metric "
                        + Arrays.stream(Metric.values()).map(m -> "WHEN '" + m.id() + "' THEN '" + m.label().replace("'", "''") + "'")
                                .collect(Collectors.joining(" ")) + " END",
                // The units of an architecture's hidden layers, as Architectures builds them: to weight the per-layer
                // inactive fractions of rows landed before network_inactive_fraction existed (EarlierInactiveUnits).
                "CREATE MACRO hidden_units(architecture) AS CASE WHEN architecture = 'mlp' THEN "
                        + Architectures.hiddenUnits("mlp") + " WHEN architecture = 'cnn' THEN " + Architectures.hiddenUnits("cnn")
                        + " ELSE list_transform(range(TRY_CAST(regexp_extract(architecture, '^mlp-deep-([0-9]+)$', 1) AS INTEGER)),"
                        + " i -> " + Architectures.DEEP_UNITS + ") END",
                "CREATE MACRO inactive_counts(fractions, units) AS list_transform(range(1, len(fractions) + 1),"
                        + " i -> CAST(round(CAST(fractions[i] AS DOUBLE) * CAST(units[i] AS DOUBLE)) AS INTEGER))",
                "CREATE MACRO network_fraction(counts, units) AS CAST(list_sum(counts) AS DOUBLE) / CAST(list_sum(units) AS DOUBLE)",
                "CREATE MACRO metric_order(metric) AS list_position(["
                        + Arrays.stream(Metric.values()).map(m -> "'" + m.id() + "'").collect(Collectors.joining(", ")) + "], metric)"));
        // The files as they are; landedViews adds the columns added since they landed, and the view runs.
        if (tables.contains("runs")) {
            sql.add("CREATE VIEW landed_run_files AS SELECT * FROM " + read("runs", experiment) + without);
        }
        if (tables.contains("epochs")) {
            // Every epochs row landed, streamed checkpoints of running trials included; the view epochs chooses from it.
            sql.add("CREATE VIEW landed_epoch_files AS SELECT * FROM " + read("epochs", experiment) + without);
        }
        if (tables.contains("comparisons")) {
            sql.add("""
                    CREATE VIEW %scomparisons AS
                    SELECT *, setting(architecture, strategy) AS setting
                    FROM %s""".formatted(all, read("comparisons", experiment)));
        }
        if (tables.contains("learning_rates")) {
            sql.add("CREATE VIEW learning_rates AS SELECT * FROM " + read("learning_rates", experiment));
        } else if (tuned) {
            // No rate chosen yet: the table's columns, no row.
            sql.add(EarlierColumns.empty("learning_rates", Tables.LEARNING_RATES));
        }
        return List.copyOf(sql);
    }

    /**
     * {@code landed_runs} and {@code landed_epochs}: every row of the files, with the columns added since they landed
     * as typed NULLs ({@link EarlierColumns}); then {@code runs}, one row per trial: a killed and resumed run can hold a
     * trial twice until it is compacted, so it keeps its best attempt ({@link AttemptRule}),
     * and the epochs view ({@link EpochsView}) keeps that attempt's checkpoints.
     */
    static List<String> landedViews(Statement s, boolean tuned) throws SQLException {
        List<String> sql = new ArrayList<>();
        if (hasTable(s, "landed_run_files")) {
            String upgrade = EarlierColumns.upgrade(s, "landed_runs", "landed_run_files", Tables.RUNS);
            sql.add(upgrade != null ? upgrade : "CREATE VIEW landed_runs AS SELECT * FROM landed_run_files");
            sql.add("""
                    CREATE VIEW %sruns AS
                    SELECT * REPLACE (coalesce(strategy, 'per-task') AS strategy), setting(architecture, strategy) AS setting
                    FROM landed_runs
                    QUALIFY row_number() OVER (PARTITION BY trial_id ORDER BY %s) = 1"""
                    .formatted(tuned ? "all_" : "", AttemptRule.RUNS_ORDER_SQL));
        }
        if (hasTable(s, "landed_epoch_files")) {
            String upgrade = EarlierColumns.upgrade(s, "landed_epochs", "landed_epoch_files", Tables.EPOCHS);
            sql.add(upgrade != null ? upgrade : "CREATE VIEW landed_epochs AS SELECT * FROM landed_epoch_files");
        }
        return sql;
    }

    /**
     * The views made once the tables' columns are known: {@code epochs} and {@code unfinished} (in a tuned grid
     * {@code all_epochs}, and its plain views then its confirmation), and {@code curve}.
     */
    static List<String> viewsOfColumns(Statement s, boolean tuned) throws SQLException {
        String all = tuned ? "all_" : "";
        boolean runs = hasTable(s, all + "runs");
        List<String> sql = new ArrayList<>();
        if (hasTable(s, "landed_epochs")) {
            sql.add(EpochsView.of(all, runs, hasColumn(s, "landed_epoch_files", "attempt_id"),
                    EpochsView.inactiveColumns(hasColumn(s, "landed_epochs", "inactive_fraction"),
                            hasColumn(s, "landed_epoch_files", "dead_fraction"))));
            sql.add(unfinishedView(all, runs));
            if (tuned && runs) {
                sql.addAll(confirmation(hasTable(s, "all_comparisons")));
            }
        }
        return sql;
    }

    /**
     * The view {@code unfinished}: trials with checkpoints in {@code epochs} but no runs row yet (running, or cut short
     * by a kill; {@code run --resume} runs them again), with the last checkpoint each reached.
     */
    static String unfinishedView(String prefix, boolean runs) {
        return """
                CREATE VIEW unfinished AS
                SELECT trial_id, setting, activation_label, seed, max(epoch) AS last_checkpoint
                FROM %sepochs%s
                GROUP BY trial_id, setting, activation_label, seed""".formatted(prefix,
                runs ? " WHERE trial_id NOT IN (SELECT trial_id FROM " + prefix + "runs)" : "");
    }

    /**
     * The view {@code curve}: test loss and accuracy of every trial after every epoch trained, from the runs' per-epoch
     * lists; trials landed before those lists existed contribute their checkpoint epochs only.
     */
    static String curveView(boolean perEpochLists, boolean epochs) {
        String columns = "trial_id, setting, activation, alpha, activation_label, seed, epoch, test_loss, test_accuracy";
        String fromCheckpoints = "SELECT " + columns + " FROM epochs";
        if (!perEpochLists) {
            return epochs ? "CREATE VIEW curve AS\n" + fromCheckpoints : null;
        }
        String fromLists = """
                SELECT trial_id, setting, activation, alpha, activation_label, seed,
                       unnest(range(1, len(test_accuracy_by_epoch) + 1)) AS epoch,
                       unnest(test_loss_by_epoch) AS test_loss, unnest(test_accuracy_by_epoch) AS test_accuracy
                FROM runs WHERE test_accuracy_by_epoch IS NOT NULL""";
        return "CREATE VIEW curve AS\n" + fromLists + (epochs ? "\nUNION ALL\n" + fromCheckpoints
                + " WHERE trial_id NOT IN (SELECT trial_id FROM runs WHERE test_accuracy_by_epoch IS NOT NULL)" : "");
    }

    static boolean hasTable(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    /**
     * The views of a tuned grid's confirmation: the rates chosen, as {@code learning_rates} stores them (per dataset,
     * architecture, strategy, condition and activation label), the trials on the confirmation seeds at those rates,
     * their checkpoints, and the comparisons of stage tuned.
     */
    private static List<String> confirmation(boolean comparisons) {
        List<String> sql = new ArrayList<>(List.of("""
                CREATE VIEW chosen_rates AS
                SELECT dataset, architecture, strategy, condition, activation_label, learning_rate
                FROM learning_rates WHERE chosen""",
                // A runs row landed before runs.condition existed is named by its optimizer and weight init, as the
                // comparisons name it.
                """
                CREATE VIEW runs AS
                SELECT r.* FROM all_runs r JOIN chosen_rates c
                    ON r.dataset = c.dataset AND r.architecture = c.architecture AND r.strategy = c.strategy
                   AND coalesce(r.condition, r.optimizer || ', ' || r.weight_init) = c.condition
                   AND r.activation_label = c.activation_label AND r.learning_rate = c.learning_rate
                WHERE coalesce(r.stage, 'fixed') <> 'tuning'""", """
                CREATE VIEW epochs AS
                SELECT * FROM all_epochs WHERE trial_id IN (SELECT trial_id FROM runs)"""));
        if (comparisons) {
            sql.add("""
                    CREATE VIEW comparisons AS
                    SELECT * FROM all_comparisons WHERE stage = 'tuned'""");
        }
        return sql;
    }
}

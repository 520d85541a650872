package org.activationbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activationbench.compare.Metric;
import org.activationbench.model.Architectures;
import org.activationbench.results.Tables;

/**
 * A DuckDB session over the Parquet tables of one output folder: the same macros and views the notebook's first
 * cell creates, so that every query the report runs is the query the notebook shows.
 */
final class LandedTables implements AutoCloseable {

    /** Where the notebook's first cell puts the output folder; {@link #setup} replaces it by the folder's path. */
    static final String RESULTS = "{RESULTS}";

    private final Connection connection;
    private final List<String> setup;


    /**
     * @param folder     the output folder on this machine
     * @param experiment the partition of the tables to read
     */
    LandedTables(Path folder, String experiment) {
        this(folder, experiment, false);
    }

    /**
     * @param tuned the run is a {@code protocol = tuned} grid: {@code runs}, {@code epochs} and {@code comparisons} are
     *              then its confirmation (each activation at its chosen rate), and {@code all_runs}, {@code all_epochs}
     *              and {@code all_comparisons} hold every stage
     */
    LandedTables(Path folder, String experiment, boolean tuned) {
        this(folder, experiment, tuned, List.of());
    }

    /**
     * @param leftOut trials in the tables that the grid no longer lists (a resumed run of an edited grid): the views
     *                {@code runs} and {@code epochs} leave them out, as the comparisons do
     */
    LandedTables(Path folder, String experiment, boolean tuned, List<String> leftOut) {
        List<String> statements = new ArrayList<>(setup(present(folder), experiment, tuned, leftOut));
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql.replace(RESULTS, folder.toAbsolutePath().toString()));
                }
                for (String sql : landedViews(s, tuned)) {
                    s.execute(sql);
                    statements.add(sql);
                }
                for (String sql : viewsOfColumns(s, tuned)) {
                    s.execute(sql);
                    statements.add(sql);
                }
                String curve = curveView(hasColumn(s, "landed_run_files", "test_accuracy_by_epoch"), hasTable(s, "epochs"));
                if (curve != null) {
                    s.execute(curve);
                    statements.add(curve);
                }
            }
            this.setup = List.copyOf(statements);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the tables under " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The statements of the notebook's first cell, with {@link #RESULTS} where the output folder goes. */
    List<String> setup() {
        return setup;
    }

    /** Whether a view has a column: tables landed by an earlier version lack the columns added since. */
    boolean has(String table, String column) {
        try (Statement s = connection.createStatement()) {
            String files = "landed_" + table.replace("epochs", "epoch").replace("runs", "run") + "_files";
            return hasColumn(s, List.of("runs", "epochs").contains(table) && hasTable(s, files) ? files : table, column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query; the values come back as JDBC returns them (null for SQL NULL). */
    Rows query(String sql) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return new Rows(columns, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("report query failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables that have landed files: a view over a glob that matches nothing would not even be created. */
    private static List<String> present(Path folder) {
        return Stream.of("runs", "epochs", "comparisons").filter(t -> hasParquet(folder.resolve(t))).toList();
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String table, String experiment) {
        return "read_parquet('" + RESULTS + "/" + table + "/*/*.parquet', hive_partitioning = true) WHERE experiment = '"
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
        return List.copyOf(sql);
    }

    /**
     * {@code landed_runs} and {@code landed_epochs}: every row of the files, with the columns added since they landed
     * as typed NULLs ({@link EarlierColumns}); then {@code runs}, one row per trial: a killed and resumed run can hold a
     * trial twice until it is compacted, so it keeps its best attempt (a final status over FAILED, then the latest),
     * and the epochs view ({@link #epochsView}) keeps that attempt's checkpoints.
     */
    private static List<String> landedViews(Statement s, boolean tuned) throws SQLException {
        List<String> sql = new ArrayList<>();
        if (hasTable(s, "landed_run_files")) {
            String upgrade = EarlierColumns.upgrade(s, "landed_runs", "landed_run_files", Tables.RUNS);
            sql.add(upgrade != null ? upgrade : "CREATE VIEW landed_runs AS SELECT * FROM landed_run_files");
            sql.add("""
                    CREATE VIEW %sruns AS
                    SELECT * REPLACE (coalesce(strategy, 'per-task') AS strategy), setting(architecture, strategy) AS setting
                    FROM landed_runs
                    QUALIFY row_number() OVER (PARTITION BY trial_id
                                               ORDER BY status IN ('OK', 'DIVERGED') DESC, finished_at DESC) = 1"""
                    .formatted(tuned ? "all_" : ""));
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
    private static List<String> viewsOfColumns(Statement s, boolean tuned) throws SQLException {
        String all = tuned ? "all_" : "";
        boolean runs = hasTable(s, all + "runs");
        List<String> sql = new ArrayList<>();
        if (hasTable(s, "landed_epochs")) {
            sql.add(epochsView(all, runs, hasColumn(s, "landed_epoch_files", "attempt_id"),
                    inactiveColumns(hasColumn(s, "landed_epochs", "inactive_fraction"),
                            hasColumn(s, "landed_epoch_files", "dead_fraction"))));
            sql.add(unfinishedView(all, runs));
            if (tuned && runs) {
                sql.addAll(hasTable(s, "all_comparisons") ? confirmation() : List.of(
                        // No comparison yet, so no rate chosen: the confirmation is empty.
                        "CREATE VIEW runs AS SELECT * FROM all_runs WHERE false",
                        "CREATE VIEW epochs AS SELECT * FROM all_epochs WHERE false"));
            }
        }
        return sql;
    }

    /**
     * The view {@code epochs}: one row per trial and checkpoint. A trial in {@code runs} keeps the checkpoints of the
     * attempt of its runs row. A trial not there yet (running, or cut short by a kill) keeps those its executors handed
     * over while it trained: per checkpoint, the row of the attempt that got furthest of those that reached it (an
     * attempt continued from a saved state hands over only the checkpoints after it; the numbers of every attempt
     * agree, as trials are deterministic). Files landed before attempt ids existed keep one row per trial and epoch. The
     * inactive-unit columns are read as {@code inactive} says.
     */
    static String epochsView(String prefix, boolean runs, boolean attemptIds, InactiveColumns inactive) {
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
                + once.formatted("reached DESC, attempt_id, ");
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

    private static boolean hasTable(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    /**
     * The views of a tuned grid's confirmation: the rates chosen (as the comparisons recorded them), the trials on the
     * confirmation seeds at those rates, their checkpoints, and the comparisons of stage tuned.
     */
    private static List<String> confirmation() {
        return List.of("""
                CREATE VIEW chosen_rates AS
                SELECT DISTINCT dataset, architecture, strategy, baseline AS activation_label,
                       baseline_learning_rate AS learning_rate
                FROM all_comparisons WHERE stage = 'tuned'
                UNION
                SELECT DISTINCT dataset, architecture, strategy, candidate, candidate_learning_rate
                FROM all_comparisons WHERE stage = 'tuned'""", """
                CREATE VIEW runs AS
                SELECT r.* FROM all_runs r JOIN chosen_rates c
                    ON r.dataset = c.dataset AND r.architecture = c.architecture AND r.strategy = c.strategy
                   AND r.activation_label = c.activation_label AND r.learning_rate = c.learning_rate
                WHERE coalesce(r.stage, 'fixed') <> 'tuning'""", """
                CREATE VIEW epochs AS
                SELECT * FROM all_epochs WHERE trial_id IN (SELECT trial_id FROM runs)""", """
                CREATE VIEW comparisons AS
                SELECT * FROM all_comparisons WHERE stage = 'tuned'""");
    }

    /** A query's result: column labels and rows of values. */
    record Rows(List<String> columns, List<List<Object>> rows) {

        int size() {
            return rows.size();
        }

        String string(int row, String column) {
            Object v = rows.get(row).get(index(column));
            return v == null ? null : v.toString();
        }

        double number(int row, String column) {
            Object v = rows.get(row).get(index(column));
            return v == null ? Double.NaN : ((Number) v).doubleValue();
        }

        /** Every value rendered as the notebook's DataFrame shows a string column (JDBC's text of the value). */
        List<List<String>> strings() {
            return rows.stream().map(r -> r.stream().map(v -> v == null ? "–" : v.toString()).toList()).toList();
        }

        private int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + columns);
            }
            return i;
        }
    }
}

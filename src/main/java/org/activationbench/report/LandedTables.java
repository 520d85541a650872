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
import java.util.List;
import java.util.stream.Stream;

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
     *              then its confirmation (each activation at the rate stored in {@code learning_rates}), and
     *              {@code all_runs}, {@code all_epochs} and {@code all_comparisons} hold every stage
     */
    LandedTables(Path folder, String experiment, boolean tuned) {
        this(folder, experiment, tuned, List.of());
    }

    /**
     * @param leftOut trials in the tables that the grid no longer lists (a resumed run of an edited grid): the views
     *                {@code runs} and {@code epochs} leave them out, as the comparisons do
     */
    LandedTables(Path folder, String experiment, boolean tuned, List<String> leftOut) {
        List<String> statements = new ArrayList<>(LandedViews.setup(present(folder), experiment, tuned, leftOut));
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql.replace(RESULTS, folder.toAbsolutePath().toString()));
                }
                for (String sql : LandedViews.landedViews(s, tuned)) {
                    s.execute(sql);
                    statements.add(sql);
                }
                for (String sql : LandedViews.viewsOfColumns(s, tuned)) {
                    s.execute(sql);
                    statements.add(sql);
                }
                String curve = LandedViews.curveView(LandedViews.hasColumn(s, "landed_run_files", "test_accuracy_by_epoch"),
                        LandedViews.hasTable(s, "epochs"));
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
            boolean landed = List.of("runs", "epochs").contains(table) && LandedViews.hasTable(s, files);
            return LandedViews.hasColumn(s, landed ? files : table, column);
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
        return Stream.of("runs", "epochs", "comparisons", "learning_rates").filter(t -> hasParquet(folder.resolve(t))).toList();
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

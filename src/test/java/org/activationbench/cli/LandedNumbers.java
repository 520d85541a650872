package org.activationbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The numbers a run's tables hold, read with DuckDB from the data files a reader takes (names not starting with '_'
 * or '.'): one line per runs row and per epochs row, ordered, with every value as Java prints it (bit for bit). Each
 * file is read, so a file that is not whole Parquet fails the read.
 */
record LandedNumbers(List<String> runs, List<String> epochs) {

    private static final String RUNS = "trial_id, status, epochs_completed, train_loss, train_accuracy, test_loss,"
            + " test_accuracy, test_loss_by_epoch, test_accuracy_by_epoch";
    private static final String EPOCHS = "trial_id, epoch, train_loss, train_accuracy, test_loss, test_accuracy,"
            + " dead_fraction, gradient_norm";

    static LandedNumbers of(Path output, String experiment) {
        return new LandedNumbers(rows(files(output, "runs", experiment), RUNS, "trial_id"),
                rows(files(output, "epochs", experiment), EPOCHS, "trial_id, epoch"));
    }

    static List<Path> files(Path output, String table, String experiment) {
        Path dir = output.resolve(table).resolve("experiment=" + experiment);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> rows(List<Path> files, String columns, String order) {
        List<String> rows = new ArrayList<>();
        if (files.isEmpty()) {
            return rows;
        }
        String list = files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT " + columns + " FROM read_parquet([" + list + "]) ORDER BY " + order)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    b.append(v instanceof java.sql.Array a ? java.util.Arrays.deepToString((Object[]) a.getArray()) : v).append('|');
                }
                rows.add(b.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + files + ": " + e.getMessage(), e);
        }
        return rows;
    }
}

package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of 300 examples and one epoch, typed as a user would: {@code --ui} prints the address of Spark's web UI, on
 * 127.0.0.1 only; no trial reaches 97% test accuracy, and the report and the comparisons say "not reached" instead of a
 * speed made of lower bounds; a grid whose trial diverges exits 0.
 */
class TinyRunTest {

    private static final String GRID = """
            experiment = "tiny"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01], epochs = [1], seeds = 2 }
            data.train-examples = 300
            """;

    @TempDir
    static Path dir;

    static Path out;
    static CommandRun run;

    @BeforeAll
    static void runTheGrid() throws IOException {
        Path grid = Files.writeString(dir.resolve("tiny.conf"), GRID);
        out = dir.resolve("out");
        run = CommandRun.of("run", grid.toString(), "--output", out.toString(), "--master", "local[2]", "--ui");
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void theUiAddressIsPrintedWhenAskedAndIsOnLoopback() {
        Matcher address = Pattern.compile("Spark web UI: (http://([^:/\\s]+):(\\d+))").matcher(run.err());
        assertTrue(address.find(), run.err());
        assertEquals("127.0.0.1", address.group(2), "the UI serves the driver's loopback address only: " + address.group(1));
        CommandRun report = CommandRun.of("report", "--output", out.toString());
        assertEquals(0, report.code(), report.err());
        assertFalse((report.out() + report.err()).contains("Spark web UI"), "no UI unless asked: " + report.err());
    }

    /** A trial that diverged ran, and its row says so: run exits 0, as train does (OneSetOfChecksTest). */
    @Test
    void aDivergedTrialIsARunThatSucceeded() throws Exception {
        Path grid = Files.writeString(dir.resolve("diverging.conf"), """
                experiment = "diverging"
                dataset = mnist
                grid { architectures = [mlp], activations = [elu], epochs = [1], seeds = 1 }
                training { optimizer = nesterovs, learning-rate = 10, batch-size = 50, weight-init = he }
                data.train-examples = 500
                analysis.baseline = elu
                """);
        Path diverging = dir.resolve("diverging");
        CommandRun r = CommandRun.of("run", grid.toString(), "--output", diverging.toString(), "--master", "local[1]",
                "--no-report");
        assertTrue(r.out().contains("OK 0, DIVERGED 1, FAILED 0"), r.out());
        assertEquals(0, r.code(), r.err());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet rows = s.executeQuery("SELECT status FROM read_parquet('" + diverging
                        + "/runs/*/*.parquet', hive_partitioning = true)")) {
            assertTrue(rows.next());
            assertEquals("DIVERGED", rows.getString("status"));
        }
    }

    @Test
    void aSpeedNoTrialReachedIsNotReachedNotANumber() throws Exception {
        String conclusion = Files.readString(out.resolve("report/report.ipynb"));
        assertTrue(conclusion.contains("converges faster\\\"*: mlp, leakyrelu(0.01): not reached (none of the 4 trials of"
                + " the pairs reached 97% test accuracy by epoch 1: no speed to compare)"), conclusion);
        assertFalse(conclusion.contains("2.00 vs 2.00 epochs to 97%"), "the lower bounds read as speeds");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT verdict, n_censored, n_pairs, mean_baseline FROM read_parquet('" + out
                        + "/comparisons/*/*.parquet', hive_partitioning = true) WHERE metric = 'epochs_to_97'")) {
            assertTrue(r.next(), "an epochs_to_97 comparison");
            assertEquals("not reached", r.getString("verdict"));
            assertEquals(4, r.getInt("n_censored"));
            assertEquals(2, r.getInt("n_pairs"));
            assertEquals(2.0, r.getDouble("mean_baseline"), "the lower bound the trials count at: epoch 1 + 1");
        }
    }
}

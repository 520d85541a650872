package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.train.Vocabularies;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run grown on --resume by an edited grid ends with the tables of the grown grid run from scratch. */
class GrownRunTest {

    private static final String GRID = """
            experiment = "grown"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1] }
            data.train-examples = 300
            """;

    /** Columns that depend on when and where a trial ran, not on what it computed. */
    private static final List<String> CIRCUMSTANCES = List.of("attempt_id", "train_seconds", "all_train_seconds",
            "task_seconds", "started_at", "finished_at", "executor_host", "native_threads", "task_attempt",
            "examples_per_second", "worker_fit_seconds");

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("grown-run-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static GridSpec grid(String seeds) {
        return new GridParser(Vocabularies.standard()).parse("test", GRID + "grid.seeds = " + seeds + "\n");
    }

    private static GridDriver.Summary run(GridSpec grid, Path out, boolean resume, ByteArrayOutputStream console) {
        return new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data")).resume(resume)
                .afterGrid((store, g, output) -> ComparisonsTable.write(store, g)).build(),
                new PrintStream(console, true, StandardCharsets.UTF_8)).run(spark);
    }

    /** Every row of a table, keyed by its trial (and epoch or comparison), without the circumstances of its run. */
    private static Map<String, String> rows(Path out, String table, String... key) {
        Dataset<Row> rows = new ResultStore(spark, out.toString(), "grown").read(
                table.equals("runs") ? Tables.RUNS : table.equals("epochs") ? Tables.EPOCHS : Tables.COMPARISONS);
        List<String> columns = Arrays.stream(rows.columns()).filter(c -> !CIRCUMSTANCES.contains(c)).toList();
        Map<String, String> byKey = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            StringBuilder k = new StringBuilder();
            for (String c : key) {
                k.append(String.valueOf((Object) r.getAs(c))).append('/');
            }
            StringBuilder v = new StringBuilder();
            for (String c : columns) {
                v.append(c).append('=').append(String.valueOf((Object) r.getAs(c))).append(' ');
            }
            assertTrue(byKey.put(k.toString(), v.toString()) == null, "one row per key in " + table + ": " + k);
        }
        return byKey;
    }

    @Test
    void growingFiveSeedsToTenRetrainsOnlyTheNewOnesAndEndsAsTenFromScratch() throws Exception {
        Path grown = dir.resolve("grown");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertEquals(10, run(grid("[4, 3, 2, 1, 0]"), grown, false, first).ok());
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        GridDriver.Summary more = run(grid("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"), grown, true, second);
        assertEquals(10, more.skipped(), "the five seeds of both activations are reused");
        assertEquals(10, more.ok(), "only the five new seeds of both activations train");
        assertTrue(second.toString(StandardCharsets.UTF_8).contains(
                "resume: 10 landed trial(s) reused, 10 of the grid's trials not landed yet"), second.toString());
        assertEquals(grid("10").render(), Files.readString(grown.resolve(OutputFolder.GRID_FILE)),
                "the stored grid is the grown one");

        Path scratch = dir.resolve("scratch");
        assertEquals(20, run(grid("10"), scratch, false, new ByteArrayOutputStream()).ok());
        assertEquals(rows(scratch, "runs", "trial_id"), rows(grown, "runs", "trial_id"));
        assertEquals(rows(scratch, "epochs", "trial_id", "epoch"), rows(grown, "epochs", "trial_id", "epoch"));
        Map<String, String> comparisons = rows(scratch, "comparisons", "epoch", "metric", "candidate");
        assertEquals(6, comparisons.size());
        assertEquals(comparisons, rows(grown, "comparisons", "epoch", "metric", "candidate"));

        // Narrowed back to seeds 0-7: nothing trains, seeds 8 and 9 stay in the tables and leave the comparisons.
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        GridDriver.Summary fewer = run(grid("8"), grown, true, third);
        assertEquals(16, fewer.skipped());
        assertEquals(0, fewer.ok());
        String said = third.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("4 landed trial(s) no longer in the grid") && said.contains("mlp relu lr 0.001 seed 9")
                && said.contains("mlp leakyrelu(0.1) lr 0.001 seed 8"), said);
        ResultStore store = new ResultStore(spark, grown.toString(), "grown");
        assertEquals(20, store.read(Tables.RUNS).count());
        assertTrue(store.read(Tables.COMPARISONS).collectAsList().stream().allMatch(r -> r.<Integer>getAs("n_pairs") == 8));
    }

    @Test
    void aResumeThatChangesFinishedTrialsIsRefusedNamingTheKeys() {
        Path out = dir.resolve("out");
        run(grid("[0]"), out, false, new ByteArrayOutputStream());
        GridSpec longer = new GridParser(Vocabularies.standard()).parse("test",
                GRID + "grid.seeds = [0, 1]\ngrid.epochs = [1, 2]\n");
        RefusedException e = assertThrows(RefusedException.class,
                () -> run(longer, out, true, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("grid.epochs was [1], now [1,2]"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--resume " + out), e.getMessage());
    }
}

package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.activationbench.cli.Main;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.results.TrialRecord;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.Vocabularies;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid pipeline end to end in local[2] on a 1,000-example MNIST subset. */
class GridDriverTest {

    static final String GRID = """
            experiment = "e2e"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2], seeds = 2 }
            data.train-examples = 1000
            """;

    private static SparkSession spark;
    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("grid-driver-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static GridSpec grid(String text) {
        return new GridParser(Vocabularies.standard()).parse("test", text);
    }

    private GridDriver driver(Path out, boolean resume, boolean overwrite) {
        return new GridDriver(grid(GRID), RunOptions.builder(out.toString(), Path.of("data")).resume(resume)
                .overwrite(overwrite).afterGrid((store, grid, output) -> ComparisonsTable.write(store, grid)).build(), console);
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void landsEveryTrialOnceInParquetThatSparkAndDuckDbRead() throws Exception {
        Path out = dir.resolve("out");
        GridDriver.Summary summary = driver(out, false, false).run(spark);
        assertEquals(4, summary.ok());
        ResultStore store = new ResultStore(spark, out.toString(), "e2e");

        List<Row> runs = store.read(Tables.RUNS).collectAsList();
        assertEquals(4, runs.size());
        assertEquals(4, runs.stream().map(r -> r.getString(0)).distinct().count());
        assertEquals(8, store.read(Tables.EPOCHS).count());
        assertEquals(8, store.read(Tables.EPOCHS).select("trial_id", "epoch").distinct().count());
        assertEquals(resource("/schemas/runs.txt"), spark.read().parquet(out.resolve("runs").toString()).schema().treeString());
        assertEquals(resource("/schemas/epochs.txt"), spark.read().parquet(out.resolve("epochs").toString()).schema().treeString());
        assertEquals(resource("/schemas/comparisons.txt"),
                spark.read().parquet(out.resolve("comparisons").toString()).schema().treeString());
        // leakyrelu(0.1) against relu: 2 checkpoints x 6 metrics
        assertEquals(12, store.read(Tables.COMPARISONS).count());

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            String runsGlob = "read_parquet('" + out + "/runs/*/*.parquet', hive_partitioning = true)";
            String epochsGlob = "read_parquet('" + out + "/epochs/*/*.parquet', hive_partitioning = true)";
            assertEquals(4, count(duck, "SELECT count(*) FROM " + runsGlob + " WHERE experiment = 'e2e' AND status = 'OK'"));
            assertEquals(2, count(duck, "SELECT count(*) FROM " + runsGlob + " WHERE alpha = 0.1"));
            assertEquals(8, count(duck, "SELECT count(*) FROM " + epochsGlob + " e JOIN " + runsGlob
                    + " r USING (trial_id) WHERE e.test_accuracy > 0.5 AND len(e.inactive_fraction) = len(r.hidden_layers)"
                    + " AND r.hidden_units = [256, 128] AND e.dead_fraction IS NULL"
                    + " AND e.network_inactive_fraction = list_sum(e.inactive_units) / 384"
                    + " AND (e.epoch = 1) = (e.recovered_units IS NULL)"));
            // Timestamps are INT64 microseconds, not the legacy INT96.
            assertEquals(1, count(duck, "SELECT count(*) FROM parquet_schema('" + out
                    + "/runs/*/*.parquet') WHERE name = 'started_at' AND type = 'INT64'"));
        }
    }

    @Test
    void refusesAnOutputThatHoldsARunUnlessToldWhatToDo() {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        RefusedException e = assertThrows(RefusedException.class, () -> driver(out, false, false).run(spark));
        assertTrue(e.getMessage().contains("already holds a run; pass --resume to finish it or --overwrite to replace it"));
        GridDriver.Summary again = driver(out, false, true).run(spark);
        assertEquals(4, again.ok());
        assertEquals(4, new ResultStore(spark, out.toString(), "e2e").read(Tables.RUNS).count());
    }

    /** A partial run as a killed driver leaves it: two trials landed OK, one FAILED, one missing. */
    @Test
    void resumeRunsOnlyMissingAndFailedTrialsAndLeavesOneRowPerTrial() {
        Path out = dir.resolve("out");
        GridSpec grid = grid(GRID);
        new OutputFolder(out.toString(), new org.apache.hadoop.conf.Configuration()).storeGrid(grid.render());
        ResultStore store = new ResultStore(spark, out.toString(), "e2e");
        List<TrialConfig> trials = grid.trials();
        TrialRunner runner = new TrialRunner();
        var mnist = DatasetCache.get(Path.of("data"), DatasetSpec.MNIST);
        Map<String, Double> accuracyBefore = new java.util.HashMap<>();
        for (TrialConfig t : trials.subList(0, 2)) {
            TrialResult r = runner.run(t, mnist);
            accuracyBefore.put(t.trialId(), r.last().testAccuracy());
            store.land(List.of(new TrialRecord(r, Provenance.current(), 1.0, 0)));
        }
        TrialResult failed = TrialRunner.failed(trials.get(2), new IllegalStateException("executor lost"), Instant.now());
        store.land(List.of(new TrialRecord(failed, Provenance.current(), 1.0, 0)));

        GridDriver.Summary summary = driver(out, true, false).run(spark);
        assertEquals(2, summary.skipped());
        assertEquals(2, summary.ok());

        List<Row> runs = store.read(Tables.RUNS).collectAsList();
        assertEquals(4, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.getAs("status").equals("OK")));
        assertEquals(8, store.read(Tables.EPOCHS).count());
        Map<String, Double> accuracyAfter = runs.stream()
                .collect(Collectors.toMap(r -> r.getAs("trial_id"), r -> r.<Double>getAs("test_accuracy")));
        accuracyBefore.forEach((id, acc) -> assertEquals(acc, accuracyAfter.get(id), 0.0, "trial " + id));
    }

    @Test
    void resumeRefusesADifferentGrid() {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        GridDriver other = new GridDriver(grid(GRID + "training.batch-size = 32\n"),
                RunOptions.builder(out.toString(), Path.of("data")).resume(true).build(), console);
        RefusedException e = assertThrows(RefusedException.class, () -> other.run(spark));
        assertTrue(e.getMessage().contains("changes the configuration of trials that have run (training.batch-size was 128,"
                + " now 32)"), e.getMessage());
    }

    @Test
    void anInvalidGridExitsTwoAndWritesNothing() throws IOException {
        Path gridFile = dir.resolve("bad.conf");
        Files.writeString(gridFile, GRID + "grid.activations = [relu, leakyrelu, gelu]\n");
        Path out = dir.resolve("never");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute("run", gridFile.toString(), "--output", out.toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("grid.activations: unknown value 'gelu'"));
        assertFalse(Files.exists(out));
    }

    @Test
    void missingDataIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("never");
        GridDriver d = new GridDriver(grid(GRID), RunOptions.builder(out.toString(), dir.resolve("nodata")).build(),
                console);
        RefusedException e = assertThrows(RefusedException.class, () -> d.run(spark));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("jobs/fetch-data.sh mnist"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    /** One trial trained across local[2]'s two workers by parameter averaging, measured like any other. */
    @Test
    void aDataParallelTrialTrainsAcrossWorkersAndLandsBesideTheOthers() {
        Path out = dir.resolve("dp");
        GridSpec grid = grid("""
                experiment = "dp"
                dataset = mnist
                grid { architectures = [mlp], activations = [relu], epochs = [1, 2], seeds = 1, strategies = [per-task, data-parallel] }
                data-parallel { averaging-frequency = 4, workers = 2, batch-size-per-worker = 64 }
                data.train-examples = 4000
                """);
        GridDriver.Summary summary = new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data")).build(), console).run(spark);
        assertEquals(2, summary.ok());
        ResultStore store = new ResultStore(spark, out.toString(), "dp");
        Row dp = store.read(Tables.RUNS).where("strategy = 'data-parallel'").collectAsList().get(0);
        assertTrue(dp.<Double>getAs("test_accuracy") > 0.8, "data-parallel test accuracy " + dp.getAs("test_accuracy"));
        assertEquals(2, dp.<Integer>getAs("data_parallel_workers"));
        assertEquals(4, dp.<Integer>getAs("averaging_frequency"));
        assertTrue(dp.<Double>getAs("worker_fit_seconds") > 0);
        assertTrue(dp.<Double>getAs("worker_fit_seconds") <= dp.<Double>getAs("train_seconds"),
                "a worker fits for part of the trial's training time, not more: " + dp.getAs("worker_fit_seconds") + " s of "
                        + dp.getAs("train_seconds") + " s");
        assertEquals(2, store.read(Tables.EPOCHS).where("strategy = 'data-parallel' AND gradient_norm IS NULL").count());
        Row perTask = store.read(Tables.RUNS).where("strategy = 'per-task'").collectAsList().get(0);
        assertTrue(!perTask.getAs("trial_id").equals(dp.getAs("trial_id")), "the strategy is part of the trial's identity");
    }

    static String resource(String name) {
        try (var in = GridDriverTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}

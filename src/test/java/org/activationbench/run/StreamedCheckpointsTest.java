package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.executor.TrialTask;
import org.activationbench.storage.StateFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.data.DatasetLoader;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.report.Reporter;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.TrialListener;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints stream from a running trial to the epochs table through the state folder: visible before the trial
 * ends, and exactly one row per trial and epoch once it has, of the attempt whose runs row landed.
 */
class StreamedCheckpointsTest {

    /** One MLP trial on 1,000 examples, measured at epochs 1 and 3. */
    static final String GRID = """
            experiment = "stream"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu], epochs = [1, 3], seeds = 1 }
            data.train-examples = 1000
            """;

    private static SparkSession spark;
    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        System.setProperty(TrialFanOut.INTERVAL_KEY, "200ms");
        try {
            spark = Sessions.create("streamed-checkpoints-test", "local[2]");
        } finally {
            System.clearProperty(TrialFanOut.INTERVAL_KEY);
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @AfterEach
    void noHook() {
        TrialTask.testListener = TrialListener.NONE;
    }

    @Test
    void theFirstCheckpointIsInEpochsWhileItsTrialStillTrains() throws Exception {
        Path out = dir.resolve("out");
        CountDownLatch proceed = new CountDownLatch(1);
        // Hold the trial after its second epoch, its first checkpoint written, until the test has seen that row.
        TrialTask.testListener = new TrialListener() {
            @Override
            public void onEpoch(int epoch, double trainSeconds) {
                if (epoch == 2) {
                    try {
                        proceed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        GridSpec grid = GridDriverTest.grid(GRID);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<GridDriver.Summary> run = background.submit(() -> new GridDriver(grid,
                    RunOptions.builder(out.toString(), Path.of("data")).build(), console).run(spark));
            ResultStore store = new ResultStore(spark, out.toString(), "stream");
            List<Row> streamed = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (streamed.isEmpty() && System.nanoTime() < deadline && !run.isDone()) {
                Thread.sleep(100);
                streamed = store.read(Tables.EPOCHS).collectAsList();
            }
            assertEquals(1, streamed.size(), "the first checkpoint's row landed while the trial trains");
            assertEquals(1, streamed.get(0).<Integer>getAs("epoch"));
            assertEquals(0, store.read(Tables.RUNS).count(), "the trial has not ended, so it has no runs row yet");
            assertFalse(run.isDone());
            // The report of the running grid: it works on a copy of what has landed, and names the unfinished trial.
            Path report = dir.resolve("report");
            ComparedRun compared = LandedRun.open(spark, out.toString(), console, (landed, g, folder) -> {
                ComparedRun c = ComparisonsTable.write(landed, g);
                Reporter.write(c, folder, report);
                return c;
            });
            assertEquals(List.of(grid.trials().get(0).trialId()), compared.snapshot().unfinished());
            assertEquals(1, compared.snapshot().epochs().size());
            String html = Files.readString(report.resolve("report.html"));
            assertTrue(html.contains("Unfinished trials") && html.contains(grid.trials().get(0).trialId()));
            assertFalse(run.isDone());
            proceed.countDown();
            assertEquals(1, run.get(120, TimeUnit.SECONDS).ok());

            List<Row> epochs = store.read(Tables.EPOCHS).collectAsList();
            List<Row> runs = store.read(Tables.RUNS).collectAsList();
            assertEquals(1, runs.size());
            assertEquals(List.of(1, 3), epochs.stream().map(r -> r.<Integer>getAs("epoch")).sorted().toList());
            assertEquals(Set.of(runs.get(0).<String>getAs("attempt_id")),
                    epochs.stream().map(r -> r.<String>getAs("attempt_id")).collect(Collectors.toSet()),
                    "the epochs rows are those of the attempt whose runs row landed");
            assertFalse(Files.exists(out.resolve("state")), "hand-over files and state removed once the trial landed");
            // The streamed row and the record's row of epoch 1 are the same measurement.
            assertEquals(streamed.get(0).<Double>getAs("test_accuracy"),
                    epochs.stream().filter(r -> r.<Integer>getAs("epoch") == 1).findFirst().orElseThrow().<Double>getAs("test_accuracy"));
        } finally {
            proceed.countDown();
            background.shutdownNow();
        }
    }

    /**
     * An earlier attempt of the trial (killed after writing its epoch-1 checkpoint, with other numbers) and the attempt
     * that completes: before compaction every attempt's checkpoint is there once (the record's rows leave out what was
     * streamed); after it, one row per epoch, all of the attempt whose runs row landed.
     */
    @Test
    void eachAttemptsCheckpointLandsOnceAndCompactionKeepsTheAttemptOfTheRunsRow() throws IOException {
        Path out = dir.resolve("out");
        GridSpec grid = GridDriverTest.grid(GRID);
        TrialConfig trial = grid.trials().get(0);
        StateFolder state = StateFolder.resolve(out.toString(), null, false, false, "local[2]");
        String earlier = "00000000-0000-4000-8000-000000000000";
        HandOverFiles.writeCheckpoint(state.fileSystem(), state.trial(trial.trialId()), new Tables.Checkpoint(trial, earlier,
                new CheckpointMetrics(1, 2.0, 0.123, 2.0, 0.123, 1.0, 1000, new double[] {0, 0}, new int[] {256, 128}, null, null, null,
                        null)));
        Path epochsDir = out.resolve("epochs/experiment=stream");
        // Hold the trial after epoch 1 until the earlier attempt's checkpoint has been polled and landed.
        TrialTask.testListener = new TrialListener() {
            @Override
            public void onEpoch(int epoch, double trainSeconds) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (epoch == 1 && parquetFiles(epochsDir) == 0 && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        };
        for (Path f : DatasetLoader.files(Path.of("data", "mnist"))) {
            spark.sparkContext().addFile(f.toAbsolutePath().toString());
        }
        ResultStore store = new ResultStore(spark, out.toString(), "stream");
        ProgressBar progress = new ProgressBar(console, 1, false);
        new TrialFanOut(spark.sparkContext(), 1, store, progress, state, 0).run(List.of(trial), batch -> {});

        List<Row> raw = store.read(Tables.EPOCHS).collectAsList();
        String attempt = store.read(Tables.RUNS).first().getAs("attempt_id");
        assertEquals(3, raw.size(), "the earlier attempt's epoch 1, and this attempt's epochs 1 and 3, once each");
        assertEquals(3, raw.stream().map(r -> r.<String>getAs("attempt_id") + "/" + r.<Integer>getAs("epoch")).distinct().count());
        assertTrue(raw.stream().anyMatch(r -> earlier.equals(r.getAs("attempt_id"))));

        store.compact();
        List<Row> compacted = store.read(Tables.EPOCHS).collectAsList();
        assertEquals(List.of(1, 3), compacted.stream().map(r -> r.<Integer>getAs("epoch")).sorted().toList());
        assertTrue(compacted.stream().allMatch(r -> attempt.equals(r.getAs("attempt_id"))), compacted.toString());
        assertTrue(compacted.stream().noneMatch(r -> r.<Double>getAs("test_accuracy") == 0.123));
    }

    private static long parquetFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}

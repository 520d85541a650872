package org.activationbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.TrialStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Landing, compaction and its recovery after a crash, on records made up in code. */
class ResultStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("result-store-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private ResultStore store() {
        return new ResultStore(spark, dir.resolve("out").toString(), "e");
    }

    private static TrialRecord ok(long seed, double accuracy) {
        return MadeUpRecords.attempt(MadeUpRecords.trial(seed), TrialStatus.OK, accuracy, 2, T0.plusSeconds(seed));
    }

    /** Three trials landed in three files each side. */
    private ResultStore landThree() {
        ResultStore store = store();
        for (long seed = 0; seed < 3; seed++) {
            store.land(List.of(ok(seed, 0.9)));
        }
        return store;
    }

    private List<String> names(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertExact(ResultStore store, int trials) {
        assertEquals(trials, store.read(Tables.RUNS).count(), "runs rows");
        assertEquals(trials, store.read(Tables.RUNS).select("trial_id").distinct().count(), "trials in runs");
        assertEquals(2L * trials, store.read(Tables.EPOCHS).count(), "epochs rows");
        assertEquals(2L * trials, store.read(Tables.EPOCHS).select("trial_id", "epoch").distinct().count(), "trial epochs");
    }

    @Test
    void everyAttemptHasItsOwnIdOnItsRunsRowAndItsEpochsRows() {
        TrialRecord a = ok(0, 0.9);
        TrialRecord b = ok(0, 0.9);
        assertNotEquals(a.attemptId(), b.attemptId());
        ResultStore store = store();
        store.land(List.of(a));
        assertEquals(a.attemptId(), store.read(Tables.RUNS).first().getAs("attempt_id"));
        assertEquals(2, store.read(Tables.EPOCHS).where("attempt_id = '" + a.attemptId() + "'").count());
    }

    /**
     * A FAILED attempt that reached epoch 1, then an OK attempt, then the epochs of a third attempt whose runs row never
     * landed (the driver died between the two writes): the compacted epochs are exactly the OK attempt's.
     */
    @Test
    void compactionKeepsTheEpochsOfTheAttemptThatMadeTheRunsRow() throws IOException {
        ResultStore store = store();
        TrialConfig trial = MadeUpRecords.trial(7);
        store.land(List.of(MadeUpRecords.attempt(trial, TrialStatus.FAILED, 0.11, 1, T0)));
        TrialRecord kept = MadeUpRecords.attempt(trial, TrialStatus.OK, 0.95, 2, T0.plusSeconds(60));
        store.land(List.of(kept));
        TrialRecord orphan = MadeUpRecords.attempt(trial, TrialStatus.OK, 0.33, 2, T0.plusSeconds(120));
        ParquetFiles.write(spark.sparkContext().hadoopConfiguration(),
                new org.apache.hadoop.fs.Path(store.tableDir(Tables.EPOCHS), "part-orphan.parquet"), Tables.EPOCHS,
                Tables.epochRows(orphan));
        store.compact();
        List<Row> epochs = store.read(Tables.EPOCHS).collectAsList();
        assertEquals(2, epochs.size());
        for (Row r : epochs) {
            assertEquals(0.95, r.<Double>getAs("test_accuracy"), 0.0);
            assertEquals(kept.attemptId(), r.getAs("attempt_id"));
        }
        assertEquals(kept.attemptId(), store.read(Tables.RUNS).first().getAs("attempt_id"));
    }

    /**
     * Compaction reads each file back from the driver and rewrites it: every column of every kept row (lists, times,
     * nulls) reads the same before and after, and of two final attempts the later one is kept.
     */
    @Test
    void compactionKeepsEveryValueOfTheRowsItKeeps() {
        ResultStore store = landThree();
        TrialConfig trial = MadeUpRecords.trial(1);
        store.land(List.of(MadeUpRecords.attempt(trial, TrialStatus.OK, 0.97, 2, T0.plusSeconds(600))));
        List<String> before = store.read(Tables.RUNS).where("test_accuracy <> 0.9 OR seed <> 1").collectAsList().stream()
                .map(Row::toString).sorted().toList();
        List<String> epochsBefore = store.read(Tables.EPOCHS).where("test_accuracy <> 0.9 OR seed <> 1").collectAsList()
                .stream().map(Row::toString).sorted().toList();
        store.compact();
        assertEquals(before, store.read(Tables.RUNS).collectAsList().stream().map(Row::toString).sorted().toList());
        assertEquals(epochsBefore, store.read(Tables.EPOCHS).collectAsList().stream().map(Row::toString).sorted().toList());
        assertExact(store, 3);
    }

    /** Killed after the runs table was swapped, before the epochs table was: recover finishes the swap. */
    @Test
    void aCompactionKilledBetweenTheTwoSwapsIsFinishedByRecover() throws IOException {
        ResultStore store = landThree();
        List<Compaction> staged = store.stageCompaction();
        staged.get(0).finish();
        ResultStore after = store();
        after.recover();
        assertExact(after, 3);
        assertTrue(names(dir.resolve("out/runs")).stream().allMatch(n -> n.startsWith("experiment=")), names(dir.resolve("out/runs")).toString());
        assertTrue(names(dir.resolve("out/epochs")).stream().allMatch(n -> n.startsWith("experiment=")));
        assertEquals(1, names(dir.resolve("out/epochs/experiment=e")).size());
    }

    /**
     * A driver killed while landing leaves its file under the hidden temporary name, cut short (on HDFS, still open under
     * the dead driver's lease); the next holder's recover deletes it, and only such names.
     */
    @Test
    void recoverDeletesTheTemporariesAKilledDriverWasLanding() throws IOException {
        landThree();
        Path runs = dir.resolve("out/runs/experiment=e");
        Files.write(runs.resolve(".part-0000000000001-00009-0123456789abcdef.parquet.tmp"), new byte[] {'P', 'A', 'R'});
        Files.write(runs.resolve(".notes"), new byte[] {1});
        List<String> before = names(runs);
        store().recover();
        List<String> after = names(runs);
        assertEquals(before.size() - 1, after.size(), after.toString());
        assertFalse(after.stream().anyMatch(n -> n.endsWith(".tmp")), after.toString());
        assertTrue(after.contains(".notes"), "only the temporaries' names are deleted");
        assertExact(store(), 3);
    }

    /** Killed halfway through moving the new files in (one moved, the old ones all still there): nothing doubled. */
    @Test
    void aCompactionKilledWhileMovingFilesInIsFinishedByRecover() throws IOException {
        ResultStore store = landThree();
        List<Compaction> staged = store.stageCompaction();
        Path stagedRuns = dir.resolve("out/runs").resolve(staged.get(0).staging().getName()).resolve("experiment=e");
        Path part = names(stagedRuns).stream().filter(n -> n.endsWith(".parquet")).map(stagedRuns::resolve).findFirst().orElseThrow();
        Files.move(part, dir.resolve("out/runs/experiment=e").resolve(staged.get(0).movedPrefix() + part.getFileName()));
        assertEquals(6, store.read(Tables.RUNS).count(), "a reader sees rows twice meanwhile, never none");
        ResultStore after = store();
        after.recover();
        assertExact(after, 3);
    }

    /** Killed before the staged content was complete: the files it read are untouched, the staging is gone. */
    @Test
    void aCompactionKilledWhileStagingLeavesTheLandedFiles() throws IOException {
        ResultStore store = landThree();
        List<Compaction> staged = store.stageCompaction();
        for (Compaction c : staged) {
            Files.delete(Path.of(c.staging().toString()).resolve("experiment=e/_SUCCESS"));
        }
        List<String> before = names(dir.resolve("out/runs/experiment=e"));
        ResultStore after = store();
        after.recover();
        assertEquals(before, names(dir.resolve("out/runs/experiment=e")));
        assertEquals(3, names(dir.resolve("out/epochs/experiment=e")).size());
        assertEquals(List.of("experiment=e"), names(dir.resolve("out/runs")));
        after.compact();
        assertExact(after, 3);
    }

    /** A file landed after compaction listed its inputs is not deleted by it. */
    @Test
    void compactionDeletesOnlyTheFilesItRead() throws IOException {
        ResultStore store = landThree();
        List<Compaction> staged = store.stageCompaction();
        store.land(List.of(ok(3, 0.9)));
        for (Compaction c : staged) {
            c.finish();
        }
        assertExact(store, 4);
    }

    @Test
    void aDamagedFileIsSetAsideWithItsPartnerAndItsTrialCountsAsMissing() throws IOException {
        ResultStore store = landThree();
        Path runs = dir.resolve("out/runs/experiment=e");
        String victim = names(runs).get(1);
        byte[] whole = Files.readAllBytes(runs.resolve(victim));
        Files.write(runs.resolve(victim), java.util.Arrays.copyOf(whole, whole.length / 2));
        List<String> notices = new ArrayList<>();
        store.setAsideDamaged(notices::add);
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains(victim) && notices.get(0).contains("its trials run again"), notices.get(0));
        assertTrue(Files.exists(runs.resolve(ResultStore.DAMAGED + victim)), "set aside, not deleted");
        assertTrue(Files.exists(dir.resolve("out/epochs/experiment=e").resolve(ResultStore.DAMAGED + victim)));
        assertEquals(2, store.finishedTrialIds().size());
        assertEquals(4, store.read(Tables.EPOCHS).count());
    }

    @Test
    void aLandedFileIsCompleteUnderItsNameAndNoTemporaryIsLeft() throws IOException {
        landThree();
        for (String name : names(dir.resolve("out/runs/experiment=e"))) {
            assertTrue(name.startsWith("part-") && name.endsWith(".parquet"), name);
            assertTrue(ParquetFiles.readable(spark.sparkContext().hadoopConfiguration(),
                    new org.apache.hadoop.fs.Path(dir.resolve("out/runs/experiment=e").resolve(name).toUri())));
        }
        assertFalse(names(dir.resolve("out/epochs/experiment=e")).stream().anyMatch(n -> n.endsWith(".tmp")));
    }
}

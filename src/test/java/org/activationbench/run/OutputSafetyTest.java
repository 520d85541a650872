package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.report.Reporter;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.storage.WriterLock;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder, nothing of a user's deleted, and a damaged file set aside on resume. */
class OutputSafetyTest {

    static final String GRID = """
            experiment = "safe"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, elu], epochs = [1], seeds = 1 }
            data.train-examples = 300
            """;

    private static SparkSession spark;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("output-safety-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A driver that writes the comparisons table after the grid, as the command line's does. */
    private GridDriver driver(Path out, boolean resume, boolean overwrite) {
        return new GridDriver(GridDriverTest.grid(GRID), RunOptions.builder(out.toString(), Path.of("data"))
                .resume(resume).overwrite(overwrite)
                .afterGrid((store, grid, output) -> ComparisonsTable.write(store, grid)).build(), console);
    }

    private static void writeLock(Path folder, String host, long pid) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(WriterLock.FILE), "host=" + host + "\npid=" + pid + "\nsince=" + Instant.now()
                + "\ncommand=run other\n");
    }

    private static String thisHost() throws IOException {
        return java.net.InetAddress.getLocalHost().getHostName();
    }

    @Test
    void overwriteRemovesOnlyWhatTheProjectWroteAndAdoptsAFolderWithoutManifest() throws IOException {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        assertFalse(Files.exists(out.resolve(WriterLock.FILE)), "the lock is released at the end");
        Files.delete(out.resolve(OutputFolder.MANIFEST));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("runs/README"), "mine too");
        GridDriver.Summary again = driver(out, false, true).run(spark);
        assertEquals(2, again.ok());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals("mine too", Files.readString(out.resolve("runs/README")));
        String said = printed.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("--overwrite kept ") && said.contains(out.resolve("runs/README") + ": activation-bench did not"),
                said);
        assertTrue(Files.exists(out.resolve(OutputFolder.MANIFEST)), "a folder from before the manifest is adopted");
        assertEquals(2, new ResultStore(spark, out.toString(), "safe").read(Tables.RUNS).count());
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolder() throws IOException {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        long pid = ProcessHandle.current().pid();
        writeLock(out, thisHost(), pid);
        List<String> before;
        try (var files = Files.walk(out)) {
            before = files.map(Path::toString).sorted().toList();
        }
        RefusedException e = assertThrows(RefusedException.class,
                () -> driver(out, true, false).run(spark));
        assertTrue(e.getMessage().contains("is being written by 'run other' (pid " + pid + " on " + thisHost()), e.getMessage());
        try (var files = Files.walk(out)) {
            assertEquals(before, files.map(Path::toString).sorted().toList(), "the refused run wrote nothing");
        }
        writeLock(out, "another-host", 1);
        assertThrows(RefusedException.class, () -> driver(out, true, false).run(spark),
                "a lock from another host cannot be judged stale");
    }

    @Test
    void aLockLeftByAProcessThatHasEndedIsTakenOver() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path out = dir.resolve("out");
        writeLock(out, thisHost(), ended.pid());
        assertEquals(2, driver(out, false, false).run(spark).ok());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("taking over the lock of " + out), printed.toString());
    }

    /**
     * A report of a folder another process is writing reads what has landed, leaves that process's compaction folder
     * and tables alone, and puts its comparisons beside them.
     */
    @Test
    void aReportOfARunningFolderTouchesNothingTheWriterOwns() throws IOException {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        Path comparisons = out.resolve("comparisons/experiment=safe");
        List<String> tableFiles;
        try (var files = Files.list(comparisons)) {
            tableFiles = files.map(Path::toString).sorted().toList();
        }
        Path inFlight = Files.createDirectories(out.resolve("runs/_compacting-0000-in-flight/experiment=safe"));
        writeLock(out, thisHost(), ProcessHandle.current().pid());
        LandedRun.open(spark, out.toString(), console, (store, grid, folder) -> {
            Reporter.write(ComparisonsTable.write(store, grid), folder, dir.resolve("report"));
            return null;
        });
        assertTrue(Files.isDirectory(inFlight), "recover() must not delete a live writer's compaction folder");
        try (var files = Files.list(comparisons)) {
            assertEquals(tableFiles, files.map(Path::toString).sorted().toList());
        }
        assertTrue(Files.exists(out.resolve(LandedRun.SNAPSHOT + "/comparisons/experiment=safe")));
        assertTrue(Files.exists(out.resolve(LandedRun.SNAPSHOT + "/runs/experiment=safe")));
        assertTrue(Files.exists(dir.resolve("report/report.html")));
        assertTrue(Files.exists(out.resolve(WriterLock.FILE)), "the writer's lock stays");
    }

    @Test
    void resumeSetsADamagedFileAsideAndRunsItsTrialAgain() throws IOException {
        Path out = dir.resolve("out");
        driver(out, false, false).run(spark);
        Path runs = out.resolve("runs/experiment=safe");
        Path compacted;
        try (var files = Files.list(runs)) {
            compacted = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.write(compacted, new byte[] {'P', 'A', 'R', '1', 0, 0});
        GridDriver.Summary resumed = driver(out, true, false).run(spark);
        assertEquals(2, resumed.ok(), "both trials were in the damaged file");
        String notice = printed.toString(StandardCharsets.UTF_8);
        assertTrue(notice.contains("set aside ") && notice.contains(compacted.getFileName() + " as " + ResultStore.DAMAGED),
                notice);
        assertTrue(Files.exists(runs.resolve(ResultStore.DAMAGED + compacted.getFileName())), "set aside, not deleted");
        ResultStore store = new ResultStore(spark, out.toString(), "safe");
        assertEquals(2, store.read(Tables.RUNS).count());
        assertEquals(2, store.read(Tables.EPOCHS).count());
    }

    @Test
    void theDriverUiIsOffForEveryMasterUnlessAskedFor() {
        for (String master : List.of("local[2]", "spark://127.0.0.1:7077", "yarn")) {
            assertEquals("false", Sessions.conf(master, false).get("spark.ui.enabled"), master);
            assertEquals("true", Sessions.conf(master, true).get("spark.ui.enabled"), master);
        }
        assertEquals("127.0.0.1", Sessions.conf("local[2]", false).get("spark.driver.bindAddress"));
    }
}

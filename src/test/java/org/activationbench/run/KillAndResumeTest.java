package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.storage.WriterLock;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A driver JVM killed with SIGKILL halfway through a grid, then the same grid resumed. */
class KillAndResumeTest {

    private static final String GRID = """
            experiment = "killed"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2], seeds = 5 }
            data.train-examples = 4000
            """;
    private static final int TRIALS = 10;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumedEndsWithExactlyOneOkRowPerTrial() throws Exception {
        Path gridFile = dir.resolve("killed.conf");
        Files.writeString(gridFile, GRID);
        Path out = dir.resolve("out");
        Process driver = startDriver(gridFile, out);
        try {
            waitForLandedFiles(out.resolve("runs/experiment=killed"), 2, driver);
        } finally {
            driver.destroyForcibly();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, driver.exitValue(), "the driver must have been killed (SIGKILL), not have finished");
        String log = Files.readString(dir.resolve("driver.log"));
        assertFalse(log.contains("instead (on interface"), "the driver must bind to 127.0.0.1, not another interface:\n" + log);

        SparkSession spark = Sessions.create("kill-and-resume-test", "local[2]");
        try {
            ResultStore store = new ResultStore(spark, out.toString(), "killed");
            long landed = store.read(Tables.RUNS).count();
            assertTrue(landed >= 2 && landed < TRIALS, "landed before the kill: " + landed);

            GridDriver resume = new GridDriver(GridDriverTest.grid(GRID),
                    RunOptions.builder(out.toString(), Path.of("data")).resume(true).build(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            GridDriver.Summary summary = resume.run(spark);
            assertEquals(landed, summary.skipped(), "resume must skip exactly the trials that landed");
            assertEquals(TRIALS - landed, summary.ok());

            assertEquals(TRIALS, store.read(Tables.RUNS).where("status = 'OK'").count());
            assertEquals(TRIALS, store.read(Tables.RUNS).select("trial_id").distinct().count());
            assertEquals(2 * TRIALS, store.read(Tables.EPOCHS).count());
            assertEquals(2 * TRIALS, store.read(Tables.EPOCHS).select("trial_id", "epoch").distinct().count());
        } finally {
            spark.stop();
        }
    }

    /** A driver ended by SIGTERM (a kill, or Ctrl-C's cousin) says in a line how to continue, with no stack trace. */
    @Test
    void aTerminatedDriverSaysHowToContinue() throws Exception {
        Path gridFile = Files.writeString(dir.resolve("killed.conf"), GRID);
        Path out = dir.resolve("out");
        Process driver = startDriver(gridFile, out);
        try {
            waitForLandedFiles(out.resolve("runs/experiment=killed"), 1, driver);
            driver.destroy();
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver must end on SIGTERM");
        } finally {
            driver.destroyForcibly();
        }
        assertEquals(143, driver.exitValue(), "ended by SIGTERM");
        String log = Files.readString(dir.resolve("driver.log"));
        assertTrue(log.contains("run: stopped by a signal before the grid finished; the trials that landed are kept in "
                + out + ": continue with the same command and --resume"), log);
        assertFalse(log.contains("the Spark job failed"), log);
        String after = log.substring(log.indexOf("run: stopped by a signal"));
        assertEquals(1, after.strip().lines().count(), "the notice and nothing after it:\n" + log);
        assertFalse(log.contains("Exception"), "no stack trace of Spark's shutdown:\n" + log);
        assertFalse(Files.exists(out.resolve(WriterLock.FILE)), "the lock is released, as on Ctrl-C");
    }

    /**
     * The driver killed while it compacts (its staging folder or list of inputs exists): a report then finishes or
     * discards that compaction and sees every trial once, and a resume finds nothing to run.
     */
    @Test
    void aDriverKilledWhileCompactingLosesAndDoublesNothing() throws Exception {
        String grid = GRID.replace("seeds = 5", "seeds = 2").replace("train-examples = 4000", "train-examples = 500")
                .replace("epochs = [1, 2]", "epochs = [1]").replace("\"killed\"", "\"compacting\"");
        Path gridFile = Files.writeString(dir.resolve("compacting.conf"), grid);
        Path out = dir.resolve("out");
        Process driver = startDriver(gridFile, out);
        try {
            waitFor(out.resolve("runs"), name -> name.startsWith("_compacting-"), driver, 4);
        } finally {
            driver.destroyForcibly();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(137, driver.exitValue(), "the driver must have been killed (SIGKILL), not have finished");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(said, true, StandardCharsets.UTF_8);
        SparkSession spark = Sessions.create("kill-while-compacting-test", "local[2]");
        try {
            LandedRun.open(spark, out.toString(), console, (store, landed, folder) -> ComparisonsTable.write(store, landed));
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("taking over the lock"), said.toString());
            ResultStore store = new ResultStore(spark, out.toString(), "compacting");
            assertEquals(4, store.read(Tables.RUNS).count());
            assertEquals(4, store.read(Tables.RUNS).select("trial_id").distinct().count());
            assertEquals(4, store.read(Tables.EPOCHS).count());
            try (Stream<Path> left = Files.list(out.resolve("runs"))) {
                assertEquals(List.of("experiment=compacting"), left.map(p -> p.getFileName().toString()).toList());
            }
            GridDriver resume = new GridDriver(GridDriverTest.grid(grid),
                    RunOptions.builder(out.toString(), Path.of("data")).resume(true).build(), console);
            assertEquals(4, resume.run(spark).skipped());
            assertEquals(4, store.read(Tables.RUNS).count());
            assertEquals(4, store.read(Tables.EPOCHS).count());
        } finally {
            spark.stop();
        }
    }

    private void waitFor(Path folder, java.util.function.Predicate<String> name, Process driver, int minutes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the driver ended before it could be killed:\n" + Files.readString(dir.resolve("driver.log")));
            }
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    if (files.anyMatch(f -> name.test(f.getFileName().toString()))) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nothing appeared within " + minutes + " minutes:\n" + Files.readString(dir.resolve("driver.log")));
    }

    private Process startDriver(Path gridFile, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("conf", "jvm", "add-opens").toAbsolutePath());
        // The JIT settings a driver of jobs/run-local.sh has.
        command.add("@" + Path.of("conf", "jvm", "jit").toAbsolutePath());
        command.addAll(List.of("-Xmx2g", "-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
                "org.activationbench.cli.Main", "run", gridFile.toString(), "--output", out.toString(), "--data", "data",
                "--no-report"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private void waitForLandedFiles(Path runs, int wanted, Process driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the driver ended before it could be killed:\n"
                        + Files.readString(dir.resolve("driver.log")));
            }
            if (Files.isDirectory(runs)) {
                try (Stream<Path> files = Files.list(runs)) {
                    if (files.filter(f -> f.getFileName().toString().startsWith("part-")).count() >= wanted) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no results landed within 3 minutes:\n" + Files.readString(dir.resolve("driver.log")));
    }
}

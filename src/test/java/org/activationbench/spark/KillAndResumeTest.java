package org.activationbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
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

        SparkSession spark = Sessions.create("kill-and-resume-test", "local[2]");
        try {
            ResultStore store = new ResultStore(spark, out.toString(), "killed");
            long landed = store.read(Tables.RUNS).count();
            assertTrue(landed >= 2 && landed < TRIALS, "landed before the kill: " + landed);

            GridDriver resume = new GridDriver(GridDriverTest.grid(GRID),
                    new GridDriver.Options(out.toString(), Path.of("data"), true, false, null),
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

    private Process startDriver(Path gridFile, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("conf", "jvm", "add-opens").toAbsolutePath());
        command.addAll(List.of("-Xmx2g", "-Dspark.master=local[2]", "-cp", System.getProperty("java.class.path"),
                "org.activationbench.cli.Main", "run", gridFile.toString(), "--output", out.toString(), "--data", "data"));
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

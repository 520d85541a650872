package org.activationbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.Sessions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a real Spark standalone cluster (one master, one 2-core worker, on loopback, started by
 * jobs/cluster.sh) and its fault behaviour: executors and workers killed mid-trial, a killed driver resumed, a trial
 * that throws, a trial that diverges. Grids are submitted with jobs/submit.sh, as a user would.
 */
class StandaloneClusterIT {

    static final Path WORK = Path.of("target/cluster-it");
    static final String MASTER = "spark://127.0.0.1:7077";
    static final String FAULT_GRID = """
            experiment = "faults"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2, 3], seeds = 3 }
            data.train-examples = 20000
            """;

    private static final Path SECRET = Path.of("target/cluster/secret");
    private static SparkSession spark;
    /** Test accuracy and train loss of every trial of FAULT_GRID, from an undisturbed local-mode run. */
    private static Map<String, List<Double>> reference;

    @BeforeAll
    static void startCluster() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        run(List.of("bash", "jobs/cluster.sh", "stop"), 60);
        // A secret left behind with a loose mode must not be reused as it is.
        Files.createDirectories(SECRET.getParent());
        Files.writeString(SECRET, "left-behind");
        Files.setPosixFilePermissions(SECRET, PosixFilePermissions.fromString("rw-r--r--"));
        Result start = run(List.of("bash", "jobs/cluster.sh", "start", "--workers", "1", "--cores", "2", "--memory", "6g"), 120);
        assertEquals(0, start.code, start.output);
        spark = Sessions.create("cluster-it-reference", "local[2]");
        // The reference runs through jobs/submit.sh as the cluster runs do, so both get the scripts' native settings.
        Result local = run(List.of("bash", "jobs/submit.sh", "--master", "local[2]", write("faults.conf", FAULT_GRID).toString(),
                "--output", WORK.resolve("reference").toString(), "--no-report"), 300);
        assertEquals(0, local.code, local.output);
        reference = metrics(WORK.resolve("reference"), "faults");
        assertEquals(6, reference.size());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        Result stop = run(List.of("bash", "jobs/cluster.sh", "stop"), 60);
        assertEquals(0, stop.code, stop.output);
        assertTrue(processes("org.apache.spark.deploy").isEmpty(), "cluster processes left running");
        assertTrue(processes("CoarseGrainedExecutorBackend").isEmpty(), "executors left running");
        assertFalse(Files.exists(SECRET), "stop removes the secret");
    }

    @Test
    void theSecretIsNewPrivateAndOnNoProcessCommandLine() throws Exception {
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(SECRET));
        String secret = Files.readString(SECRET).strip();
        assertTrue(secret.length() >= 32 && !secret.equals("left-behind"), "a new secret");
        List<ProcessHandle> showing = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(secret)).orElse(false)).toList();
        assertTrue(showing.isEmpty(), "the secret is on the command line of " + showing);
        assertFalse(processes("org.apache.spark.deploy.master.Master").isEmpty(), "the master's command line was readable");
    }

    @Test
    void anExecutorKilledMidTrialIsReplacedAndItsTrialsRetriedToTheSameNumbers() throws Exception {
        Path out = WORK.resolve("executor-killed");
        Process driver = submitInBackground(out, write("faults.conf", FAULT_GRID));
        waitForLanded(out, "faults", 1, driver);
        List<ProcessHandle> executors = processes("CoarseGrainedExecutorBackend");
        assertEquals(1, executors.size(), "one executor expected");
        executors.get(0).destroyForcibly();
        assertEquals(0, waitFor(driver, 300), log(out));
        assertEveryTrialOnceAndAsUndisturbed(out);
        assertTrue(maxAttempt(out) >= 1, "a task should have been retried after the executor was killed");
    }

    /** FAULT_GRID with a state saved every 0.3 s of training (a setting that changes no number and no trial id). */
    static final String STATE_GRID = FAULT_GRID + "training.state-every = 0.005\n";

    @Test
    void anExecutorKilledMidTrialHasItsTrialContinuedFromItsStateToTheSameNumbers() throws Exception {
        Path out = WORK.resolve("executor-killed-state");
        Process driver = submitInBackground(out, write("faults-state.conf", STATE_GRID));
        waitForState(out, 2, driver);
        List<ProcessHandle> executors = processes("CoarseGrainedExecutorBackend");
        assertEquals(1, executors.size(), "one executor expected");
        executors.get(0).destroyForcibly();
        assertEquals(0, waitFor(driver, 300), log(out));
        assertEveryTrialOnceAndAsUndisturbed(out);
        List<Row> continued = continued(out);
        assertTrue(continued.stream().anyMatch(r -> r.<Integer>getAs("task_attempt") >= 1),
                "a retried task should have continued from its trial's state: " + runs(out, "faults"));
        assertStatesRemoved(out);
    }

    @Test
    void aKilledDriverResumedRunsOnlyTheMissingTrialsAndContinuesThemFromTheirStates() throws Exception {
        Path out = WORK.resolve("driver-killed");
        Path grid = write("faults-state.conf", STATE_GRID);
        Process submit = submitInBackground(out, grid);
        waitForLanded(out, "faults", 1, submit);
        waitForState(out, 2, submit);
        for (ProcessHandle driver : processes("org.apache.spark.deploy.SparkSubmit")) {
            driver.destroyForcibly();
        }
        waitFor(submit, 60);
        long landed = count(out, "faults", Tables.RUNS.name());
        assertTrue(landed >= 1 && landed < 6, "landed before the kill: " + landed);
        Result resume = run(submitCommand(out, grid, "--resume"), 300);
        assertEquals(0, resume.code, resume.output);
        assertTrue(resume.output.contains("(" + landed + " already done)"), resume.output);
        assertEveryTrialOnceAndAsUndisturbed(out);
        assertFalse(continued(out).isEmpty(), "a resumed trial should have continued from its state: " + runs(out, "faults"));
        assertStatesRemoved(out);
    }

    /** Rows of trials that continued from a state from epoch 2 on; each counts at least the training time it kept. */
    private static List<Row> continued(Path out) {
        List<Row> continued = runs(out, "faults").stream().filter(r -> r.<Integer>getAs("first_trained_epoch") > 1).toList();
        for (Row r : continued) {
            assertTrue(r.<Double>getAs("all_train_seconds") >= r.<Double>getAs("train_seconds"), r.toString());
        }
        return continued;
    }

    /** Every trial landed OK, so no trial keeps a state. */
    private static void assertStatesRemoved(Path out) throws IOException {
        Path states = out.resolve("state");
        if (Files.isDirectory(states)) {
            try (Stream<Path> left = Files.list(states)) {
                assertEquals(List.of(), left.toList(), "states left after their rows landed");
            }
        }
    }

    /** Waits until some trial has saved a state in epoch {@code epoch} or later. */
    static void waitForState(Path out, int epoch, Process driver) throws Exception {
        Path states = out.resolve("state");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the run ended before the fault could be injected:\n" + log(out));
            }
            if (Files.isDirectory(states)) {
                try (Stream<Path> files = Files.walk(states, 2)) {
                    if (files.map(f -> f.getFileName().toString()).filter(n -> n.matches("state-e\\d{6}-m\\d{9}\\.bin"))
                            .anyMatch(n -> Integer.parseInt(n.substring(7, 13)) >= epoch)) {
                        return;
                    }
                } catch (java.io.UncheckedIOException e) {
                    // A state replaced while the folder was walked: look again.
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no state of epoch " + epoch + " within 4 minutes:\n" + log(out));
    }

    @Test
    void aWorkerKilledAndRestartedMidRunLosesNothing() throws Exception {
        Path out = WORK.resolve("worker-killed");
        Process driver = submitInBackground(out, write("faults.conf", FAULT_GRID));
        waitForLanded(out, "faults", 1, driver);
        long worker = Long.parseLong(Files.readString(Path.of("target/cluster/worker-1.pid")).trim());
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        Thread.sleep(3000);
        Result restart = run(List.of("bash", "jobs/cluster.sh", "start-worker", "1"), 120);
        assertEquals(0, restart.code, restart.output);
        assertEquals(0, waitFor(driver, 300), log(out));
        assertEveryTrialOnceAndAsUndisturbed(out);
    }

    /**
     * Checkpoints stream from the cluster's executors through the state folder: a trial's first checkpoint is in
     * epochs while the trial still trains (no runs row yet), and at the end there is one row per checkpoint.
     */
    @Test
    void aCheckpointLandsWhileItsTrialStillTrainsOnTheCluster() throws Exception {
        Path out = WORK.resolve("streamed");
        Path grid = write("streamed.conf", """
                experiment = "streamed"
                dataset = mnist
                grid { architectures = [mlp], activations = [relu], epochs = [1, 40], seeds = 1 }
                data.train-examples = 10000
                """);
        List<String> command = submitCommand(out, grid);
        command.addAll(4, List.of("--conf", "spark.activationbench.handOverInterval=1s"));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(out.getFileName() + ".log").toFile()).start();
        Path epochs = out.resolve("epochs/experiment=streamed");
        Path runs = out.resolve("runs/experiment=streamed");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (partFiles(epochs) == 0 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, partFiles(epochs), "the first checkpoint landed while the trial trains:\n" + log(out));
        assertEquals(0, partFiles(runs), "the trial has not ended yet");
        assertEquals(0, waitFor(driver, 300), log(out));
        assertEquals(1, count(out, "streamed", Tables.RUNS.name()));
        assertEquals(2, count(out, "streamed", Tables.EPOCHS.name()));
    }

    private static long partFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("part-")).count();
        }
    }

    @Test
    void aTrialThatThrowsLandsAsFailedAndOneThatDivergesAsDivergedNotRetriedAndTheJobSaysSo() throws Exception {
        Path out = WORK.resolve("failing");
        Path grid = write("failing.conf", """
                experiment = "failing"
                dataset = mnist
                grid { architectures = [mlp], activations = [relu, failing, diverging], epochs = [1, 2], seeds = 2 }
                data.train-examples = 2000
                """);
        // A learning rate that diverges (1e12) is refused before work; the test-only activation diverges instead.
        Result r = run(submitCommand(out, grid), 300, Map.of("JAVA_OPTS", "-Dactivation-bench.test-activations=true"),
                "--properties-file", properties("-Dactivation-bench.test-activations=true").toString());
        assertEquals(3, r.code, "exit code 3 says some trials failed:\n" + r.output);
        List<Row> runs = runs(out, "failing");
        assertEquals(6, runs.size());
        for (Row row : runs) {
            String activation = row.getAs("activation");
            assertEquals(Map.of("relu", "OK", "failing", "FAILED", "diverging", "DIVERGED").get(activation), row.getAs("status"));
            if (activation.equals("failing")) {
                assertEquals(IllegalStateException.class.getName(), row.getAs("error_class"));
                assertTrue(row.<String>getAs("error_message").contains("injected failure"));
            }
            if (activation.equals("diverging")) {
                assertEquals(0, row.<Integer>getAs("task_attempt"), "a diverged trial is not retried");
            }
        }
    }

    @Test
    void aDataParallelTrialTrainsAcrossTheClustersExecutors() throws Exception {
        Path out = WORK.resolve("data-parallel");
        Path grid = write("data-parallel.conf", """
                experiment = "dp"
                dataset = mnist
                grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2], seeds = 1,
                       strategies = [data-parallel] }
                data-parallel { averaging-frequency = 5, workers = 2, batch-size-per-worker = 64 }
                data.train-examples = 6000
                """);
        Result r = run(submitCommand(out, grid), 300);
        assertEquals(0, r.code, r.output);
        List<Row> runs = runs(out, "dp");
        assertEquals(2, runs.size());
        for (Row row : runs) {
            assertEquals("OK", row.getAs("status"));
            assertEquals("data-parallel", row.getAs("strategy"));
            assertTrue(row.<Double>getAs("test_accuracy") > 0.85, "test accuracy " + row.getAs("test_accuracy"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private void assertEveryTrialOnceAndAsUndisturbed(Path out) {
        List<Row> runs = runs(out, "faults");
        assertEquals(6, runs.size());
        assertEquals(6, runs.stream().map(r -> r.getAs("trial_id")).distinct().count());
        assertTrue(runs.stream().allMatch(r -> r.getAs("status").equals("OK")));
        assertEquals(18, count(out, "faults", Tables.EPOCHS.name()));
        assertEquals(reference, metrics(out, "faults"), "retried trials must give the numbers of an undisturbed run");
    }

    static List<Row> runs(Path out, String experiment) {
        return new ResultStore(spark, out.toString(), experiment).read(Tables.RUNS).collectAsList();
    }

    static long count(Path out, String experiment, String table) {
        return new ResultStore(spark, out.toString(), experiment)
                .read(table.equals("runs") ? Tables.RUNS : Tables.EPOCHS).count();
    }

    static int maxAttempt(Path out) {
        return runs(out, "faults").stream().mapToInt(r -> r.<Integer>getAs("task_attempt")).max().orElse(0);
    }

    static Map<String, List<Double>> metrics(Path out, String experiment) {
        return runs(out, experiment).stream().collect(Collectors.toMap(r -> r.getAs("trial_id"),
                r -> List.of(r.<Double>getAs("test_accuracy"), r.<Double>getAs("train_loss"), r.<Double>getAs("test_loss"))));
    }

    static Path write(String name, String text) throws IOException {
        Path p = WORK.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** conf/spark-cluster.conf with extra executor JVM options. */
    static Path properties(String executorOptions) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("conf/spark-cluster.conf"))) {
            lines.add(line.startsWith("spark.executor.extraJavaOptions") ? line + " " + executorOptions : line);
        }
        Path p = WORK.resolve("spark-test.conf");
        Files.write(p, lines);
        return p;
    }

    static List<String> submitCommand(Path out, Path grid, String... more) {
        // The loopback cluster's executors share this machine's disk, so the state folder under the output is shared.
        List<String> c = new ArrayList<>(List.of("bash", "jobs/submit.sh", "--master", MASTER, grid.toString(),
                "--output", out.toString(), "--no-report", "--state-dir", out.resolve("state").toString()));
        c.addAll(List.of(more));
        return c;
    }

    static Result submit(Path out, Path grid) throws Exception {
        return run(submitCommand(out, grid), 300);
    }

    static Process submitInBackground(Path out, Path grid) throws IOException {
        Files.createDirectories(WORK);
        return new ProcessBuilder(submitCommand(out, grid)).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(out.getFileName() + ".log").toFile()).start();
    }

    static String log(Path out) throws IOException {
        return Files.readString(WORK.resolve(out.getFileName() + ".log"));
    }

    static void waitForLanded(Path out, String experiment, int files, Process driver) throws Exception {
        Path dir = out.resolve("runs/experiment=" + experiment);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the run ended before the fault could be injected:\n" + log(out));
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.filter(f -> f.getFileName().toString().startsWith("part-")).count() >= files) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing landed within 4 minutes:\n" + log(out));
    }

    static int waitFor(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }

    static List<ProcessHandle> processes(String commandPart) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(commandPart)).orElse(false))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .toList();
    }

    record Result(int code, String output) {}

    static Result run(List<String> command, int seconds) throws Exception {
        return run(command, seconds, Map.of());
    }

    static Result run(List<String> command, int seconds, Map<String, String> env, String... extra) throws Exception {
        List<String> c = new ArrayList<>(command);
        if (extra.length > 0) {
            // Spark options go before the grid file.
            c.addAll(4, List.of(extra));
        }
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int code = waitFor(p, seconds);
        return new Result(code, new String(output, StandardCharsets.UTF_8));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

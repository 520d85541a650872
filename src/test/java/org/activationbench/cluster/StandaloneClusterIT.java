package org.activationbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
    /** The undisturbed local-mode run of FAULT_GRID: it trains while the cluster starts and the first tests run. */
    private static Process referenceRun;
    /** Test accuracy and train loss of every trial of FAULT_GRID, from {@link #referenceRun}. */
    private static Map<String, List<Double>> reference;

    @BeforeAll
    static void startCluster() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        run(List.of("bash", "jobs/cluster.sh", "stop"), 60);
        // The reference runs through jobs/submit.sh as the cluster runs do, so both get the scripts' native settings.
        referenceRun = new ProcessBuilder("bash", "jobs/submit.sh", "--master", "local[2]",
                write("faults.conf", FAULT_GRID).toString(), "--output", WORK.resolve("reference").toString(), "--no-report")
                .redirectErrorStream(true).redirectOutput(WORK.resolve("reference.log").toFile()).start();
        // A secret left behind with a loose mode must not be reused as it is.
        Files.createDirectories(SECRET.getParent());
        Files.writeString(SECRET, "left-behind");
        Files.setPosixFilePermissions(SECRET, PosixFilePermissions.fromString("rw-r--r--"));
        Result start = run(List.of("bash", "jobs/cluster.sh", "start", "--workers", "1", "--cores", "2", "--memory", "6g"), 120);
        assertEquals(0, start.code, start.output);
        spark = Sessions.create("cluster-it-reference", "local[2]");
    }

    /** The reference's numbers, once its run has ended (0, with every trial). */
    static synchronized Map<String, List<Double>> reference() throws Exception {
        if (reference == null) {
            assertEquals(0, waitFor(referenceRun, 300), log(WORK.resolve("reference")));
            reference = metrics(WORK.resolve("reference"), "faults");
            assertEquals(6, reference.size());
        }
        return reference;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            // Checked even if no test compared with it.
            reference();
        } finally {
            if (spark != null) {
                spark.stop();
            }
            Result stop = run(List.of("bash", "jobs/cluster.sh", "stop"), 60);
            assertEquals(0, stop.code, stop.output);
            assertTrue(processes("org.apache.spark.deploy").isEmpty(), "cluster processes left running");
            assertTrue(processes("CoarseGrainedExecutorBackend").isEmpty(), "executors left running");
            assertFalse(Files.exists(SECRET), "stop removes the secret");
        }
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

    /**
     * Two faults in one run, one after the other: the executor killed mid-trial (the worker starts another, and the
     * trials it was running are retried), then, once a trial retried after that has landed and others are still to
     * land, the worker killed and restarted. After both, every trial has landed once with the numbers of an undisturbed
     * run.
     */
    @Test
    void anExecutorKilledMidTrialIsReplacedAndThenAWorkerKilledAndRestartedAndNothingIsLost() throws Exception {
        Path out = WORK.resolve("executor-and-worker-killed");
        Process driver = submitInBackground(out, write("faults.conf", FAULT_GRID));
        waitForLanded(out, "faults", 1, driver);
        List<ProcessHandle> executors = processes("CoarseGrainedExecutorBackend");
        assertEquals(1, executors.size(), "one executor expected");
        executors.get(0).destroyForcibly();
        waitForRow(out, r -> r.taskAttempt() >= 1, "a task retried after the executor was killed", driver);
        long landed = landed(out).size();
        assertTrue(landed < 6, "trials left to land when the worker is killed: " + (6 - landed));

        long worker = Long.parseLong(Files.readString(Path.of("target/cluster/worker-1.pid")).trim());
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        Thread.sleep(3000);
        Result restart = run(List.of("bash", "jobs/cluster.sh", "start-worker", "1"), 120);
        assertEquals(0, restart.code, restart.output);
        assertEquals(0, waitFor(driver, 300), log(out));
        assertEveryTrialOnceAndAsUndisturbed(out);
        assertTrue(maxAttempt(out) >= 1, "a task should have been retried after the executor was killed");
    }

    /** FAULT_GRID with a state saved every 0.3 s of training (a setting that changes no number and no trial id). */
    static final String STATE_GRID = FAULT_GRID + "training.state-every = 0.005\n";

    /**
     * Two faults in one run of STATE_GRID, one after the other. The executor is killed once a trial has a state from
     * epoch 2 on: the retried task continues that trial from its state. Once such a row has landed, the driver is killed
     * while a trial that has not landed has a state from epoch 2 on; the resumed run trains only the trials that had
     * not landed, and continues that one from its state. Every trial lands once with the undisturbed numbers, and no
     * state is left.
     */
    @Test
    void anExecutorKilledThenTheDriverKilledAndResumedContinueTheirTrialsFromTheirStatesToTheSameNumbers() throws Exception {
        Path out = WORK.resolve("executor-and-driver-killed");
        Path grid = write("faults-state.conf", STATE_GRID);
        Process submit = submitInBackground(out, grid);
        waitForState(out, 2, submit);
        List<ProcessHandle> executors = processes("CoarseGrainedExecutorBackend");
        assertEquals(1, executors.size(), "one executor expected");
        executors.get(0).destroyForcibly();
        waitForRow(out, r -> r.taskAttempt() >= 1 && r.firstTrainedEpoch() > 1,
                "a task retried after the executor was killed that continued its trial from its state", submit);

        // This submission's driver only: the reference may still be training, in a SparkSubmit of its own.
        List<ProcessHandle> drivers = submit.descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.spark.deploy.SparkSubmit")).orElse(false))
                .toList();
        assertEquals(1, drivers.size(), "one driver expected");
        killDriverWhileATrialWithAStateHasNotLanded(out, drivers.get(0), submit);
        waitFor(submit, 60);
        Set<String> landedBefore = landed(out).stream().map(Landed::trialId).collect(Collectors.toSet());
        long landed = count(out, "faults", Tables.RUNS.name());
        assertEquals(landedBefore.size(), landed, "each landed trial once");
        assertTrue(landed >= 1 && landed < 6, "landed before the kill: " + landed);
        Result resume = run(submitCommand(out, grid, "--resume"), 300);
        assertEquals(0, resume.code, resume.output);
        assertTrue(resume.output.contains("(" + landed + " already done)"), resume.output);
        assertEveryTrialOnceAndAsUndisturbed(out);
        List<Row> continued = continued(out);
        assertTrue(continued.stream().anyMatch(r -> r.<Integer>getAs("task_attempt") >= 1),
                "a retried task should have continued from its trial's state: " + runs(out, "faults"));
        assertTrue(continued.stream().anyMatch(r -> !landedBefore.contains(r.<String>getAs("trial_id"))),
                "a resumed trial should have continued from its state: " + runs(out, "faults"));
        assertStatesRemoved(out);
    }

    /**
     * Kills the driver while a trial that has a state from epoch 2 on has not landed. Its last epoch may end between
     * seeing the state and the kill, so the executor is stopped first (SIGSTOP: no trial ends or lands while it is),
     * and only if that trial has still not landed a moment later is the driver killed, then the stopped executor;
     * otherwise the executor goes on and the next such trial is waited for.
     */
    private static void killDriverWhileATrialWithAStateHasNotLanded(Path out, ProcessHandle driver, Process submit)
            throws Exception {
        for (int tries = 0; tries < 5; tries++) {
            Set<String> candidates = waitForStateOfATrialNotLanded(out, 2, submit);
            List<ProcessHandle> executors = processes("CoarseGrainedExecutorBackend");
            assertEquals(1, executors.size(), "one executor expected");
            signal("STOP", executors.get(0));
            Thread.sleep(1000);
            candidates.removeAll(landed(out).stream().map(Landed::trialId).collect(Collectors.toSet()));
            if (!candidates.isEmpty()) {
                driver.destroyForcibly();
                executors.get(0).destroyForcibly();
                return;
            }
            signal("CONT", executors.get(0));
        }
        throw new AssertionError("every trial seen with a state landed before the executor could be stopped, 5 times");
    }

    private static void signal(String name, ProcessHandle process) throws Exception {
        Result r = run(List.of("kill", "-" + name, Long.toString(process.pid())), 10);
        assertEquals(0, r.code, r.output);
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

    /** A runs row of FAULT_GRID as it landed: which trial, which task attempt, and the epoch it started training in. */
    record Landed(String trialId, int taskAttempt, int firstTrainedEpoch) {}

    /** The runs files of FAULT_GRID landed so far in {@code out}, by name (a file is renamed into place whole). */
    static List<Path> landedFiles(Path out) throws IOException {
        Path dir = out.resolve("runs/experiment=faults");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("part-") && f.getFileName().toString().endsWith(".parquet"))
                    .sorted().toList();
        }
    }

    /** The runs rows of FAULT_GRID landed so far in {@code out}, read with DuckDB (no Spark job) while the grid runs. */
    static List<Landed> landed(Path out) throws SQLException, IOException {
        return landed(landedFiles(out));
    }

    private static List<Landed> landed(List<Path> files) throws SQLException {
        if (files.isEmpty()) {
            return List.of();
        }
        List<Landed> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT trial_id, task_attempt, coalesce(first_trained_epoch, 1) FROM read_parquet(["
                        + files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + "])")) {
            while (r.next()) {
                rows.add(new Landed(r.getString(1), r.getInt(2), r.getInt(3)));
            }
        }
        return rows;
    }

    /** Waits until a runs row that {@code wanted} accepts has landed while the driver runs. */
    static void waitForRow(Path out, Predicate<Landed> wanted, String what, Process driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        List<Path> read = List.of();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the run ended before the next fault could be injected, with no row of " + what
                        + ": " + landed(out) + "\n" + log(out));
            }
            List<Path> files = landedFiles(out);
            // The rows are read again only when a file has landed.
            if (!files.equals(read)) {
                read = files;
                if (landed(files).stream().anyMatch(wanted)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no row of " + what + " within 4 minutes:\n" + log(out));
    }

    /**
     * Waits until a trial whose row has not landed has saved a state in epoch {@code epoch} or later (a trial's state
     * folder goes once its row has landed; the rows are read after the states, so a trial that lands in between counts
     * as landed), and returns such trials' ids.
     */
    static Set<String> waitForStateOfATrialNotLanded(Path out, int epoch, Process driver) throws Exception {
        Path states = out.resolve("state");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        List<Path> read = null;
        Set<String> landed = Set.of();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the run ended before the fault could be injected:\n" + log(out));
            }
            Set<String> withState = new java.util.HashSet<>();
            if (Files.isDirectory(states)) {
                try (Stream<Path> files = Files.walk(states, 2)) {
                    files.filter(f -> f.getFileName().toString().matches("state-e\\d{6}-m\\d{9}\\.bin")
                            && Integer.parseInt(f.getFileName().toString().substring(7, 13)) >= epoch)
                            .forEach(f -> withState.add(f.getParent().getFileName().toString()));
                } catch (java.io.UncheckedIOException e) {
                    // A state replaced while the folder was walked: look again.
                }
            }
            List<Path> files = landedFiles(out);
            if (!files.equals(read)) {
                read = files;
                landed = landed(files).stream().map(Landed::trialId).collect(Collectors.toSet());
            }
            withState.removeAll(landed);
            if (!withState.isEmpty()) {
                return withState;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no state of epoch " + epoch + " of a trial not landed within 4 minutes:\n" + log(out));
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

    private void assertEveryTrialOnceAndAsUndisturbed(Path out) throws Exception {
        List<Row> runs = runs(out, "faults");
        assertEquals(6, runs.size());
        assertEquals(6, runs.stream().map(r -> r.getAs("trial_id")).distinct().count());
        assertTrue(runs.stream().allMatch(r -> r.getAs("status").equals("OK")));
        assertEquals(18, count(out, "faults", Tables.EPOCHS.name()));
        assertEquals(reference(), metrics(out, "faults"), "retried trials must give the numbers of an undisturbed run");
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

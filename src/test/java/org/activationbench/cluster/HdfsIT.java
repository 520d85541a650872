package org.activationbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.Sessions;
import org.activationbench.storage.DurableFiles;
import org.activationbench.storage.WriterLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real HDFS: Hadoop's in-process mini cluster (one namenode, one datanode, on 127.0.0.1 only, kept under
 * {@code target/hdfs-it/dfs}), written by grids run as a user runs them ({@code jobs/run-local.sh}, a driver process of
 * its own) with {@code --output hdfs://...} and {@code --state-dir hdfs://...}. A grid lands every row there; a driver
 * killed with SIGKILL mid-grid is resumed, each trial landing once and the interrupted ones continuing from their
 * states; and every table read back equals that of the same grid run on the local disk, bit for bit. The writer lock
 * and the durable writes are also checked against what HDFS does differently from a local disk: a file a dead client
 * left open stays open under its lease, refusing anyone else's create-if-absent, for a minute or more.
 */
class HdfsIT {

    static final java.nio.file.Path WORK = java.nio.file.Path.of("target/hdfs-it").toAbsolutePath();
    static final String EXPERIMENT = "hdfs";
    static final int TRIALS = 6;
    static final int EPOCHS = 3;
    static final String GRID = """
            experiment = "hdfs"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2, 3], seeds = 3 }
            data.train-examples = 3000
            """;
    /** The number columns of runs and epochs, as {@link org.activationbench.cli.LandedNumbers} compares them. */
    static final List<String> RUNS_NUMBERS = List.of("status", "epochs_completed", "train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "test_loss_by_epoch", "test_accuracy_by_epoch");
    static final List<String> EPOCHS_NUMBERS = List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy",
            "dead_fraction", "gradient_norm");

    private static MiniDFSCluster cluster;
    private static DistributedFileSystem fs;
    private static String hdfs;
    private static SparkSession spark;
    /** The tables of the grid run on the local disk. */
    private static Landed local;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startHdfsAndRunTheGridOnItAndOnTheLocalDisk() throws Exception {
        StandaloneClusterIT.deleteTree(WORK);
        Files.createDirectories(WORK);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("dfs").toString());
        for (String key : List.of("dfs.namenode.rpc-address", "dfs.namenode.http-address", "dfs.datanode.address",
                "dfs.datanode.http.address", "dfs.datanode.ipc.address")) {
            conf.set(key, "127.0.0.1:0");
        }
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        fs = cluster.getFileSystem();
        hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        assertTrue(cluster.getNameNode().getNameNodeAddress().getAddress().isLoopbackAddress());
        assertTrue(cluster.getNameNode().getHttpAddress().getAddress().isLoopbackAddress());
        for (DataNode dn : cluster.getDataNodes()) {
            assertTrue(dn.getXferAddress().getAddress().isLoopbackAddress(), dn.getDisplayName());
        }
        // The reference on the local disk and the undisturbed run on HDFS at the same time: neither's numbers depend on it.
        Process onDisk = driver("local", List.of("--output", WORK.resolve("local").toString()));
        Process whole = driver("whole", List.of("--output", hdfs + "/results/whole", "--state-dir", hdfs + "/state/whole"));
        assertEquals(0, StandaloneClusterIT.waitFor(onDisk, 600), log("local"));
        assertEquals(0, StandaloneClusterIT.waitFor(whole, 600), log("whole"));
        spark = Sessions.create("hdfs-it", "local[2]");
        local = Landed.of(WORK.resolve("local").toString());
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        if (spark != null) {
            spark.stop();
        }
        if (fs != null) {
            fs.close();
        }
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void aGridOnHdfsLandsEveryRowAndEqualsTheSameGridOnTheLocalDisk() throws IOException {
        Landed whole = Landed.of(hdfs + "/results/whole");
        assertEquals(TRIALS, whole.runs().size());
        assertEquals(TRIALS * EPOCHS, whole.epochs().size());
        assertFalse(whole.comparisons().isEmpty(), "no comparisons landed");
        whole.assertEquals(local);
        assertEquals(sorted(local.comparisons()), sorted(whole.comparisons()));
        assertNothingLeftBehind(whole.output(), "/state/whole");
    }

    /**
     * SIGKILL once a trial has landed and one that has not has a state from epoch 2 on. Then the files a killed writer
     * holds open (each write takes milliseconds, so the kill itself seldom lands inside one): the interrupted trial's
     * next state and progress file, and a runs file being landed, left open by an HDFS client that is then aborted, so
     * that the namenode keeps its lease as it does a killed process's. The resumed run writes over the first two and
     * deletes the third.
     */
    @Test
    void aDriverKilledMidGridOnHdfsIsResumedWithEachTrialLandedOnceAndTheInterruptedOnesContinuedFromTheirStates()
            throws Exception {
        String out = hdfs + "/results/killed";
        Path states = new Path(hdfs + "/state/killed");
        List<String> args = List.of("--output", out, "--state-dir", states.toString());
        Process driver = driver("killed", args);
        waitForLandedAndState(out, states, driver);
        driver.destroyForcibly();
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the killed driver did not end");
        Map<String, Integer> stateEpochs = settled(out, states);
        Map<String, String> landedAttempts = new TreeMap<>();
        for (Row r : new ResultStore(spark, out, EXPERIMENT).read(Tables.RUNS).collectAsList()) {
            assertEquals(null, landedAttempts.put(r.getAs("trial_id"), r.getAs("attempt_id")), "landed twice: " + r);
        }
        Set<String> landed = landedAttempts.keySet();
        assertTrue(!landed.isEmpty() && landed.size() < TRIALS, "landed before the kill: " + landed);
        String interrupted = stateEpochs.entrySet().stream().filter(e -> !landed.contains(e.getKey()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError("no unfinished trial had a state: " + stateEpochs + ", landed " + landed));
        int continueAt = stateEpochs.get(interrupted);
        Path trialState = new Path(states, interrupted);
        leaveOpen(new Path(trialState, String.format(".state-e%06d-m000000000.bin.tmp", continueAt + 1)));
        leaveOpen(new Path(trialState, ".progress.tmp"));
        leaveOpen(new Path(out + "/runs/experiment=" + EXPERIMENT, ".part-0000000000000-00099-" + interrupted + ".parquet.tmp"));

        List<String> resumeArgs = new ArrayList<>(args);
        resumeArgs.add("--resume");
        Process resume = driver("resumed", resumeArgs);
        assertEquals(0, StandaloneClusterIT.waitFor(resume, 600), log("resumed"));
        String said = log("resumed");
        Matcher resuming = Pattern.compile("resuming: (\\d+) of 6 trials landed, (\\d+) to continue from their saved state")
                .matcher(said);
        assertTrue(resuming.find(), said);
        assertEquals(landed.size(), Integer.parseInt(resuming.group(1)), said);
        assertTrue(Integer.parseInt(resuming.group(2)) >= 1, said);
        assertTrue(said.contains((TRIALS - landed.size()) + " trials run (" + landed.size() + " already done)"),
                "only the trials missing were run: " + said);
        assertTrue(said.contains("trial " + interrupted + ": continuing from its state at the end of epoch " + (continueAt - 1)),
                said);
        assertFalse(said.contains("could not be saved") || said.contains("cannot hand over"),
                "a file a dead writer held open stopped a write: " + said);

        Landed resumed = Landed.of(out);
        assertEquals(TRIALS, resumed.runs().size());
        assertEquals(TRIALS * EPOCHS, resumed.epochs().size());
        Map<String, Row> runs = resumed.runs().stream().collect(Collectors.toMap(r -> r.getAs("trial_id"), r -> r));
        landedAttempts.forEach((trial, attempt) -> assertEquals(attempt, runs.get(trial).getAs("attempt_id"),
                "trial " + trial + " landed before the kill and was run again"));
        assertEquals(continueAt, runs.get(interrupted).<Integer>getAs("first_trained_epoch"),
                "trial " + interrupted + " should have continued from its state at the end of epoch " + (continueAt - 1));
        resumed.assertEquals(local);
        assertEquals(sorted(local.comparisons()), sorted(resumed.comparisons()));
        assertNothingLeftBehind(out, "/state/killed");
    }

    /**
     * The writer lock on HDFS: one holder among racing processes (each its own HDFS client), a second writer refused
     * with its holder's name, a lock left by an ended process taken over, and a lock file a process died while creating
     * (still open under its lease, and empty) taken over once HDFS has closed it.
     */
    @Test
    void theWriterLockHoldsOnHdfsAndWhatADeadProcessLeftIsTakenOver() throws Exception {
        Path folder = new Path(hdfs + "/locks");
        fs.mkdirs(folder);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriterLock>> racers = new ArrayList<>();
        List<FileSystem> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FileSystem own = FileSystem.newInstance(fs.getUri(), fs.getConf());
            clients.add(own);
            racers.add(pool.submit(() -> {
                go.await();
                try {
                    return WriterLock.acquire(own, folder, "run", m -> { });
                } catch (WriterLock.HeldException e) {
                    return null;
                }
            }));
        }
        go.countDown();
        List<WriterLock> holders = new ArrayList<>();
        for (Future<WriterLock> f : racers) {
            if (f.get() != null) {
                holders.add(f.get());
            }
        }
        pool.shutdown();
        assertEquals(1, holders.size());
        WriterLock.HeldException refused = assertThrows(WriterLock.HeldException.class,
                () -> WriterLock.acquire(fs, folder, "report", m -> { }));
        assertTrue(refused.getMessage().contains("'run' (pid " + ProcessHandle.current().pid()), refused.getMessage());
        holders.get(0).close();
        assertFalse(fs.exists(new Path(folder, WriterLock.FILE)), "released");
        for (FileSystem c : clients) {
            c.close();
        }

        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        DurableFiles.write(fs, new Path(folder, WriterLock.FILE), ("host=" + java.net.InetAddress.getLocalHost().getHostName()
                + "\npid=" + ended.pid() + "\nsince=2020-01-01T00:00:00Z\ncommand=run ended\n").getBytes(StandardCharsets.UTF_8));
        List<String> notices = new ArrayList<>();
        WriterLock.acquire(fs, folder, "run", notices::add).close();
        assertTrue(notices.size() == 1 && notices.get(0).contains("'run ended' (pid " + ended.pid()), notices.toString());

        leaveOpen(new Path(folder, WriterLock.FILE), new byte[0]);
        assertFalse(fs.isFileClosed(new Path(folder, WriterLock.FILE)));
        // What the lock's create-if-absent meets: not FileAlreadyExistsException, but the lease's own refusal.
        RemoteException leased = assertThrows(RemoteException.class, () -> fs.create(new Path(folder, WriterLock.FILE), false));
        assertEquals(AlreadyBeingCreatedException.class.getName(), leased.getClassName(), leased.getMessage());
        notices.clear();
        WriterLock taken = WriterLock.acquire(fs, folder, "run", notices::add);
        assertTrue(notices.size() == 1 && notices.get(0).contains("left empty by a process that died while creating it"),
                notices.toString());
        assertTrue(read(new Path(folder, WriterLock.FILE)).contains("pid=" + ProcessHandle.current().pid()));
        taken.close();
    }

    /** A durable write over a temporary file another client holds open (a dead writer's, under its lease) lands whole. */
    @Test
    void aDurableWriteLandsWholeOverATemporaryADeadWriterLeftOpen() throws IOException {
        Path file = new Path(hdfs + "/open/progress");
        leaveOpen(DurableFiles.temporary(file));
        assertFalse(fs.isFileClosed(DurableFiles.temporary(file)));
        DurableFiles.write(fs, file, "epoch 2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("epoch 2\n", read(file));
        assertFalse(fs.exists(DurableFiles.temporary(file)));
        DurableFiles.write(fs, file, "epoch 3\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("epoch 3\n", read(file), "replaced");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Starts {@code jobs/run-local.sh} on the grid with two cores, its output in {@code WORK/<name>.log}. */
    private static Process driver(String name, List<String> args) throws IOException {
        java.nio.file.Path grid = WORK.resolve("grid.conf");
        if (!Files.exists(grid)) {
            Files.writeString(grid, GRID);
        }
        List<String> command = new ArrayList<>(List.of("bash", "jobs/run-local.sh", grid.toString(), "--no-report"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_LOCAL_CORES", "2");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String log(String name) throws IOException {
        return Files.readString(WORK.resolve(name + ".log"));
    }

    /**
     * Waits until a runs file has landed and a trial not named by one (a file holds the trials that ended together, named
     * after the first) has saved a state from epoch 2 on: at the end of epoch 1.
     */
    private static void waitForLandedAndState(String out, Path states, Process driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the run ended before it could be killed:\n" + log("killed"));
            }
            List<String> landed = landedFiles(out);
            if (!landed.isEmpty() && stateEpochs(states).entrySet().stream()
                    .anyMatch(e -> landed.stream().noneMatch(f -> f.contains(e.getKey())) && e.getValue() >= 2)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no state of an unfinished trial within 5 minutes:\n" + log("killed"));
    }

    /**
     * The trials' newest state epochs once what a killed driver had sent has reached the namenode: its last calls (a
     * rename that lands a file) may still be served after it died, so the listings are read until they stay the same.
     */
    private static Map<String, Integer> settled(String out, Path states) throws Exception {
        Map<String, Integer> before = stateEpochs(states);
        List<String> landedBefore = landedFiles(out);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            Map<String, Integer> now = stateEpochs(states);
            List<String> landedNow = landedFiles(out);
            if (now.equals(before) && landedNow.equals(landedBefore)) {
                return now;
            }
            before = now;
            landedBefore = landedNow;
        }
        throw new AssertionError("the killed driver's files still change after 10 s");
    }

    /** The names of the runs files landed so far. */
    private static List<String> landedFiles(String out) throws IOException {
        Path dir = new Path(out + "/runs/experiment=" + EXPERIMENT);
        if (!fs.exists(dir)) {
            return List.of();
        }
        return java.util.Arrays.stream(fs.listStatus(dir)).map(f -> f.getPath().getName())
                .filter(n -> n.startsWith("part-") && n.endsWith(".parquet")).sorted().toList();
    }

    /** Per trial with a state folder, the epoch in the name of its newest state ({@code state-eNNNNNN-...}), if any. */
    private static Map<String, Integer> stateEpochs(Path states) throws IOException {
        Map<String, Integer> epochs = new TreeMap<>();
        if (fs.exists(states)) {
            for (FileStatus trial : fs.listStatus(states)) {
                int newest = newestStateEpoch(trial.getPath());
                if (newest > 0) {
                    epochs.put(trial.getPath().getName(), newest);
                }
            }
        }
        return epochs;
    }

    /** The epoch in the name of a trial's newest state ({@code state-eNNNNNN-...}: that epoch not yet begun), or 0. */
    private static int newestStateEpoch(Path trialFolder) throws IOException {
        int newest = 0;
        if (fs.exists(trialFolder)) {
            for (FileStatus f : fs.listStatus(trialFolder)) {
                Matcher m = Pattern.compile("state-e(\\d{6})-m\\d{9}\\.bin").matcher(f.getPath().getName());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return newest;
    }

    private static void leaveOpen(Path file) throws IOException {
        leaveOpen(file, "cut short by a kill".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Leaves {@code file} as a killed writer does: created by another HDFS client, some bytes sent (none for an empty
     * array), never closed; the client's streams are aborted, so the namenode keeps its lease until it expires.
     */
    private static void leaveOpen(Path file, byte[] bytes) throws IOException {
        if (fs.exists(file) && !fs.isFileClosed(file)) {
            return; // the killed driver's own, open as it left it
        }
        DistributedFileSystem writer = (DistributedFileSystem) FileSystem.newInstance(fs.getUri(), fs.getConf());
        FSDataOutputStream out = writer.create(file, true);
        out.write(bytes);
        out.hflush();
        writer.getClient().closeAllFilesBeingWritten(true);
        writer.close();
    }

    private static String read(Path file) throws IOException {
        try (var in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /** A run's three tables, each read once. */
    record Landed(String output, List<Row> runs, List<Row> epochs, List<Row> comparisons) {

        static Landed of(String output) {
            ResultStore store = new ResultStore(spark, output, EXPERIMENT);
            return new Landed(output, store.read(Tables.RUNS).collectAsList(), store.read(Tables.EPOCHS).collectAsList(),
                    store.read(Tables.COMPARISONS).collectAsList());
        }

        /** Per trial (and epoch) the numbers of runs and epochs equal {@code other}'s as Java's doubles are: bit for bit. */
        void assertEquals(Landed other) {
            org.junit.jupiter.api.Assertions.assertEquals(numbers(other.runs, List.of("trial_id"), RUNS_NUMBERS),
                    numbers(runs, List.of("trial_id"), RUNS_NUMBERS), "runs of " + output + " and " + other.output);
            org.junit.jupiter.api.Assertions.assertEquals(numbers(other.epochs, List.of("trial_id", "epoch"), EPOCHS_NUMBERS),
                    numbers(epochs, List.of("trial_id", "epoch"), EPOCHS_NUMBERS), "epochs of " + output + " and " + other.output);
        }

        private static Map<String, List<Object>> numbers(List<Row> rows, List<String> key, List<String> columns) {
            Map<String, List<Object>> numbers = new TreeMap<>();
            for (Row r : rows) {
                String k = key.stream().map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/"));
                List<Object> values = new ArrayList<>();
                for (String c : columns) {
                    Object v = r.getAs(c);
                    values.add(v instanceof scala.collection.Seq<?> ? r.getList(r.fieldIndex(c)) : v);
                }
                assertTrue(numbers.put(k, values) == null, k + " is there twice");
            }
            assertFalse(numbers.isEmpty(), "nothing landed");
            return numbers;
        }
    }

    /**
     * No temporary file, staging folder or set-aside file in the tables, and no state kept: every trial landed OK, so
     * the state folder is gone or empty.
     */
    private static void assertNothingLeftBehind(String out, String states) throws IOException {
        List<String> left = new ArrayList<>();
        for (String table : List.of("runs", "epochs", "comparisons")) {
            RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(new Path(out, table), true);
            while (files.hasNext()) {
                Path p = files.next().getPath();
                if (p.getName().startsWith(".") || p.getName().startsWith("_") || !p.getParent().getName().startsWith("experiment=")) {
                    left.add(p.toString());
                }
            }
        }
        Path stateRoot = new Path(hdfs + states);
        if (fs.exists(stateRoot)) {
            for (FileStatus s : fs.listStatus(stateRoot)) {
                left.add(s.getPath().toString());
            }
        }
        assertEquals(List.of(), left);
    }
}

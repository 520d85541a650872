package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.testing.FaultyFileSystem;
import org.activationbench.testing.FaultyFileSystem.Fault;
import org.activationbench.testing.TrialLaunches;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each write path of {@code run} failing as a full disk does, through {@code faulty://} (the local disk, whose writes
 * fail from the Nth on with {@code FSError} or {@code IOException}): the run stops with exit code 4 and one line naming
 * the file, the cause and what to do; no trial starts after the failure; the rows landed stay readable; and
 * {@code --resume}, once the disk has room again, ends with every trial once and the numbers of an undisturbed run.
 * Real MNIST, 300 examples, 6 MLP trials of 2 epochs, local[2].
 */
class WriteFaultsTest {

    static final String GRID = """
            experiment = "faults"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2], seeds = 3 }
            data.train-examples = 300
            """;
    static final int TRIALS = 6;
    /** A task launched this long after the failure was launched after the driver saw it (a trial takes seconds). */
    static final long SLACK_MILLIS = 300;

    @TempDir
    static Path shared;
    static Path gridFile;
    static LandedNumbers undisturbed;

    @TempDir
    Path dir;

    @BeforeAll
    static void runUndisturbed() throws Exception {
        System.setProperty("spark.activationbench.handOverInterval", "200ms");
        System.setProperty("spark.extraListeners", TrialLaunches.class.getName());
        gridFile = Files.writeString(shared.resolve("faults.conf"), GRID);
        Path out = shared.resolve("undisturbed");
        CommandRun run = CommandRun.of(args(out.toString(), "--no-report"));
        assertEquals(0, run.code(), run.err());
        undisturbed = LandedNumbers.of(out, "faults");
        assertEquals(TRIALS, undisturbed.runs().size());
        assertEquals(2 * TRIALS, undisturbed.epochs().size());
    }

    @AfterAll
    static void clearProperties() {
        System.clearProperty("spark.activationbench.handOverInterval");
        System.clearProperty("spark.extraListeners");
    }

    static String[] args(String output, String... more) {
        List<String> a = new ArrayList<>(List.of("run", gridFile.toString(), "--output", output, "--master", "local[2]"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * One output folder through every write path's failure in turn, each run stopped by its fault and the next one a
     * {@code --resume}: a trial's rows (FSError), a streamed checkpoint (IOException), the compaction (FSError), the
     * comparisons (IOException), the report (its folder gone); then a last resume with the disk
     * whole again ends with every trial once and the undisturbed numbers. One chain, as each step starts from what the
     * one before left, and a run costs seconds of Spark start-up alone.
     */
    @Test
    void eachWritePathThatFailsStopsTheRunAndResumeFinishesIt() throws Exception {
        Path out = dir.resolve("out");
        Path report = dir.resolve("report");
        String[] reportDir = {"--report-dir", report.toString()};

        // The first landing's runs file: the checkpoints streamed (or landed with it) stay; the two trials launched as
        // the first two ended may run, the last two are never launched.
        stoppedBy(new Fault(p -> p.getName().startsWith(".part-") && p.toString().contains("/runs/"), 1, true), false,
                reportDir);
        assertEquals(0, LandedNumbers.of(out, "faults").runs().size());
        assertTrue(LandedNumbers.of(out, "faults").epochs().size() >= 1, "the checkpoints that landed stay");
        assertTrue(TrialLaunches.times().size() < TRIALS, "trials launched: " + TrialLaunches.times().size());

        CommandRun streamed = stoppedBy(new Fault(p -> FaultyFileSystem.calledFrom("landCheckpoints"), 1, false), true,
                reportDir);
        assertTrue(streamed.out().contains("faults: resuming: 0 of " + TRIALS + " trials landed, "), streamed.out());
        assertTrue(LandedNumbers.of(out, "faults").runs().size() < TRIALS);

        // The compacted runs file, staged under its hidden name.
        stoppedBy(new Fault(p -> p.toString().contains("/_compacting-") && p.getName().endsWith(".parquet.tmp"), 1, true),
                true, reportDir);
        assertEquals(TRIALS, LandedNumbers.of(out, "faults").runs().size(), "every trial landed before the compaction");

        stoppedBy(new Fault(p -> p.toString().contains("/comparisons/"), 1, false), true, reportDir);
        assertTrue(LandedNumbers.files(out, "comparisons", "faults").isEmpty());

        // The report's folder vanishes as the comparisons are written, just before the report: a file takes the place
        // of the folder around it.
        Path reports = report.getParent().resolve("reports");
        String[] nested = {"--report-dir", reports.resolve("faults").toString()};
        Fault vanish = new Fault(p -> {
            if (p.toString().contains("/comparisons/") && !Files.exists(reports)) {
                try {
                    Files.writeString(reports, "in the way");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return false;
        }, 1, false);
        CommandRun noReport = stoppedBy(vanish, true, nested);
        assertTrue(noReport.err().contains("cannot write " + reports.resolve("faults") + ": "), noReport.err());
        Files.delete(reports);

        List<String> a = new ArrayList<>(List.of(reportDir));
        a.add("--resume");
        CommandRun resumed = CommandRun.of(args(FaultyFileSystem.uri(out), a.toArray(String[]::new)));
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("faults: resuming: " + TRIALS + " of " + TRIALS + " trials landed, 0 to continue"
                + " from their saved state, 0 damaged file(s) set aside"), resumed.out());
        assertEquals(undisturbed, LandedNumbers.of(out, "faults"));
        assertFalse(LandedNumbers.files(out, "comparisons", "faults").isEmpty());
        assertTrue(Files.isRegularFile(report.resolve("report.html")));
    }

    /**
     * The reported scenario, on a real 1.4 MB file system (tmpfs; needs root with CAP_SYS_ADMIN): 12 MLP trials of
     * 3,000 examples, epochs 1 and 2, whose states alone (2.8 MB each, two per trial training at once) cannot fit. The
     * run is refused before it trains, with the figures, instead of training every trial with nothing landing.
     */
    @Test
    void aGridThatCannotFitOnItsDiskIsRefusedBeforeItTrains() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1400k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
                "a 1.4 MB tmpfs cannot be mounted here (needs root with CAP_SYS_ADMIN): " + said.strip());
        try {
            Path grid = Files.writeString(dir.resolve("small.conf"), """
                    experiment = "small-disk"
                    dataset = mnist
                    grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 2], seeds = 6 }
                    data.train-examples = 3000
                    """);
            CommandRun run = CommandRun.of("run", grid.toString(), "--output", disk.resolve("out").toString(),
                    "--master", "local[2]", "--no-report");
            assertEquals(2, run.code(), run.out() + run.err());
            // Expected need: rows 12 x 2 x (13.5 + 3 x 6.5 KB) = 792 KB; states 2 x 2 x (235,146 x 12 + 16,384) bytes.
            long states = 4 * (235_146L * 12 + 16_384);
            String need = String.format(java.util.Locale.ROOT, "%.1f MB", (792_000 + states) / 1e6);
            assertTrue(run.err().contains("run: " + disk.resolve("out") + " has "), run.err());
            assertTrue(run.err().contains(" free, and this grid writes up to " + need + " there (rows 792 KB, the states of"
                    + " 2 trial(s) training at once "), run.err());
            assertFalse(Files.exists(disk.resolve("out").resolve("grid.conf")), "nothing written");
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    /** Runs with the fault armed; checks the exit code, the one line, and that no trial started after the failure. */
    private CommandRun stoppedBy(Fault fault, boolean resume, String... more) throws InterruptedException {
        String output = FaultyFileSystem.uri(dir.resolve("out"));
        List<String> a = new ArrayList<>(List.of(more));
        if (resume) {
            a.add("--resume");
        }
        TrialLaunches.clear();
        FaultyFileSystem.fail(fault);
        CommandRun run;
        try {
            run = CommandRun.of(args(output, a.toArray(String[]::new)));
        } finally {
            FaultyFileSystem.clear();
        }
        Tasks.awaitNone();
        assertEquals(4, run.code(), run.out() + run.err());
        List<String> lines = run.err().lines().filter(l -> l.startsWith("run: ")).toList();
        assertEquals(1, lines.size(), run.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("run: stopped: cannot write "), line);
        assertTrue(line.endsWith("; the rows that landed are kept in " + output + ": free space (or make the folder"
                + " writable), then run the same command with --resume"), line);
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
        if (FaultyFileSystem.firstFailedPath() != null) {
            assertTrue(line.contains(FaultyFileSystem.NO_SPACE), line);
            long failed = FaultyFileSystem.firstFailureMillis();
            assertTrue(TrialLaunches.times().stream().allMatch(t -> t <= failed + SLACK_MILLIS),
                    "trials launched at " + TrialLaunches.times() + ", the first write failed at " + failed);
        }
        LandedNumbers.of(dir.resolve("out"), "faults");  // every file a reader takes is whole Parquet
        return run;
    }
}

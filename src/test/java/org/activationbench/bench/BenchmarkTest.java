package org.activationbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.activationbench.cli.Main;
import org.activationbench.run.GridDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

    @TempDir
    Path dir;

    private static BenchResult result() {
        return new BenchResult("SKYLAKEX", 2,
                List.of(new EpochTiming("mlp", "fast", 60000, List.of(1.5, 1.25), 1.375, 43636.4, 43.6, 1.25, 1.1),
                        new EpochTiming("cnn", "stock", 6000, List.of(2.5, 2.75), 26.25, 2285.7, 2.29, null, null),
                        new EpochTiming("mlp", "stock", 60000, List.of(2.75), 2.75, 21818.2, 21.8, 1.25, 2.2)),
                List.of(new GridThroughput(1, 1, 16, 80.0, 60.0, 0.5, 0.75, 5.0, 1100, 14.5),
                        new GridThroughput(2, 1, 16, 44.0, 109.1, 0.625, 0.8, 5.25, 1300, Double.NaN)),
                80.0 / 44.0, List.of(80.0 / 44.0), 2 * 5.0 / 5.25, List.of(2 * 5.0 / 5.25),
                new MatrixPeak(2048, 2, List.of(0.2, 0.25, 0.2), MatrixPeak.gflops(2048, 0.2)),
                List.of(EpochFloor.of("mlp", 60000, MatrixPeak.gflops(2048, 0.2), 1.375, 1.25)),
                List.of(SideBySide.of(2, 1, 10.0, 11.0)), 2 * 10.0 / 11.0, 80.0 / 44.0 / (2 * 10.0 / 11.0),
                2 * 5.0 / 5.25 / (2 * 10.0 / 11.0));
    }

    @Test
    void warmTrialsAreThoseAfterTheFirstOnEachCore() {
        // started out of order: the two earliest (t = 0 and 1, 9 s each: the JVM's warm-up) are left out
        List<double[]> trials = List.of(new double[] {10, 5}, new double[] {1, 9}, new double[] {9.5, 4},
                new double[] {0, 9}, new double[] {14, 6});
        assertEquals(5.0, GridThroughput.warmTaskSeconds(trials, 2), 1e-12);
        assertEquals(6.0, GridThroughput.warmTaskSeconds(trials, 1), 1e-12);
        assertTrue(Double.isNaN(GridThroughput.warmTaskSeconds(trials.subList(0, 2), 2)));
    }

    /**
     * Two trials that ended at 20 s and 20.5 s (one clock) after 10.5 s and 10.2 s ran from 9.5 s to 20.5 s: 11 s side
     * by side; a trial read from train's status line.
     */
    @Test
    void independentTrainingsAreTimedFromTheFirstTrialStartToTheLastEnd() {
        assertEquals(11.0, SideBySide.phase(new double[] {20.0, 20.5}, new double[] {10.5, 10.2}), 1e-12);
        assertEquals(10.0, SideBySide.phase(new double[] {20.0}, new double[] {10.0}), 1e-12);
        assertEquals(7.12, SideBySide.trialSeconds("""
                epoch  train_loss ...
                    5      0.0102 ...
                status OK, 5.6 s training, 7.12 s in all
                12:00:01 INFO  something the JVM logged after
                """));
        assertThrows(IllegalStateException.class, () -> SideBySide.trialSeconds("status OK, 5.6 s training\n"));
    }

    /** Two processes that take 10 s alone and 11 s side by side train 2 x 10 / 11 = 1.82 times as fast as one. */
    @Test
    void independentTrainingsThroughputIsProcessesTimesAloneOverTogether() {
        SideBySide pair = SideBySide.of(2, 3, 10.0, 11.0);
        assertEquals(20.0 / 11.0, pair.throughputRatio(), 1e-12);
        assertEquals(3, pair.round());
        assertEquals(2.0, SideBySide.ratio(2, 8.0, 8.0), 1e-12, "no slowdown: twice the throughput");
        assertEquals(1.5, SideBySide.ratio(3, 10.0, 20.0), 1e-12);
        // a grid at 1.70x beside processes at 1.85x reaches 91.9% of what independent processes do
        assertEquals(1.70 / 1.85, SideBySide.share(1.70, 1.85), 1e-12);
        assertEquals(1.0, SideBySide.share(20.0 / 11.0, pair.throughputRatio()), 1e-12);
    }

    /** The JVMs the bench starts (grid runs, train processes) get every option of conf/jvm that this JVM has. */
    @Test
    void theJvmsTheBenchStartsGetTheProjectsJvmOptions() throws Exception {
        for (String argfile : List.of("add-opens", "jit", "natives")) {
            List<String> options = Files.readAllLines(Path.of("conf", "jvm", argfile)).stream()
                    .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
            assertTrue(Benchmark.jvmOptionsOfThisProcess().containsAll(options), argfile + ": " + options + " not all in "
                    + Benchmark.jvmOptionsOfThisProcess());
        }
    }

    @Test
    void roundsBelowOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkSettings.builder().data(Path.of("data")).warmupEpochs(2).epochs(4).cnnExamples(600)
                        .stockCnnExamples(600).gridArchitecture("mlp").gridSeeds(4).gridEpochs(2).gridRounds(0).cores(2)
                        .outDir(Path.of("target/bench")).mainClass(Main.class.getName()).build());
        assertTrue(e.getMessage().contains("--grid-rounds"), e.getMessage());
    }

    /** What jobs/bench.sh passes on: a bad value or an unknown option ends the command before any work, with code 2. */
    @Test
    void theCommandRefusesBadOptionsBeforeWorking() {
        assertEquals(2, Main.commandLine().execute("bench", "--grid-rounds", "0", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--grid-round", "2", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--epochs", "many"));
        assertEquals(2, Main.commandLine().execute("bench", "--peer-cnn-seconds", "-3", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--grid-arch", "resnet", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--cnn-examples", "-1", "--out", dir.toString()));
        assertFalse(Files.exists(dir.resolve("bench-grid.conf")), "nothing ran");
    }

    /** The grid JVM's report is read back as written: its numbers under snake_case keys, NaN included. */
    @Test
    void aGridJvmsFiguresRoundTripThroughJson() throws Exception {
        GridDriver.Summary summary = new GridDriver.Summary("bench", 16, 2, 13, 0, 1, Duration.ofMillis(41_250), "out", 1234);
        GridJvmFigures figures = GridJvmFigures.of(summary);
        assertEquals(14, figures.trials());
        assertEquals(41.25, figures.wallSeconds(), 0);
        assertEquals(1234, figures.peakResidentMib());
        assertTrue(figures.jitCompileSeconds() > 0, "this JVM has compiled something: " + figures.jitCompileSeconds());
        Path file = dir.resolve(Benchmark.FIGURES_FILE);
        figures.write(file);
        assertTrue(Files.readString(file).contains("\"peak_resident_mib\" : 1234"), Files.readString(file));
        assertEquals(figures, GridJvmFigures.read(file));
        GridJvmFigures unknown = new GridJvmFigures(1, 1, 0, 0, 1.0, -1, Double.NaN);
        unknown.write(file);
        assertEquals(unknown, GridJvmFigures.read(file));
    }

    @Test
    void theResultIsWrittenAsJsonAndAFlatCsv() throws Exception {
        Path file = dir.resolve("bench.json");
        BenchJson.write(file, result());
        assertEquals(result(), BenchJson.read(file, BenchResult.class));
        // a file of the bench before it measured the floor and the independent trainings still gives run --plan its figures
        Path older = dir.resolve("older.json");
        Files.writeString(older, "{\"openblas_coretype\": \"SKYLAKEX\", \"cores\": 2, \"epochs\": [], \"grids\": [],"
                + " \"grid_speed_up\": 1.7}");
        assertEquals(1.7, BenchJson.read(older, BenchResult.class).gridSpeedUp());
        assertNull(BenchJson.read(older, BenchResult.class).floors());
        List<String> csv = BenchJson.csv(result());
        assertEquals("metric,value", csv.get(0));
        assertTrue(csv.contains("openblas_coretype,SKYLAKEX"), csv.toString());
        assertTrue(csv.contains("epochs.cnn_stock.seconds_per_full_epoch,26.25"), csv.toString());
        assertTrue(csv.contains("epochs.mlp_fast.ratio_to_peer,1.1"), csv.toString());
        assertTrue(csv.contains("matrix_peak.gflops," + MatrixPeak.gflops(2048, 0.2)), csv.toString());
        assertTrue(csv.contains("floors.mlp.floor_seconds," + 1_007_104L * 60000 / (MatrixPeak.gflops(2048, 0.2) * 1e9)),
                csv.toString());
        assertTrue(csv.contains("independent_trainings.round1.throughput_ratio," + 2 * 10.0 / 11.0), csv.toString());
        assertTrue(csv.contains("grid_share_of_independent," + 80.0 / 44.0 / (2 * 10.0 / 11.0)), csv.toString());
        assertTrue(csv.contains("grids.local2_round1.peak_resident_mib,1300"), csv.toString());
        assertTrue(csv.contains("grid_speed_up," + 80.0 / 44.0), csv.toString());
        assertFalse(csv.stream().anyMatch(l -> l.startsWith("grid_speed_ups_by_round") || l.contains("epoch_seconds_measured")),
                "lists of numbers stay in the JSON");
        assertEquals(csv.size(), csv.stream().map(l -> l.split(",")[0]).distinct().count(), "each metric named once");
    }
}

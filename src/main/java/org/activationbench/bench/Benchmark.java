package org.activationbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.executor.NativeThreads;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.Training;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.TrialStatus;

/**
 * Measures what a grid costs on this machine: seconds per training epoch of each architecture on one native
 * thread (median of the epochs after the warm-up ones), on the fast engine and on Deeplearning4j's own layers, with
 * the ratio to a peer's figure when one is given and the distance to the epoch's arithmetic floor ({@link EpochFloor});
 * and the throughput of a fixed grid in local mode with 1 and with all cores, each in a JVM of its own, beside that of
 * as many independent {@code train} processes of its trial ({@link SideBySide}).
 */
public final class Benchmark {

    /** The name of the file a grid JVM started by the benchmark writes its {@link GridJvmFigures} to. */
    static final String FIGURES_FILE = "grid-jvm.json";

    private final BenchmarkSettings settings;
    private final PrintStream out;

    public Benchmark(BenchmarkSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Measures the matrix product's peak, times epochs per architecture and engine against their floor, then, in each
     * round, independent trainings and grids on local[1] against local[N]; prints and writes the figures.
     */
    public BenchResult run() {
        NativeThreads.configure(1);
        Dataset mnist = DatasetCache.get(settings.data(), DatasetSpec.MNIST);
        String kernels = Provenance.openBlasCoreType().orElse("chosen by OpenBLAS");
        out.println("OpenBLAS kernels: " + kernels + " (OPENBLAS_CORETYPE)");
        MatrixPeak peak = MatrixPeak.measure();
        out.println("epoch timings (1 native thread, median of " + settings.epochs() + " epochs after " + settings.warmupEpochs()
                + " warm-up epochs):");
        List<EpochTiming> epochs = List.of(
                epochs(mnist, "mlp", Engine.FAST, 0, settings.peerMlpSeconds()),
                epochs(mnist, "cnn", Engine.FAST, settings.cnnExamples(), settings.peerCnnSeconds()),
                epochs(mnist, "mlp", Engine.STOCK, 0, settings.peerMlpSeconds()),
                epochs(mnist, "cnn", Engine.STOCK, settings.stockCnnExamples(), settings.peerCnnSeconds()));
        List<EpochFloor> floors = floors(peak, mnist.train().count(), epochs.subList(0, 2));
        out.println("grid throughput (" + settings.gridArchitecture() + ", relu and leakyrelu(0.01), " + settings.gridSeeds()
                + " seeds, " + settings.gridEpochs() + " epochs per trial" + (settings.gridExamples() > 0 ? " of "
                + settings.gridExamples() + " examples" : "") + "), beside " + settings.cores() + " independent trainings:");
        // the independent trainings, local[1] and local[N] alternate, so that the machine's drift touches all alike; the
        // median of each is reported
        List<SideBySide> independent = new ArrayList<>();
        List<GridThroughput> grids = new ArrayList<>();
        List<Double> speedUps = new ArrayList<>();
        List<Double> warmSpeedUps = new ArrayList<>();
        for (int round = 1; round <= settings.gridRounds(); round++) {
            SideBySide side = SideBySide.measure(settings, settings.cores(), round);
            independent.add(side);
            out.printf(Locale.ROOT, "  its trial as train processes (1 thread each): alone %.1f s; %d at once %.1f s, first"
                    + " start to last end: %.2fx the throughput%n", side.aloneSeconds(), side.processes(), side.togetherSeconds(),
                    side.throughputRatio());
            GridThroughput one = grid(1, round);
            GridThroughput all = grid(settings.cores(), round);
            grids.addAll(List.of(one, all));
            speedUps.add(one.trialPhaseSeconds() / all.trialPhaseSeconds());
            warmSpeedUps.add(settings.cores() * one.warmTaskSeconds() / all.warmTaskSeconds());
            out.printf(Locale.ROOT, "  speed-up from local[1] to local[%d]: %.2fx over the trial phase; %.2fx once warm:"
                            + " %.0f%% and %.0f%% of the independent trainings'%n", settings.cores(), speedUps.get(round - 1),
                    warmSpeedUps.get(round - 1), 100 * SideBySide.share(speedUps.get(round - 1), side.throughputRatio()),
                    100 * SideBySide.share(warmSpeedUps.get(round - 1), side.throughputRatio()));
        }
        List<Double> ratios = independent.stream().map(SideBySide::throughputRatio).toList();
        double ratio = median(ratios);
        double share = SideBySide.share(median(speedUps), ratio);
        double warmShare = SideBySide.share(median(warmSpeedUps), ratio);
        if (speedUps.size() > 1) {
            out.printf(Locale.ROOT, "  median speed-up over %d rounds: %.2fx (%s); once warm %.2fx (%s); independent"
                            + " trainings %.2fx (%s): the grid's %.0f%% and %.0f%% of theirs%n", speedUps.size(),
                    median(speedUps), ratios(speedUps), median(warmSpeedUps), ratios(warmSpeedUps), ratio,
                    ratios(ratios), 100 * share, 100 * warmShare);
        }
        BenchResult result = new BenchResult(kernels, settings.cores(), epochs, grids, median(speedUps), speedUps,
                median(warmSpeedUps), warmSpeedUps, peak, floors, independent, ratio, share, warmShare);
        write(result);
        return result;
    }

    private EpochTiming epochs(Dataset mnist, String architecture, Engine engine, int examples, Double peerSeconds) {
        List<Double> seconds = new ArrayList<>();
        TrialConfig config = new TrialConfig("mnist", architecture, "relu", null, 0,
                List.of(settings.warmupEpochs() + settings.epochs()), Training.DEFAULT_OPTIMIZER, Training.DEFAULT_LEARNING_RATE,
                Training.DEFAULT_BATCH_SIZE, Training.DEFAULT_WEIGHT_INIT, examples, Strategy.DEFAULT,
                engine);
        TrialResult result = new TrialRunner().run(config, mnist, new TrialListener() {
            @Override
            public void onEpoch(int epoch, double trainSeconds) {
                if (epoch > settings.warmupEpochs()) {
                    seconds.add(trainSeconds);
                }
            }
        });
        if (result.status() != TrialStatus.OK) {
            throw new IllegalStateException(architecture + " trial (" + engine + " engine) failed: " + result.errorMessage());
        }
        int n = examples > 0 ? Math.min(examples, mnist.train().count()) : mnist.train().count();
        double median = median(seconds);
        double perFullEpoch = median * mnist.train().count() / n;
        Double ratio = peerSeconds == null ? null : perFullEpoch / peerSeconds;
        out.printf(Locale.ROOT, "  %-4s %-5s %7.2f s per epoch of 60,000 examples%s, %8.0f examples/s, %6.2f trial-epochs/min per core%s%n",
                architecture, engine, perFullEpoch, n < mnist.train().count() ? " (timed on " + n + ")" : "", n / median,
                60 / perFullEpoch, ratio == null ? "" : String.format(Locale.ROOT, ", %.2fx the peer's %.2f s", ratio, peerSeconds));
        return new EpochTiming(architecture, engine.label(), n, seconds, perFullEpoch, n / median, 60 / perFullEpoch,
                peerSeconds, ratio);
    }

    /** The floor of each network's epoch at the matrix product's peak, beside the fast engine's and the peer's seconds. */
    private List<EpochFloor> floors(MatrixPeak peak, int examples, List<EpochTiming> fast) {
        out.printf(Locale.ROOT, "arithmetic floor: the products' operations of an epoch (forward and backward) at ND4J's"
                + " single-precision matrix product on this thread (%d x %d, median of %d after %d warm-up): %.1f GFLOP/s%n",
                peak.size(), peak.size(), peak.seconds().size(), peak.warmUps(), peak.gflops());
        List<EpochFloor> floors = new ArrayList<>();
        for (EpochTiming timing : fast) {
            EpochFloor f = EpochFloor.of(timing.architecture(), examples, peak.gflops(), timing.secondsPerFullEpoch(),
                    timing.peerSeconds());
            floors.add(f);
            out.printf(Locale.ROOT, "  %-4s %7.1f GFLOP per epoch: floor %6.2f s; fast engine %6.2f s, %.2fx the floor%s%n",
                    f.architecture(), f.flopsPerEpoch() / 1e9, f.floorSeconds(), f.measuredSeconds(), f.measuredOverFloor(),
                    f.peerSeconds() == null ? "" : String.format(Locale.ROOT, "; the peer's %.2f s, %.2fx", f.peerSeconds(),
                            f.peerOverFloor()));
        }
        return floors;
    }

    private GridThroughput grid(int cores, int round) {
        Path output = settings.outDir().resolve("grid-local" + cores);
        Path grid = settings.outDir().resolve("bench-grid.conf");
        Path figures = settings.outDir().resolve(FIGURES_FILE);
        try {
            Files.createDirectories(settings.outDir());
            Files.deleteIfExists(figures);
            Files.writeString(grid, """
                    experiment = "bench"
                    dataset = mnist
                    grid { architectures = [%s], activations = [relu, leakyrelu], alphas = [0.01], epochs = [%d], seeds = %d }
                    data.train-examples = %d
                    """.formatted(settings.gridArchitecture(), settings.gridEpochs(), settings.gridSeeds(), settings.gridExamples()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BenchJvm.start(settings, "grid-local" + cores, List.of("-Dspark.master=local[" + cores + "]"), List.of("run",
                grid.toString(), "--output", output.toString(), "--data", settings.data().toString(), "--overwrite",
                "--no-report", "--figures-json", figures.toString())).awaitSuccess();
        if (!Files.exists(figures)) {
            throw new IllegalStateException("the local[" + cores + "] grid run wrote no " + figures);
        }
        GridThroughput g = GridThroughput.read(output, cores, round, GridJvmFigures.read(figures));
        out.printf(Locale.ROOT, "  local[%d]: %d trials in %.1f s (first start to last end), %.1f trial-epochs/min, Spark"
                        + " overhead %.2f s per trial, evaluation %.2f s per trial, peak RSS %d MiB, JIT compiling %.1f s%n", cores,
                g.trials(), g.trialPhaseSeconds(), g.trialEpochsPerMinute(), g.sparkOverheadSecondsPerTrial(),
                g.evaluationSecondsPerTrial(), g.peakResidentMib(), g.jitCompileSeconds());
        return g;
    }

    private void write(BenchResult result) {
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        Path json = settings.outDir().resolve("bench-" + stamp + ".json");
        BenchJson.write(json, result);
        try {
            Files.write(settings.outDir().resolve("bench-" + stamp + ".csv"), BenchJson.csv(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("written: " + json + " and .csv");
    }

    private static String ratios(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.2fx", v)).toList());
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The JVM options the grid and {@code train} runs get: this process's own module openings, heap, JIT thresholds,
     * JavaCPP, vector module, collector and logging settings.
     */
    public static List<String> jvmOptionsOfThisProcess() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-XX:Tier4")
                        || a.startsWith("-XX:InlineSmallCode") || a.startsWith("-Dorg.bytedeco") || a.startsWith("-Dlog4j2")
                        || a.equals("--add-modules=jdk.incubator.vector") || a.equals("-XX:+ExplicitGCInvokesConcurrent"))
                .toList();
    }
}

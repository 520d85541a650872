package org.activationbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.Sessions;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.TrialStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures what a grid costs on this machine: seconds per training epoch of each architecture on one native
 * thread (median of the epochs after the warm-up ones), on the fast engine and on Deeplearning4j's own layers, with
 * the ratio to a peer's figure when one is given; and the throughput of a fixed grid in local mode with 1 and with
 * all cores, each in a JVM of its own.
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

    /** Times epochs per architecture and engine, then grids on local[1] against local[N]; prints and writes the figures. */
    public BenchResult run() {
        NativeThreads.configure(1);
        Dataset mnist = DatasetCache.get(settings.data(), DatasetSpec.MNIST);
        String kernels = Provenance.openBlasCoreType().orElse("chosen by OpenBLAS");
        out.println("OpenBLAS kernels: " + kernels + " (OPENBLAS_CORETYPE)");
        out.println("epoch timings (1 native thread, median of " + settings.epochs() + " epochs after " + settings.warmupEpochs()
                + " warm-up epochs):");
        List<EpochTiming> epochs = List.of(
                epochs(mnist, "mlp", Engine.FAST, 0, settings.peerMlpSeconds()),
                epochs(mnist, "cnn", Engine.FAST, settings.cnnExamples(), settings.peerCnnSeconds()),
                epochs(mnist, "mlp", Engine.STOCK, 0, settings.peerMlpSeconds()),
                epochs(mnist, "cnn", Engine.STOCK, settings.stockCnnExamples(), settings.peerCnnSeconds()));
        out.println("grid throughput (" + settings.gridArchitecture() + ", relu and leakyrelu(0.01), " + settings.gridSeeds()
                + " seeds, " + settings.gridEpochs() + " epochs per trial" + (settings.gridExamples() > 0 ? " of "
                + settings.gridExamples() + " examples" : "") + "):");
        // local[1] and local[N] alternate, so that the machine's drift touches both alike; the median ratio is reported
        List<GridThroughput> grids = new ArrayList<>();
        List<Double> speedUps = new ArrayList<>();
        List<Double> warmSpeedUps = new ArrayList<>();
        for (int round = 1; round <= settings.gridRounds(); round++) {
            GridThroughput one = grid(1, round);
            GridThroughput all = grid(settings.cores(), round);
            grids.addAll(List.of(one, all));
            speedUps.add(one.trialPhaseSeconds() / all.trialPhaseSeconds());
            warmSpeedUps.add(settings.cores() * one.warmTaskSeconds() / all.warmTaskSeconds());
            out.printf(Locale.ROOT, "  speed-up from local[1] to local[%d]: %.2fx over the trial phase; %.2fx once warm%n",
                    settings.cores(), speedUps.get(round - 1), warmSpeedUps.get(round - 1));
        }
        if (speedUps.size() > 1) {
            out.printf(Locale.ROOT, "  median speed-up over %d rounds: %.2fx (%s); once warm %.2fx (%s)%n", speedUps.size(),
                    median(speedUps), ratios(speedUps), median(warmSpeedUps), ratios(warmSpeedUps));
        }
        BenchResult result = new BenchResult(kernels, settings.cores(), epochs, grids, median(speedUps), speedUps,
                median(warmSpeedUps), warmSpeedUps);
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

    private GridThroughput grid(int cores, int round) {
        Path output = settings.outDir().resolve("grid-local" + cores);
        Path grid = settings.outDir().resolve("bench-grid.conf");
        Path figures = settings.outDir().resolve(FIGURES_FILE);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-Dspark.master=local[" + cores + "]", "-cp", System.getProperty("java.class.path"),
                settings.gridMainClass(), "run", grid.toString(), "--output", output.toString(), "--data",
                settings.data().toString(), "--overwrite", "--no-report", "--figures-json", figures.toString()));
        try {
            Files.createDirectories(settings.outDir());
            Files.deleteIfExists(figures);
            Files.writeString(grid, """
                    experiment = "bench"
                    dataset = mnist
                    grid { architectures = [%s], activations = [relu, leakyrelu], alphas = [0.01], epochs = [%d], seeds = %d }
                    data.train-examples = %d
                    """.formatted(settings.gridArchitecture(), settings.gridEpochs(), settings.gridSeeds(), settings.gridExamples()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !Files.exists(figures)) {
                throw new IllegalStateException("the local[" + cores + "] grid run failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        GridThroughput g = measure(output, cores, round, GridJvmFigures.read(figures));
        out.printf(Locale.ROOT, "  local[%d]: %d trials in %.1f s (first start to last end), %.1f trial-epochs/min, Spark"
                        + " overhead %.2f s per trial, evaluation %.2f s per trial, peak RSS %d MiB, JIT compiling %.1f s%n", cores,
                g.trials(), g.trialPhaseSeconds(), g.trialEpochsPerMinute(), g.sparkOverheadSecondsPerTrial(),
                g.evaluationSecondsPerTrial(), g.peakResidentMib(), g.jitCompileSeconds());
        return g;
    }

    /** The grid's figures from its runs table, with what its JVM reported of itself. */
    private static GridThroughput measure(Path output, int cores, int round, GridJvmFigures jvm) {
        SparkSession spark = Sessions.create("bench-read", "local[1]");
        try {
            List<Row> rows = new ResultStore(spark, output.toString(), "bench").read(Tables.RUNS)
                    .select("started_at", "finished_at", "task_seconds", "train_seconds", "max_epochs").collectAsList();
            Instant first = rows.stream().map(r -> r.getTimestamp(0).toInstant()).min(Instant::compareTo).orElseThrow();
            Instant last = rows.stream().map(r -> r.getTimestamp(1).toInstant()).max(Instant::compareTo).orElseThrow();
            double phase = Duration.between(first, last).toMillis() / 1000.0;
            double task = rows.stream().mapToDouble(r -> r.getDouble(2)).sum();
            double train = rows.stream().mapToDouble(r -> r.getDouble(3)).sum();
            int epochs = rows.stream().mapToInt(r -> r.getInt(4)).sum();
            double warm = warmTaskSeconds(rows.stream()
                    .map(r -> new double[] {r.getTimestamp(0).toInstant().toEpochMilli() / 1000.0, r.getDouble(2)}).toList(), cores);
            return new GridThroughput(cores, round, rows.size(), phase, epochs / phase * 60, (phase * cores - task) / rows.size(),
                    (task - train) / rows.size(), warm, jvm.peakResidentMib(), jvm.jitCompileSeconds());
        } finally {
            spark.stop();
        }
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

    /**
     * Mean task seconds of the trials that started after the first {@code cores} ones: those run in a JVM whose JIT
     * has compiled the training path. With every core busy, a grid's throughput is cores / this, so the ratio of it
     * between local[1] and local[N] is the speed-up a long grid gets, without the warm-up each JVM pays once. NaN
     * when the grid has no more trials than cores.
     *
     * @param trials each trial's start (any monotonic clock) and task seconds
     */
    static double warmTaskSeconds(List<double[]> trials, int cores) {
        return trials.stream().sorted(Comparator.comparingDouble(t -> t[0])).skip(cores)
                .mapToDouble(t -> t[1]).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The JVM options the grid runs get: this process's own module openings, heap, JIT thresholds, JavaCPP, vector
     * module, collector and logging settings.
     */
    public static List<String> jvmOptionsOfThisProcess() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-XX:Tier4")
                        || a.startsWith("-XX:InlineSmallCode") || a.startsWith("-Dorg.bytedeco") || a.startsWith("-Dlog4j2")
                        || a.equals("--add-modules=jdk.incubator.vector") || a.equals("-XX:+ExplicitGCInvokesConcurrent"))
                .toList();
    }
}

package org.activationbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures what a grid costs on this machine: seconds per training epoch of each architecture on one native
 * thread (median of the epochs after the warm-up ones, while the JIT compiler is still at work), and the throughput of a fixed grid in local mode with 1 and
 * with all cores, each in a JVM of its own.
 */
public final class Benchmark {

    /** @param cnnExamples the CNN is timed on this many training examples and its epoch time scaled to the full set */
    public record Settings(Path data, int warmupEpochs, int epochs, int cnnExamples, int gridSeeds, int gridEpochs, int gridRounds,
            int cores, Path outDir, List<String> jvmOptions) {
        public Settings {
            if (gridRounds < 1) {
                throw new IllegalArgumentException("--grid-rounds must be at least 1, got " + gridRounds);
            }
        }
    }

    private static final Pattern PEAK = Pattern.compile("driver peak RSS (\\d+) MiB");
    /** The JVM's own account of its JIT compilers' time, printed at exit with -XX:+CITime. */
    private static final Pattern COMPILE_TIME = Pattern.compile("Total compilation time\\s*:\\s*([0-9.]+) s");

    private final Settings settings;
    private final PrintStream out;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Benchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Map<String, Object> run() {
        NativeThreads.configure(1);
        Dataset mnist = DatasetCache.get(settings.data(), DatasetSpec.MNIST);
        String kernels = Provenance.openBlasCoreType().orElse("chosen by OpenBLAS");
        figures.put("openblas_coretype", kernels);
        out.println("OpenBLAS kernels: " + kernels + " (OPENBLAS_CORETYPE)");
        out.println("epoch timings (1 native thread, median of " + settings.epochs() + " epochs after " + settings.warmupEpochs()
                + " warm-up epochs):");
        epochs(mnist, "mlp", 0);
        epochs(mnist, "cnn", settings.cnnExamples());
        out.println("grid throughput (mlp, relu and leakyrelu(0.01), " + settings.gridSeeds() + " seeds, "
                + settings.gridEpochs() + " epochs per trial):");
        // local[1] and local[N] alternate, so that the machine's drift touches both alike; the median ratio is reported
        List<Double> speedUps = new ArrayList<>();
        List<Double> warmSpeedUps = new ArrayList<>();
        for (int round = 1; round <= settings.gridRounds(); round++) {
            Map<String, Object> one = grid(1, round);
            Map<String, Object> all = grid(settings.cores(), round);
            double speedUp = (double) one.get("trial_phase_seconds") / (double) all.get("trial_phase_seconds");
            double warmSpeedUp = settings.cores() * (double) one.get("warm_task_seconds") / (double) all.get("warm_task_seconds");
            speedUps.add(speedUp);
            warmSpeedUps.add(warmSpeedUp);
            out.printf(Locale.ROOT, "  speed-up from local[1] to local[%d]: %.2fx over the trial phase; %.2fx once warm%n",
                    settings.cores(), speedUp, warmSpeedUp);
        }
        figures.put("grid_speed_up_1_to_" + settings.cores(), median(speedUps));
        figures.put("grid_speed_ups_by_round", speedUps);
        figures.put("grid_warm_speed_up_1_to_" + settings.cores(), median(warmSpeedUps));
        figures.put("grid_warm_speed_ups_by_round", warmSpeedUps);
        if (speedUps.size() > 1) {
            out.printf(Locale.ROOT, "  median speed-up over %d rounds: %.2fx (%s); once warm %.2fx (%s)%n", speedUps.size(),
                    median(speedUps), ratios(speedUps), median(warmSpeedUps), ratios(warmSpeedUps));
        }
        write();
        return figures;
    }

    private void epochs(Dataset mnist, String architecture, int examples) {
        List<Double> seconds = new ArrayList<>();
        TrialConfig config = new TrialConfig("mnist", architecture, "relu", null, 0,
                List.of(settings.warmupEpochs() + settings.epochs()), "adam", 1e-3, 128, "xavier", examples);
        TrialResult result = new TrialRunner().run(config, mnist, new TrialListener() {
            @Override
            public void onEpoch(int epoch, double trainSeconds) {
                if (epoch > settings.warmupEpochs()) {
                    seconds.add(trainSeconds);
                }
            }
        });
        if (result.status() != org.activationbench.train.TrialStatus.OK) {
            throw new IllegalStateException(architecture + " trial failed: " + result.errorMessage());
        }
        int n = examples > 0 ? examples : mnist.train().count();
        double median = median(seconds);
        double perFullEpoch = median * mnist.train().count() / n;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("examples_timed", n);
        f.put("epoch_seconds_measured", seconds);
        f.put("seconds_per_full_epoch", perFullEpoch);
        f.put("examples_per_second", n / median);
        f.put("trial_epochs_per_minute_per_core", 60 / perFullEpoch);
        figures.put(architecture, f);
        out.printf(Locale.ROOT, "  %-4s %7.2f s per epoch of 60,000 examples%s, %8.0f examples/s, %6.2f trial-epochs/min per core%n",
                architecture, perFullEpoch, examples > 0 ? " (timed on " + n + ")" : "", n / median, 60 / perFullEpoch);
    }

    private Map<String, Object> grid(int cores, int round) {
        Path output = settings.outDir().resolve("grid-local" + cores);
        Path grid = settings.outDir().resolve("bench-grid.conf");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.add("-XX:+CITime");
        command.addAll(List.of("-Dspark.master=local[" + cores + "]", "-cp", System.getProperty("java.class.path"),
                "org.activationbench.cli.Main", "run", grid.toString(), "--output", output.toString(), "--data",
                settings.data().toString(), "--overwrite", "--no-report"));
        String log;
        try {
            Files.createDirectories(settings.outDir());
            Files.writeString(grid, """
                    experiment = "bench"
                    dataset = mnist
                    grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01], epochs = [%d], seeds = %d }
                    """.formatted(settings.gridEpochs(), settings.gridSeeds()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
            Process p = pb.start();
            log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the local[" + cores + "] grid run failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, Object> f = measure(output, cores);
        Matcher m = PEAK.matcher(log);
        f.put("peak_resident_mib", m.find() ? Long.parseLong(m.group(1)) : -1L);
        f.put("jit_compile_seconds", compileSeconds(log));
        figures.put("grid_local" + cores + (round > 1 ? "_round" + round : ""), f);
        out.printf(Locale.ROOT, "  local[%d]: %d trials in %.1f s (first start to last end), %.1f trial-epochs/min, Spark"
                        + " overhead %.2f s per trial, evaluation %.2f s per trial, peak RSS %d MiB, JIT compiling %.1f s%n", cores,
                f.get("trials"), f.get("trial_phase_seconds"), f.get("trial_epochs_per_minute"),
                f.get("spark_overhead_seconds_per_trial"), f.get("evaluation_seconds_per_trial"), f.get("peak_resident_mib"),
                f.get("jit_compile_seconds"));
        return f;
    }

    /**
     * The seconds the grid JVM's JIT compilers spent, over its whole life (start-up and the writing of results
     * included); NaN when the log does not say. In local[1] they run beside the trial on a free core, in local[N]
     * they take their time from the trials.
     */
    static double compileSeconds(String log) {
        Matcher m = COMPILE_TIME.matcher(log);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * From the runs table: the trial phase (first start to last end); Spark's overhead per trial, the core time not
     * spent inside a trial ({@code phase x cores - sum of task seconds}) per trial; the time a task spends outside
     * training steps (model build and evaluation) per trial; the {@linkplain #warmTaskSeconds warm task time}.
     */
    private static Map<String, Object> measure(Path output, int cores) {
        SparkSession spark = Sessions.create("bench-read", "local[1]");
        try {
            List<Row> rows = new ResultStore(spark, output.toString(), "bench").read(Tables.RUNS)
                    .select("started_at", "finished_at", "task_seconds", "train_seconds", "max_epochs").collectAsList();
            Instant first = rows.stream().map(r -> r.getTimestamp(0).toInstant()).min(Instant::compareTo).orElseThrow();
            Instant last = rows.stream().map(r -> r.getTimestamp(1).toInstant()).max(Instant::compareTo).orElseThrow();
            double phase = java.time.Duration.between(first, last).toMillis() / 1000.0;
            double task = rows.stream().mapToDouble(r -> r.getDouble(2)).sum();
            double train = rows.stream().mapToDouble(r -> r.getDouble(3)).sum();
            int epochs = rows.stream().mapToInt(r -> r.getInt(4)).sum();
            double warm = warmTaskSeconds(rows.stream()
                    .map(r -> new double[] {r.getTimestamp(0).toInstant().toEpochMilli() / 1000.0, r.getDouble(2)}).toList(), cores);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("trials", rows.size());
            f.put("trial_phase_seconds", phase);
            f.put("trial_epochs_per_minute", epochs / phase * 60);
            f.put("spark_overhead_seconds_per_trial", (phase * cores - task) / rows.size());
            f.put("evaluation_seconds_per_trial", (task - train) / rows.size());
            f.put("warm_task_seconds", warm);
            return f;
        } finally {
            spark.stop();
        }
    }

    private void write() {
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        Path json = settings.outDir().resolve("bench-" + stamp + ".json");
        try {
            Files.writeString(json, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(figures));
            List<String> csv = new ArrayList<>(List.of("metric,value"));
            flatten("", figures, csv);
            Files.write(settings.outDir().resolve("bench-" + stamp + ".csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("written: " + json + " and .csv");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, List<String> lines) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                flatten(prefix + k + ".", (Map<String, Object>) m, lines);
            } else if (!(v instanceof List<?>)) {
                lines.add(prefix + k + "," + v);
            }
        });
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
        return trials.stream().sorted(java.util.Comparator.comparingDouble(t -> t[0])).skip(cores)
                .mapToDouble(t -> t[1]).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The JVM options the grid runs get: this process's own module openings, heap, JIT thresholds, JavaCPP and logging settings. */
    public static List<String> jvmOptionsOfThisProcess() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-XX:Tier4") || a.startsWith("-XX:InlineSmallCode") || a.startsWith("-Dorg.bytedeco")
                        || a.startsWith("-Dlog4j2"))
                .toList();
    }
}

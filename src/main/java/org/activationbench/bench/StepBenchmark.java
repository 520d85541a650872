package org.activationbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.executor.NativeThreads;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.Training;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.ActivationSpec;
import org.activationbench.model.Activations;
import org.activationbench.model.Architectures;
import org.activationbench.train.Minibatches;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Times single training steps of the MLP and the CNN (minibatch 128, Adam, the fast engine, one native thread) for
 * each of several activations, so that what an activation costs is measured apart from everything else an epoch does:
 * every network is warmed up first, then the networks take turns in {@value #ROUNDS} rounds, so that the machine's
 * drift touches them alike. Each step's median is printed with its ratio to the first activation's on the same
 * network, and all are written to {@code steps-<time>.json} and {@code .csv}.
 */
public final class StepBenchmark {

    /** The activation whose negative slope the trial sets gets this one, the throughput grid's. */
    public static final double ALPHA = 0.01;
    static final int ROUNDS = 5;
    private static final int BATCH = Training.DEFAULT_BATCH_SIZE;
    /** Distinct minibatches the steps cycle through. */
    private static final int MINIBATCHES = 16;

    /**
     * @param activations registry names, the first being the one the others are compared with
     * @param warmupSteps untimed steps of each network before the timed rounds
     * @param steps       timed steps of each network, spread over the rounds
     */
    public record Settings(Path data, List<String> activations, int warmupSteps, int steps, Path outDir) {
        public Settings {
            if (activations.isEmpty()) {
                throw new IllegalArgumentException("--step-activations needs at least one activation");
            }
            for (String name : activations) {
                if (Activations.find(name).isEmpty()) {
                    throw new IllegalArgumentException("--step-activations: unknown activation '" + name + "'; known: "
                            + String.join(", ", Activations.names()));
                }
            }
            if (steps < ROUNDS || warmupSteps < 0) {
                throw new IllegalArgumentException("--steps must be at least " + ROUNDS + " and --warmup-steps at least 0,"
                        + " got " + steps + " and " + warmupSteps);
            }
            activations = List.copyOf(activations);
        }
    }

    private final Settings settings;
    private final PrintStream out;

    public StepBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Warms every network up, times its steps in turns, prints the medians and writes the files; the timings. */
    public List<StepTiming> run() {
        NativeThreads.configure(1);
        Dataset mnist = DatasetCache.get(settings.data(), DatasetSpec.MNIST);
        List<DataSet> batches = minibatches(mnist);
        Map<String, MultiLayerNetwork> networks = new LinkedHashMap<>();
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        for (String architecture : List.of("mlp", "cnn")) {
            for (String activation : settings.activations()) {
                MultiLayerNetwork net = Architectures.build(config(architecture, activation), mnist.height(), mnist.classes())
                        .network();
                String key = architecture + " " + activation;
                networks.put(key, net);
                millis.put(key, new ArrayList<>());
                for (int s = 0; s < settings.warmupSteps(); s++) {
                    net.fit(batches.get(s % MINIBATCHES));
                }
            }
        }
        int perRound = (settings.steps() + ROUNDS - 1) / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, MultiLayerNetwork> e : networks.entrySet()) {
                List<Double> taken = millis.get(e.getKey());
                for (int s = 0; s < perRound && taken.size() < settings.steps(); s++) {
                    DataSet batch = batches.get((settings.warmupSteps() + taken.size()) % MINIBATCHES);
                    long start = System.nanoTime();
                    e.getValue().fit(batch);
                    taken.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        List<StepTiming> timings = timings(millis);
        write(timings);
        return timings;
    }

    private TrialConfig config(String architecture, String activation) {
        ActivationSpec spec = Activations.get(activation);
        return new TrialConfig("mnist", architecture, activation, spec.takesAlpha() ? ALPHA : null, 0, List.of(1),
                Training.DEFAULT_OPTIMIZER, Training.DEFAULT_LEARNING_RATE, BATCH, Training.DEFAULT_WEIGHT_INIT, 0, Strategy.DEFAULT, Engine.FAST);
    }

    private static List<DataSet> minibatches(Dataset mnist) {
        int[] order = java.util.stream.IntStream.range(0, MINIBATCHES * BATCH).toArray();
        float[] features = new float[BATCH * mnist.features()];
        float[] labels = new float[BATCH * mnist.classes()];
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < MINIBATCHES; b++) {
            batches.add(Minibatches.batch(mnist.train(), mnist.classes(), order, b * BATCH, BATCH, features, labels));
        }
        return batches;
    }

    private List<StepTiming> timings(Map<String, List<Double>> millis) {
        out.printf(Locale.ROOT, "training steps (fast engine, minibatch %d, Adam, 1 native thread; median of %d steps after"
                + " %d warm-up steps, the networks in turn over %d rounds):%n", BATCH, settings.steps(), settings.warmupSteps(),
                ROUNDS);
        List<StepTiming> timings = new ArrayList<>();
        for (String architecture : List.of("mlp", "cnn")) {
            double first = median(millis.get(architecture + " " + settings.activations().get(0)));
            String firstLabel = config(architecture, settings.activations().get(0)).activationLabel();
            for (String activation : settings.activations()) {
                List<Double> taken = millis.get(architecture + " " + activation);
                double median = median(taken);
                String label = config(architecture, activation).activationLabel();
                timings.add(new StepTiming(architecture, label, settings.warmupSteps(), List.copyOf(taken), median, median / first));
                out.printf(Locale.ROOT, "  %-4s %-16s %8.2f ms per step%s%n", architecture, label, median,
                        label.equals(firstLabel) ? "" : String.format(Locale.ROOT, ", %.2fx %s's", median / first, firstLabel));
            }
        }
        return timings;
    }

    private void write(List<StepTiming> timings) {
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        Path json = settings.outDir().resolve("steps-" + stamp + ".json");
        BenchJson.write(json, timings);
        try {
            Files.write(settings.outDir().resolve("steps-" + stamp + ".csv"), BenchJson.csv(timings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("written: " + json + " and .csv");
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

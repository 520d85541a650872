package org.activationbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.activationbench.data.DataFileException;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.Engine;
import org.activationbench.grid.EvaluationLooks;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.ValidationSplit;
import org.activationbench.grid.TrialConfig;
import org.activationbench.spark.NativeThreads;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.TrialStatus;
import org.activationbench.train.Vocabularies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one trial in this JVM and prints a line per checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one configuration and print its metrics at each checkpoint epoch.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist | fashion-mnist (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", defaultValue = "data", description = "data folder holding <dataset>/ (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--arch", defaultValue = "mlp", description = "mlp | cnn | mlp-deep-N (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--activation", defaultValue = "relu", description = "relu, leakyrelu, prelu, elu, selu, tanh, sigmoid, swish, mish")
    String activation;

    @Option(names = "--alpha", description = "negative slope, for activations that take one (leakyrelu)")
    Double alpha;

    @Option(names = "--epochs", description = "train this many epochs, measuring after each (default: 1)")
    Integer epochs;

    @Option(names = "--checkpoints", split = ",",
            description = "epochs to measure at instead, e.g. 1,5,10; training runs to the last")
    List<Integer> checkpoints;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--optimizer", defaultValue = "adam")
    String optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.001")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;

    @Option(names = "--weight-init", defaultValue = "xavier")
    String weightInit;

    @Option(names = "--train-examples", description = "use only the first N training examples")
    Integer trainExamples;

    @Option(names = "--validation-examples", defaultValue = "0",
            description = "hold this many training examples out as a validation split, measured at every checkpoint"
                    + " (default: none)")
    int validationExamples;

    @Option(names = "--validation-seed", defaultValue = "" + ValidationSplit.DEFAULT_SEED,
            description = "seed of the validation split's permutation (default: ${DEFAULT-VALUE})")
    long validationSeed;

    @Option(names = "--looks-per-epoch", defaultValue = "0",
            description = "measure the accuracy of a subsample of the validation split (the test set without one) this"
                    + " many times per epoch and once before training (default: none)")
    int looksPerEpoch;

    @Option(names = "--look-examples", defaultValue = "" + EvaluationLooks.DEFAULT_EXAMPLES,
            description = "the looks evaluate the first this many examples of that split (default: ${DEFAULT-VALUE})")
    int lookExamples;

    @Option(names = "--threads", defaultValue = "1",
            description = "native threads (OpenBLAS, oneDNN, ND4J) the trial trains with (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--engine", defaultValue = "fast",
            description = "fast (the project's layers) | stock (Deeplearning4j's own) (default: ${DEFAULT-VALUE})")
    String engine;

    @Override
    public Integer call() {
        TrialConfig config;
        Dataset loaded;
        try {
            if (epochs != null && checkpoints != null) {
                throw new IllegalArgumentException("give --epochs or --checkpoints, not both");
            }
            List<Integer> points = checkpoints != null ? checkpoints
                    : java.util.stream.IntStream.rangeClosed(1, epochs != null ? epochs : 1).boxed().toList();
            if (threads < 1) {
                throw new IllegalArgumentException("--threads: " + threads + " is not a positive number of threads");
            }
            Engine chosen = Engine.find(engine).orElseThrow(() -> new IllegalArgumentException(
                    "--engine: unknown value '" + engine + "'; allowed: " + String.join(", ", Engine.labels())));
            config = new TrialConfig(dataset, architecture, activation, alpha, seed, points, optimizer, learningRate,
                    batchSize, weightInit, trainExamples != null ? trainExamples : 0, Strategy.DEFAULT, chosen);
            if (validationExamples < 0) {
                throw new IllegalArgumentException("--validation-examples: " + validationExamples + " is not >= 0");
            }
            if (validationExamples > 0) {
                config = config.withValidation(new ValidationSplit(validationExamples, validationSeed));
            }
            if (looksPerEpoch < 0) {
                throw new IllegalArgumentException("--looks-per-epoch: " + looksPerEpoch + " is not >= 0 (0: no looks)");
            }
            if (lookExamples <= 0) {
                throw new IllegalArgumentException("--look-examples: " + lookExamples + " is not a positive number of examples");
            }
            if (looksPerEpoch > 0) {
                config = config.withLooks(new EvaluationLooks(looksPerEpoch, lookExamples));
            }
            Vocabularies.standard().check(config);
            loaded = DatasetCache.get(data, DatasetSpec.byId(dataset));
        } catch (DataFileException | IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            return 2;
        }
        System.out.printf("trial %s: %s %s on %s, seed %d, %d epochs, %s engine%n", config.trialId(), config.architecture(),
                config.activationLabel(), config.dataset(), config.seed(), config.maxEpochs(), config.engine());
        System.out.println("epoch  train_loss  train_acc  test_loss  test_acc  train_s  examples/s  inactive_units  recovered"
                + "  grad_norm");
        NativeThreads.configure(threads);
        TrialResult result = new TrialRunner().run(config, loaded, TrialListener.checkpoints(TrainCommand::print));
        System.out.printf("status %s%s, %.1f s training%n", result.status(),
                result.status() == TrialStatus.OK ? "" : ": " + result.errorClass() + ": " + result.errorMessage(),
                result.trainSeconds());
        return result.status() == TrialStatus.OK ? 0 : 1;
    }

    private static void print(CheckpointMetrics m) {
        System.out.printf(Locale.ROOT, "%5d  %10.4f  %9.4f  %9.4f  %8.4f  %7.1f  %10.0f  %s  %s  %s%n", m.epoch(), m.trainLoss(),
                m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.trainSeconds(), m.examplesPerSecond(),
                inactive(m), m.recoveredUnits() == null ? "-" : m.recoveredUnits() + " of " + m.previouslyInactiveUnits(),
                format(m.gradientNorm()));
        if (m.validationAccuracy() != null) {
            System.out.printf(Locale.ROOT, "       validation: loss %.4f, accuracy %.4f%n", m.validationLoss(), m.validationAccuracy());
        }
        if (m.looks() != null) {
            System.out.printf(Locale.ROOT, "       looks: examples to 97/98/99%% %s/%s/%s, epoch-1 accuracy AUC %.4f%n",
                    orDash(m.looks().examplesTo97()), orDash(m.looks().examplesTo98()), orDash(m.looks().examplesTo99()),
                    m.looks().accuracyAucEpoch1());
        }
    }

    private static String orDash(Long examples) {
        return examples == null ? "-" : examples.toString();
    }

    /** Per layer "inactive/units", then the network's fraction: "[3/256 0/128] 0.781%". */
    private static String inactive(CheckpointMetrics m) {
        int[] counts = m.inactiveUnits();
        StringBuilder b = new StringBuilder("[");
        for (int h = 0; h < counts.length; h++) {
            b.append(h == 0 ? "" : " ").append(counts[h]).append('/').append(m.hiddenUnits()[h]);
        }
        return b.append("] ").append(String.format(Locale.ROOT, "%.3g%%", 100 * m.networkInactiveFraction())).toString();
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3g", values[i]));
        }
        return b.append(']').toString();
    }
}

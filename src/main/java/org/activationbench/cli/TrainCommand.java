package org.activationbench.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.activationbench.data.DataFileException;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.executor.NativeThreads;
import org.activationbench.grid.EvaluationLooks;
import org.activationbench.grid.GridException;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Suggestion;
import org.activationbench.grid.Training;
import org.activationbench.grid.TrialConfig;
import org.activationbench.grid.ValidationSplit;
import org.activationbench.run.DataSizes;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.TrialStatus;
import org.activationbench.train.Vocabularies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one trial in this JVM and prints a line per checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one configuration and print its metrics at each checkpoint epoch. Its options are checked as"
                + " a one-trial grid is: a value a grid refuses is refused here, before the data are read.",
                "Exit codes: 0 the trial ended OK or DIVERGED (its status is printed last, as run counts both as done),"
                        + " 2 invalid input (nothing trained), 1 the trial FAILED."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist | fashion-mnist (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "data folder holding <dataset>/ (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--arch", defaultValue = "mlp", description = "mlp | cnn | mlp-deep-N, N = 2..32 (default: ${DEFAULT-VALUE})")
    String architecture;

    @Option(names = "--activation", defaultValue = "relu",
            description = "relu | leakyrelu | prelu | elu | selu | tanh | sigmoid | swish | mish (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--alpha", description = "negative slope, > 0, for the activations that take one (leakyrelu;"
            + " default for leakyrelu: 0.01, as in a grid)")
    Double alpha;

    @Option(names = "--epochs", paramLabel = "N", description = "train this many epochs, measuring after each (default: 1)")
    Integer epochs;

    @Option(names = "--checkpoints", split = ",", paramLabel = "E1,E2,...",
            description = "epochs to measure at instead, e.g. 1,5,10; training runs to the last")
    List<Integer> checkpoints;

    @Option(names = "--seed", defaultValue = "0", description = "the trial's seed, a whole number >= 0: weight"
            + " initialisation and example order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--optimizer", defaultValue = Training.DEFAULT_OPTIMIZER,
            description = "adam | sgd | nesterovs | rmsprop (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--learning-rate", defaultValue = "" + Training.DEFAULT_LEARNING_RATE, paramLabel = "RATE",
            description = "the optimizer's learning rate, > 0 and at most 10 (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "" + Training.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "examples per minibatch, from 1 to the training examples used (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--weight-init", defaultValue = Training.DEFAULT_WEIGHT_INIT,
            description = "xavier | xavier-uniform | he | he-uniform | lecun-normal (default: ${DEFAULT-VALUE})")
    String weightInit;

    @Option(names = "--bias-init", defaultValue = "0",
            description = "constant every bias starts at (default: ${DEFAULT-VALUE}; torch-default draws its own)")
    double biasInit;

    @Option(names = "--weight-decay", defaultValue = "0",
            description = "L2 coefficient on weights and biases (default: ${DEFAULT-VALUE}, none)")
    double weightDecay;

    @Option(names = "--batch-norm", description = "batch normalisation before every hidden layer's activation")
    boolean batchNorm;

    @Option(names = "--train-examples", paramLabel = "N", description = "use only the first N training examples, at least 2"
            + " and at most those left after the validation split (default, or 0: all)")
    Integer trainExamples;

    @Option(names = "--validation-examples", defaultValue = "0", paramLabel = "N",
            description = "hold this many training examples out as a validation split, measured at every checkpoint"
                    + " (default: none)")
    int validationExamples;

    @Option(names = "--validation-seed", defaultValue = "" + ValidationSplit.DEFAULT_SEED, paramLabel = "SEED",
            description = "seed of the validation split's permutation (default: ${DEFAULT-VALUE})")
    long validationSeed;

    @Option(names = "--looks-per-epoch", defaultValue = "0",
            description = "measure the accuracy of a subsample of the validation split (the test set without one) this"
                    + " many times per epoch and once before training (default: none)")
    int looksPerEpoch;

    @Option(names = "--look-examples", defaultValue = "" + EvaluationLooks.DEFAULT_EXAMPLES,
            description = "the looks evaluate the first this many examples of that split (default: ${DEFAULT-VALUE})")
    int lookExamples;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "native threads (OpenBLAS, oneDNN, ND4J) the trial trains with (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--engine", defaultValue = "fast",
            description = "fast (the project's layers) | stock (Deeplearning4j's own) (default: ${DEFAULT-VALUE})")
    String engine;

    /** The grid key each option sets, so that the grid's messages name the option the user typed. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
            Map.entry("grid.architectures", "--arch"), Map.entry("grid.activations", "--activation"),
            Map.entry("grid.alphas", "--alpha"), Map.entry("grid.seeds", "--seed"),
            Map.entry("training.optimizer", "--optimizer"), Map.entry("training.learning-rate", "--learning-rate"),
            Map.entry("training.batch-size", "--batch-size"), Map.entry("training.weight-init", "--weight-init"),
            Map.entry("training.engine", "--engine"), Map.entry("data.train-examples", "--train-examples"),
            Map.entry("training.bias-init", "--bias-init"), Map.entry("training.weight-decay", "--weight-decay"),
            Map.entry("training.batch-norm", "--batch-norm"),
            Map.entry("evaluation.looks-per-epoch", "--looks-per-epoch"), Map.entry("evaluation.examples", "--look-examples"),
            Map.entry("data.validation-examples", "--validation-examples"),
            Map.entry("data.validation-seed", "--validation-seed"));

    @Override
    public Integer call() {
        TrialConfig config;
        Dataset loaded;
        try {
            config = trial();
            loaded = DatasetCache.get(data, DatasetSpec.byId(dataset));
        } catch (DataFileException | IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            return 2;
        }
        System.out.printf("trial %s: %s %s on %s, seed %d, %d epochs, %s engine, %s at %s%n", config.trialId(),
                config.architecture(), config.activationLabel(), config.dataset(), config.seed(), config.maxEpochs(),
                config.engine(), config.condition().label(), TrialConfig.number(config.learningRate()));
        System.out.println(CheckpointTable.HEADER);
        NativeThreads.configure(threads);
        TrialResult result = new TrialRunner().run(config, loaded, TrialListener.checkpoints(CheckpointTable::print));
        // "in all": the trial from building its network to its last evaluation, as a grid's trial phase is timed (the
        // bench's independent trainings read it)
        System.out.printf(Locale.ROOT, "status %s%s, %.1f s training, %.2f s in all%n", result.status(),
                result.status() == TrialStatus.OK ? "" : ": " + result.errorClass() + ": " + result.errorMessage(),
                result.trainSeconds(), Duration.between(result.startedAt(), result.finishedAt()).toMillis() / 1000.0);
        return result.status() == TrialStatus.FAILED ? 1 : 0;
    }

    /**
     * The options as a one-trial grid, validated by the grid's parser and checked against the dataset's size as
     * {@code run} checks a grid; a refusal names the option. Throws IllegalArgumentException.
     */
    private TrialConfig trial() {
        if (epochs != null && checkpoints != null) {
            throw new IllegalArgumentException("give --epochs or --checkpoints, not both");
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs: " + epochs + " is not a positive number of epochs");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + " is not a positive number of threads");
        }
        if (!DatasetSpec.ids().contains(dataset)) {
            throw new IllegalArgumentException(Suggestion.unknownValue("--dataset", dataset, DatasetSpec.ids()));
        }
        String epochsOption = checkpoints != null ? "--checkpoints" : "--epochs";
        List<Integer> points = checkpoints != null ? checkpoints
                : IntStream.rangeClosed(1, epochs != null ? epochs : 1).boxed().toList();
        Config c = ConfigFactory.empty()
                .withValue("experiment", ConfigValueFactory.fromAnyRef("train"))
                .withValue("dataset", ConfigValueFactory.fromAnyRef(dataset))
                .withValue("grid.architectures", ConfigValueFactory.fromIterable(List.of(architecture)))
                .withValue("grid.activations", ConfigValueFactory.fromIterable(List.of(activation)))
                .withValue("grid.epochs", ConfigValueFactory.fromIterable(points))
                .withValue("grid.seeds", ConfigValueFactory.fromIterable(List.of(seed)))
                .withValue("training.optimizer", ConfigValueFactory.fromAnyRef(optimizer))
                .withValue("training.learning-rate", ConfigValueFactory.fromAnyRef(learningRate))
                .withValue("training.batch-size", ConfigValueFactory.fromAnyRef(batchSize))
                .withValue("training.weight-init", ConfigValueFactory.fromAnyRef(weightInit))
                .withValue("training.engine", ConfigValueFactory.fromAnyRef(engine))
                .withValue("training.bias-init", ConfigValueFactory.fromAnyRef(biasInit))
                .withValue("training.weight-decay", ConfigValueFactory.fromAnyRef(weightDecay))
                .withValue("training.batch-norm", ConfigValueFactory.fromAnyRef(batchNorm))
                .withValue("data.train-examples", ConfigValueFactory.fromAnyRef(trainExamples != null ? trainExamples : 0))
                .withValue("analysis.baseline", ConfigValueFactory.fromAnyRef(activation));
        if (alpha != null) {
            c = c.withValue("grid.alphas", ConfigValueFactory.fromIterable(List.of(alpha)));
        }
        if (looksPerEpoch != 0) {
            c = c.withValue("evaluation.looks-per-epoch", ConfigValueFactory.fromAnyRef(looksPerEpoch))
                    .withValue("evaluation.examples", ConfigValueFactory.fromAnyRef(lookExamples));
        }
        if (validationExamples != 0) {
            c = c.withValue("data.validation-examples", ConfigValueFactory.fromAnyRef(validationExamples))
                    .withValue("data.validation-seed", ConfigValueFactory.fromAnyRef(validationSeed));
        }
        GridSpec grid;
        try {
            grid = new GridParser(Vocabularies.standard()).parse("train", c.root().render(ConfigRenderOptions.concise()));
        } catch (GridException e) {
            throw new IllegalArgumentException(e.problems().stream().map(p -> named(p, epochsOption))
                    .collect(Collectors.joining("; ")));
        }
        DataSizes.problem(grid, DatasetSpec.byId(dataset)).ifPresent(p -> {
            throw new IllegalArgumentException(named(p, epochsOption));
        });
        return grid.trials().get(0);
    }

    /** A grid problem with the grid keys replaced by the options that set them. */
    private static String named(String problem, String epochsOption) {
        String named = problem.replace("grid.epochs", epochsOption);
        for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
            named = e.getKey().contains(".") ? named.replace(e.getKey(), e.getValue())
                    : named.startsWith(e.getKey() + ":") ? e.getValue() + named.substring(e.getKey().length()) : named;
        }
        return named;
    }
}

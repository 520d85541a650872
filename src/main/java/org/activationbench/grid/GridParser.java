package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Reads a grid file (HOCON) plus command-line overrides ({@code grid.seeds=3}) and validates all of it in one
 * pass: every problem is collected, so a user fixes a file once, not once per error.
 */
public final class GridParser {

    /** Trials a grid may hold unless the caller raises the limit (run --max-trials). */
    public static final long DEFAULT_MAX_TRIALS = 100_000;
    /** A learning rate above this is a typo, not an experiment: every optimizer diverges at once. */
    static final double MAX_LEARNING_RATE = 10;

    static final int MAX_SEEDS = 100_000;

    private final Vocabulary vocabulary;
    private final long maxTrials;

    public GridParser(Vocabulary vocabulary) {
        this(vocabulary, DEFAULT_MAX_TRIALS);
    }

    /** @param maxTrials refuse a grid of more trials than this, counted before anything is expanded */
    public GridParser(Vocabulary vocabulary, long maxTrials) {
        if (maxTrials <= 0) {
            throw new IllegalArgumentException("the trial limit must be positive, found " + maxTrials);
        }
        this.vocabulary = vocabulary;
        this.maxTrials = maxTrials;
    }

    /** Parses a grid file with overrides ({@code key=value} strings, later ones win). */
    public GridSpec parse(Path file, List<String> overrides) {
        return parse(file, List.of(), overrides);
    }

    /**
     * Parses a grid file without the keys in {@code removed} (each one the file sets, e.g. {@code grid.alphas} when
     * the activations are narrowed to ones without a slope), then with the overrides.
     */
    public GridSpec parse(Path file, List<String> removed, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new GridException(file.toString(), List.of("grid file not found (the grids shipped are in conf/grids/)"));
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false));
            config = GridKeys.without(config, removed, file);
            for (String override : overrides) {
                config = parseOverride(override).withFallback(config);
            }
            config = config.resolve();
        } catch (ConfigException e) {
            throw new GridException(file.toString(), List.of(e.getMessage()));
        }
        return validate(file.toString(), config);
    }

    /** Parses grid text, for tests and for the grid stored beside a run's output. */
    public GridSpec parse(String source, String text) {
        try {
            return validate(source, ConfigFactory.parseString(text).resolve());
        } catch (ConfigException e) {
            throw new GridException(source, List.of(e.getMessage()));
        }
    }

    private static Config parseOverride(String override) {
        if (!override.contains("=")) {
            throw new ConfigException.BadValue("--set", "expected key=value, found '" + override + "'");
        }
        return ConfigFactory.parseString(override, ConfigParseOptions.defaults().setOriginDescription("--set " + override));
    }

    private GridSpec validate(String source, Config config) {
        ConfigProblems p = new ConfigProblems();
        boolean unmatched = false;
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            if (!GridKeys.ALL.containsKey(e.getKey())) {
                Optional<String> near = Suggestion.nearest(e.getKey(), new java.util.TreeSet<>(GridKeys.ALL.keySet()));
                p.add(e.getKey() + ": unknown key" + near.map(n -> "; did you mean " + n + "?").orElse(""));
                unmatched |= near.isEmpty();
            }
        }
        if (unmatched) {
            p.add("the keys a grid may set: " + String.join(", ", new java.util.TreeSet<>(GridKeys.ALL.keySet())));
        }
        String experiment = p.string(config, "experiment", null);
        if (experiment != null) {
            ExperimentName.problem(experiment).ifPresent(p::add);
        }
        String dataset = p.among(config, "dataset", "mnist", vocabulary.datasets());
        List<String> architectures = p.list(config, "grid.architectures", List.of("mlp"), ConfigValueType.STRING,
                v -> (String) v);
        for (String a : architectures) {
            if (!vocabulary.architecture().test(a)) {
                p.add("grid.architectures: unknown value '" + a + "'; allowed: " + vocabulary.architectures());
            }
        }
        List<String> activations = p.list(config, "grid.activations", List.of("relu", "leakyrelu"), ConfigValueType.STRING,
                v -> (String) v);
        for (String a : activations) {
            if (!vocabulary.activations().contains(a)) {
                p.add(Suggestion.unknownValue("grid.activations", a, vocabulary.activations()));
            }
        }
        List<String> slopeActivations = activations.stream().filter(vocabulary.slopeActivations()::contains).toList();
        List<Double> alphas = p.list(config, "grid.alphas", List.of(0.01), ConfigValueType.NUMBER,
                v -> ((Number) v).doubleValue());
        for (double a : alphas) {
            if (!(a > 0) || !Double.isFinite(a)) {
                p.add("grid.alphas: " + a + " is not positive; a slope must be > 0");
            }
        }
        // A mistyped activation already has its problem (and suggestion): the alphas may be meant for it.
        if (config.hasPath("grid.alphas") && slopeActivations.isEmpty() && !activations.isEmpty()
                && vocabulary.activations().containsAll(activations)) {
            p.add("grid.alphas: no activation in grid.activations takes an alpha (only " + String.join(", ",
                    vocabulary.slopeActivations()) + " do); remove grid.alphas or add one of them");
        }
        List<Integer> epochs = p.list(config, "grid.epochs", List.of(1), ConfigValueType.NUMBER, GridParser::wholeNumber);
        for (Integer e : epochs) {
            if (e == null || e <= 0) {
                p.add("grid.epochs: " + (e == null ? "a non-integer value" : e) + " is not a positive whole number of epochs");
            }
        }
        SequentialSettings sequential = SequentialBlock.parse(config, p, epochs);
        List<Long> seeds = sequential == null ? SeedsKey.seeds(config, p)
                : LongStream.range(0, sequential.maxSeeds()).boxed().toList();
        double learningRate = p.number(config, "training.learning-rate", Training.DEFAULT_LEARNING_RATE);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            p.add("training.learning-rate: " + learningRate + " is not positive");
        } else if (learningRate > MAX_LEARNING_RATE) {
            p.add("training.learning-rate: " + learningRate + " is above " + TrialConfig.number(MAX_LEARNING_RATE)
                    + "; learning rates are typically 1e-4 to 1e-1");
        }
        Integer batchSize = wholeNumber(p.number(config, "training.batch-size", Training.DEFAULT_BATCH_SIZE));
        if (batchSize == null || batchSize <= 0) {
            p.add("training.batch-size: must be a positive whole number");
        }
        String engine = p.among(config, "training.engine", Engine.FAST.label(), Engine.labels());
        double stateEvery = p.number(config, "training.state-every", Training.DEFAULT_STATE_EVERY_MINUTES);
        if (!(stateEvery >= 0) || !Double.isFinite(stateEvery)) {
            p.add("training.state-every: " + stateEvery + " is not a number of minutes >= 0 (0 saves a trial's state at"
                    + " checkpoints only)");
        }
        Integer trainExamples = wholeNumber(p.number(config, "data.train-examples", 0));
        if (trainExamples == null || trainExamples < 0) {
            p.add("data.train-examples: must be a whole number, 0 for the whole training set");
        }
        List<String> strategyNames = p.list(config, "grid.strategies", List.of(Strategy.PER_TASK), ConfigValueType.STRING,
                v -> (String) v);
        for (String name : strategyNames) {
            if (!name.equals(Strategy.PER_TASK) && !name.equals(Strategy.DATA_PARALLEL)) {
                p.add("grid.strategies: unknown value '" + name + "'; allowed: per-task, data-parallel");
            }
        }
        Integer averaging = wholeNumber(p.number(config, "data-parallel.averaging-frequency", 5));
        Integer workers = wholeNumber(p.number(config, "data-parallel.workers", 0));
        Integer perWorker = wholeNumber(p.number(config, "data-parallel.batch-size-per-worker",
                batchSize == null ? Training.DEFAULT_BATCH_SIZE : batchSize));
        if (averaging == null || averaging <= 0) {
            p.add("data-parallel.averaging-frequency: must be a positive whole number of minibatches");
        }
        if (workers == null || workers < 0) {
            p.add("data-parallel.workers: must be a whole number, 0 for Spark's default parallelism");
        }
        if (perWorker == null || perWorker <= 0) {
            p.add("data-parallel.batch-size-per-worker: must be a positive whole number");
        }
        String baseline = p.string(config, "analysis.baseline", "relu");
        if (baseline != null && !activations.isEmpty() && !activations.contains(baseline)) {
            p.add("analysis.baseline: '" + baseline + "' is not in grid.activations " + activations);
        }
        if (sequential != null && activations.size() + Math.max(0, slopeActivations.size() * (alphas.size() - 1)) < 2) {
            p.add("analysis.sequential: the grid has no candidate to compare with the baseline; add activations to"
                    + " grid.activations or remove analysis.sequential");
        }
        ValidationSplit validation = ProtocolBlock.validation(config, p);
        List<Double> learningRates = ProtocolBlock.learningRates(config, p, learningRate);
        Tuning tuning = ProtocolBlock.tuning(config, p, epochs, seeds, learningRates, validation);
        ConditionAxes crossed = ConditionBlock.parse(config, p, vocabulary, learningRates);
        ConditionMap conditions = ConditionBlocks.parse(config, p, vocabulary, crossed, tuning != null);
        if (experiment == null) {
            p.add("experiment: missing; name the run, e.g. experiment = \"quick\"");
        }
        Margins margins = AnalysisBlock.margins(config, p);
        if (sequential != null) {
            sequential = new SequentialSettings(sequential.minSeeds(), sequential.maxSeeds(), sequential.roundSize(),
                    margins.of("test_accuracy"), sequential.epoch(), sequential.spending());
        }
        PrimaryEndpoint primary = AnalysisBlock.primary(config, p, epochs, sequential);
        boolean declaredAfterResults = p.bool(config, "analysis.declared-after-results", false);
        EvaluationLooks looks = EvaluationBlock.looks(config, p, strategyNames);
        p.throwIfAny(source);
        GridSpec grid = new GridSpec(experiment, dataset, architectures, activations, slopeActivations.isEmpty() ? List.of() : alphas,
                epochs.stream().sorted().toList(), seeds,
                new Training(crossed.optimizers().get(0), learningRate, batchSize, crossed.weightInits().get(0),
                        Engine.find(engine).orElse(Engine.FAST), stateEvery), trainExamples,
                strategyNames.stream().map(n -> n.equals(Strategy.DATA_PARALLEL)
                        ? new Strategy(n, averaging, workers, perWorker) : Strategy.DEFAULT).toList(),
                slopeActivations, baseline, sequential, learningRates, validation, tuning, margins, primary, declaredAfterResults,
                conditions, looks);
        long trials = grid.trialCount();
        if (trials > maxTrials) {
            p.add("grid: " + String.format("%,d", trials) + " trials (" + grid.dimensions() + ") exceed the limit of "
                    + String.format("%,d", maxTrials) + "; use fewer values in grid.*, or raise the limit with --max-trials");
            p.throwIfAny(source);
        }
        return grid;
    }

    static Integer wholeNumber(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        return null;
    }
}

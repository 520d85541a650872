package org.activationbench.grid;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines one training run. Two equal configs give the same numbers, wherever and
 * however often they run; {@link #trialId()} is a hash of the canonical form, so it is the same on every
 * machine and in every grid that contains the trial.
 *
 * @param alpha       the negative slope for activations that take one, otherwise null
 * @param checkpoints   epochs at which the trial is measured, ascending; training runs to the last one
 * @param trainExamples train on the first this many training examples; 0 for the whole training set
 * @param strategy      per-task (the default) or data-parallel, with its settings
 * @param engine        the project's fast layers (the default) or Deeplearning4j's stock ones
 * @param validation    the examples held out of the training set for choosing; null for none (the default)
 * @param stage         which part of the grid's protocol the trial belongs to; a label, not part of the trial id
 * @param biasInit      the constant every bias starts at (0, the default); see {@link Condition}
 * @param weightDecay   the L2 coefficient on weights and biases (0, the default: none)
 * @param batchNorm     batch normalisation before every hidden layer's activation (false, the default)
 * @param looks         accuracy looks at a subsample between checkpoints; {@link EvaluationLooks#OFF} for none (the
 *                      default)
 */
public record TrialConfig(
        String dataset,
        String architecture,
        String activation,
        Double alpha,
        long seed,
        List<Integer> checkpoints,
        String optimizer,
        double learningRate,
        int batchSize,
        String weightInit,
        int trainExamples,
        Strategy strategy,
        Engine engine,
        ValidationSplit validation,
        Stage stage,
        double biasInit,
        double weightDecay,
        boolean batchNorm,
        EvaluationLooks looks) implements java.io.Serializable {

    /** A trial at the default bias initialisation, without weight decay, batch normalisation or looks. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples, Strategy strategy, Engine engine, ValidationSplit validation, Stage stage) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, strategy, engine, validation, stage, Condition.DEFAULT_BIAS_INIT,
                Condition.DEFAULT_WEIGHT_DECAY, false, EvaluationLooks.OFF);
    }

    /** A trial of a condition, without looks. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples, Strategy strategy, Engine engine, ValidationSplit validation, Stage stage, double biasInit,
            double weightDecay, boolean batchNorm) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, strategy, engine, validation, stage, biasInit, weightDecay, batchNorm, EvaluationLooks.OFF);
    }

    /** A trial at the default condition, with looks. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples, Strategy strategy, Engine engine, ValidationSplit validation, Stage stage,
            EvaluationLooks looks) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, strategy, engine, validation, stage, Condition.DEFAULT_BIAS_INIT, Condition.DEFAULT_WEIGHT_DECAY,
                false, looks);
    }

    /** A trial without a validation split, in a fixed-protocol grid. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples, Strategy strategy, Engine engine) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, strategy, engine, null, Stage.FIXED);
    }

    /** A per-task trial on the whole training set. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit, 0);
    }

    /** A per-task trial. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, Strategy.DEFAULT);
    }

    /** A trial on the fast engine. */
    public TrialConfig(String dataset, String architecture, String activation, Double alpha, long seed,
            List<Integer> checkpoints, String optimizer, double learningRate, int batchSize, String weightInit,
            int trainExamples, Strategy strategy) {
        this(dataset, architecture, activation, alpha, seed, checkpoints, optimizer, learningRate, batchSize, weightInit,
                trainExamples, strategy, Engine.FAST);
    }

    public TrialConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(weightInit, "weightInit");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(looks, "looks");
        checkpoints = checkpoints.stream().sorted().distinct().toList();
        if (checkpoints.isEmpty() || checkpoints.get(0) <= 0) {
            throw new IllegalArgumentException("checkpoints must be positive epochs, found " + checkpoints);
        }
        if (alpha != null && !(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("alpha must be a positive number, found " + alpha);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be positive, found " + learningRate);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, found " + batchSize);
        }
        if (trainExamples < 0) {
            throw new IllegalArgumentException("train examples must be 0 (all) or positive, found " + trainExamples);
        }
        new Condition(optimizer, weightInit, biasInit, weightDecay, batchNorm); // checks the values
        if (looks.on() && strategy.dataParallel()) {
            throw new IllegalArgumentException("looks are taken between the minibatches of one task; a data-parallel trial"
                    + " has none");
        }
    }

    /** The trial's training settings besides the learning rate: what it pairs within. */
    public Condition condition() {
        return new Condition(optimizer, weightInit, biasInit, weightDecay, batchNorm);
    }

    /** The same trial under another condition. */
    public TrialConfig withCondition(Condition c) {
        return new TrialConfig(dataset, architecture, activation, alpha, seed, checkpoints, c.optimizer(), learningRate,
                batchSize, c.weightInit(), trainExamples, strategy, engine, validation, stage, c.biasInit(), c.weightDecay(),
                c.batchNorm(), looks);
    }

    /** The last checkpoint: how many epochs the trial trains. */
    public int maxEpochs() {
        return checkpoints.get(checkpoints.size() - 1);
    }

    /**
     * The seed handed to DL4J for weight initialisation: a SplitMix64 scramble of {@link #seed()}, never 0,
     * because DL4J treats seed 0 as "no seed" and initialises from the clock.
     */
    public long initSeed() {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    /** The activation with its slope, as people write it: {@code relu}, {@code leakyrelu(0.1)}. */
    public String activationLabel() {
        return alpha == null ? activation : activation + "(" + number(alpha) + ")";
    }

    /** This trial on another seed. */
    public TrialConfig withSeed(long newSeed) {
        return new TrialConfig(dataset, architecture, activation, alpha, newSeed, checkpoints, optimizer,
                learningRate, batchSize, weightInit, trainExamples, strategy, engine, validation, stage, biasInit, weightDecay,
                batchNorm, looks);
    }

    /** This trial computed by another engine. */
    public TrialConfig withEngine(Engine newEngine) {
        return new TrialConfig(dataset, architecture, activation, alpha, seed, checkpoints, optimizer,
                learningRate, batchSize, weightInit, trainExamples, strategy, newEngine, validation, stage, biasInit, weightDecay,
                batchNorm, looks);
    }

    /** The same trial at another learning rate (its stage unchanged). */
    public TrialConfig withLearningRate(double newLearningRate) {
        return new TrialConfig(dataset, architecture, activation, alpha, seed, checkpoints, optimizer,
                newLearningRate, batchSize, weightInit, trainExamples, strategy, engine, validation, stage, biasInit, weightDecay,
                batchNorm, looks);
    }

    /** This trial with another validation split. */
    public TrialConfig withValidation(ValidationSplit newValidation) {
        return new TrialConfig(dataset, architecture, activation, alpha, seed, checkpoints, optimizer,
                learningRate, batchSize, weightInit, trainExamples, strategy, engine, newValidation, stage, biasInit, weightDecay,
                batchNorm, looks);
    }

    /** The same trial with the given looks between checkpoints. */
    public TrialConfig withLooks(EvaluationLooks newLooks) {
        return new TrialConfig(dataset, architecture, activation, alpha, seed, checkpoints, optimizer,
                learningRate, batchSize, weightInit, trainExamples, strategy, engine, validation, stage, biasInit, weightDecay,
                batchNorm, newLooks);
    }

    /** The number of validation examples held out of the training set; 0 for none. */
    public int validationExamples() {
        return validation == null ? 0 : validation.examples();
    }

    /** Every field, in a fixed order and number format; the input to {@link #trialId()}. */
    public String canonical() {
        return TrialId.canonical(this);
    }

    /** The first 16 hex digits of the SHA-256 of {@link #canonical()}. */
    public String trialId() {
        return TrialId.of(this);
    }

    /** Shortest exact decimal form: 0.1 stays 0.1, 1.0 becomes 1. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

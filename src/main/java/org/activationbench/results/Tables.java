package org.activationbench.results;

import static org.activationbench.results.Column.BOOLEAN;
import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.DOUBLE_LIST;
import static org.activationbench.results.Column.INT;
import static org.activationbench.results.Column.INT_LIST;
import static org.activationbench.results.Column.LONG;
import static org.activationbench.results.Column.LONG_LIST;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.STRING_LIST;
import static org.activationbench.results.Column.TIMESTAMP;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.Learning;
import org.activationbench.train.LookMetrics;

/** The published tables {@code runs} and {@code epochs}, and how a trial's record becomes their rows. */
public final class Tables {

    private Tables() {}

    /** The columns that identify a trial, taken from its configuration. */
    private static <S> List<Column<S>> trialKey(Function<S, TrialConfig> config, Function<S, String> attemptId) {
        return List.of(
                required("trial_id", STRING, "", "16 hex digits of the SHA-256 of the trial's canonical configuration and seed",
                        s -> config.apply(s).trialId()),
                required("dataset", STRING, "", "mnist | fashion-mnist", s -> config.apply(s).dataset()),
                required("architecture", STRING, "", "mlp | cnn | mlp-deep-N", s -> config.apply(s).architecture()),
                required("activation", STRING, "", "activation of the hidden layers",
                        s -> config.apply(s).activation()),
                optional("alpha", DOUBLE, "", "negative slope for activations that take one (leakyrelu); null otherwise",
                        s -> config.apply(s).alpha()),
                required("activation_label", STRING, "", "activation with its slope, e.g. leakyrelu(0.1)",
                        s -> config.apply(s).activationLabel()),
                required("seed", LONG, "", "seed of weight initialisation and minibatch order; equal seeds pair trials",
                        s -> config.apply(s).seed()),
                required("strategy", STRING, "", "per-task (the trial trained in one Spark task) | data-parallel (trained"
                        + " across executors with parameter averaging)", s -> config.apply(s).strategy().name()),
                required("engine", STRING, "", "fast (the project's layers and updater) | stock (Deeplearning4j's own)",
                        s -> config.apply(s).engine().label()),
                optional("stage", STRING, "", "fixed (every trial of protocol = fixed; in a tuned grid the confirmation seeds at"
                        + " training.learning-rate, when tuning.compare-fixed) | tuning (stage 1: every learning rate on the"
                        + " tuning seeds) | confirmation (stage 2: the other rates a tuned grid may choose, on the confirmation"
                        + " seeds; a chosen rate equal to the fixed one is the fixed trial); null in rows landed before it"
                        + " existed (fixed)", s -> config.apply(s).stage().label()),
                optional("attempt_id", STRING, "", "random id of the attempt that produced the row, unique across retries and"
                        + " resumes; a runs row and its epochs rows share it (null in rows landed before it existed)",
                        attemptId));
    }

    /** The bias initialisation of a trial's condition. */
    private static <S> Column<S> biasInit(Function<S, TrialConfig> config) {
        return optional("bias_init", DOUBLE, "", "constant every bias started at (training.bias-init); 0 where weight_init"
                + " draws the biases itself (torch-default); null in rows landed before the column existed (0)",
                s -> config.apply(s).biasInit());
    }

    private static <S> Column<S> weightDecay(Function<S, TrialConfig> config) {
        return optional("weight_decay", DOUBLE, "", "L2 coefficient on weights and biases (training.weight-decay), 0 for"
                + " none; null in rows landed before the column existed (0)", s -> config.apply(s).weightDecay());
    }

    private static <S> Column<S> batchNorm(Function<S, TrialConfig> config) {
        return optional("batch_norm", BOOLEAN, "", "whether every hidden layer normalised its pre-activation over the"
                + " minibatch (training.batch-norm); null in rows landed before the column existed (false)",
                s -> config.apply(s).batchNorm());
    }

    private static <S> Column<S> condition(Function<S, TrialConfig> config) {
        return optional("condition", STRING, "", "the training settings the trial pairs within besides the learning rate:"
                + " optimizer, weight init, then those away from their defaults, e.g. 'adam, xavier' or 'nesterovs, he,"
                + " bias 0.01, wd 0.0001, bn'; null in rows landed before the column existed (optimizer, weight_init)",
                s -> config.apply(s).condition().label());
    }

    @SafeVarargs
    private static <S> List<Column<S>> concat(List<Column<S>> a, Column<S>... b) {
        List<Column<S>> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return List.copyOf(all);
    }

    public static final Table<TrialRecord> RUNS = new Table<>("runs", "One row per trial.", concat(trialKey(r -> r.result().config(), TrialRecord::attemptId),
            required("checkpoints", INT_LIST, "epochs", "epochs at which the trial was measured",
                    r -> r.result().config().checkpoints()),
            required("max_epochs", INT, "epochs", "the last checkpoint; training ran to it",
                    r -> r.result().config().maxEpochs()),
            required("optimizer", STRING, "", "adam | sgd | nesterovs | rmsprop", r -> r.result().config().optimizer()),
            required("learning_rate", DOUBLE, "", "optimizer learning rate", r -> r.result().config().learningRate()),
            optional("validation_examples", INT, "examples", "examples held out of the training set as the validation split"
                    + " (data.validation-examples); null when none are", r -> validationExamples(r.result().config())),
            optional("validation_seed", LONG, "", "seed of the validation split's permutation (data.validation-seed); null"
                    + " when there is no split", r -> r.result().config().validation() == null ? null
                            : r.result().config().validation().seed()),
            required("batch_size", INT, "examples", "minibatch size", r -> r.result().config().batchSize()),
            required("weight_init", STRING, "", "weight initialisation scheme", r -> r.result().config().weightInit()),
            required("status", STRING, "", "OK | DIVERGED (loss became NaN/infinite) | FAILED (any other error)",
                    r -> r.result().status().name()),
            optional("error_class", STRING, "", "exception class, or Divergence; null when OK",
                    r -> r.result().errorClass()),
            optional("error_message", STRING, "", "what went wrong; null when OK", r -> r.result().errorMessage()),
            required("epochs_completed", INT, "epochs", "epochs fully trained", r -> r.result().epochsCompleted()),
            optional("learned", BOOLEAN, "", "false when the trial ended at chance accuracy (test accuracy within "
                    + Learning.CHANCE_TOLERANCE + " of 1/classes) or with train_loss above initial_train_loss, whatever its"
                    + " status; null without a checkpoint, or in rows landed before it existed",
                    r -> r.result().learned()),
            optional("initial_train_loss", DOUBLE, "nats", "mean cross-entropy of the initial weights on the first "
                    + Learning.SAMPLE + " training examples, before the first step; null in rows landed before it existed",
                    r -> r.result().initialTrainLoss()),
            optional("train_loss", DOUBLE, "nats", "mean cross-entropy on the full training set at the last checkpoint reached",
                    last(CheckpointMetrics::trainLoss)),
            optional("train_accuracy", DOUBLE, "fraction", "accuracy on the full training set at the last checkpoint reached",
                    last(CheckpointMetrics::trainAccuracy)),
            optional("test_loss", DOUBLE, "nats", "mean cross-entropy on the full test set at the last checkpoint reached",
                    last(CheckpointMetrics::testLoss)),
            optional("test_accuracy", DOUBLE, "fraction", "accuracy on the full test set at the last checkpoint reached",
                    last(CheckpointMetrics::testAccuracy)),
            optional("validation_loss", DOUBLE, "nats", "mean cross-entropy on the validation split at the last checkpoint"
                    + " reached; null without a split", last(CheckpointMetrics::validationLoss)),
            optional("validation_accuracy", DOUBLE, "fraction", "accuracy on the validation split at the last checkpoint"
                    + " reached; null without a split", last(CheckpointMetrics::validationAccuracy)),
            optional("epoch_to_97", INT, "epochs", "first epoch whose test accuracy reached 0.97; null if none did",
                    last(CheckpointMetrics::epochTo97)),
            optional("epoch_to_98", INT, "epochs", "first epoch whose test accuracy reached 0.98; null if none did",
                    last(CheckpointMetrics::epochTo98)),
            optional("epoch_to_99", INT, "epochs", "first epoch whose test accuracy reached 0.99; null if none did",
                    last(CheckpointMetrics::epochTo99)),
            optional("test_loss_by_epoch", DOUBLE_LIST, "nats", "mean cross-entropy on the full test set after every epoch"
                    + " trained, epoch 1 first (the learning curve between checkpoints); null in rows landed before it existed",
                    r -> r.result().testLossByEpoch()),
            optional("test_accuracy_by_epoch", DOUBLE_LIST, "fraction", "accuracy on the full test set after every epoch"
                    + " trained, epoch 1 first; null in rows landed before it existed",
                    r -> r.result().testAccuracyByEpoch()),
            required("train_seconds", DOUBLE, "s", "wall time in training steps, evaluation excluded; for a trial continued"
                    + " from its saved state, that of the work kept in the result (before the state, then after it)",
                    r -> r.result().trainSeconds()),
            optional("all_train_seconds", DOUBLE, "s", "all training time spent on the trial, the work of attempts cut short"
                    + " after their last saved state included (noted at most every 30 s); train_seconds when never"
                    + " interrupted; null in rows landed before it existed",
                    r -> r.result().allTrainSeconds()),
            required("task_seconds", DOUBLE, "s", "wall time of the Spark task: dataset access, model build, training, evaluation",
                    TrialRecord::taskSeconds),
            required("started_at", TIMESTAMP, "UTC", "when the trial started", r -> r.result().startedAt()),
            required("finished_at", TIMESTAMP, "UTC", "when the trial ended", r -> r.result().finishedAt()),
            required("hidden_layers", STRING_LIST, "", "names of the layers in epochs.inactive_fraction, input side first",
                    r -> r.result().hiddenLayers()),
            optional("hidden_units", INT_LIST, "units", "units of each of those layers: neurons of a dense layer, channels of"
                    + " a convolution (mlp: 256, 128; cnn: 32, 64 channels; mlp-deep-N: N x 128); null in rows landed before it"
                    + " existed, whose architecture gives the same", r -> r.result().hiddenUnits()),
            required("gradient_layers", STRING_LIST, "", "names of the layers in epochs.gradient_norm, input side first",
                    r -> r.result().gradientLayers()),
            required("project_version", STRING, "", "activation-bench version", r -> r.provenance().projectVersion()),
            required("git_commit", STRING, "", "commit the build came from (-dirty if the tree had changes)",
                    r -> r.provenance().gitCommit()),
            required("dl4j_version", STRING, "", "Deeplearning4j/ND4J version", r -> r.provenance().dl4jVersion()),
            required("spark_version", STRING, "", "Spark version built against", r -> r.provenance().sparkVersion()),
            required("nd4j_backend", STRING, "", "ND4J backend and BLAS vendor, with OPENBLAS_CORETYPE when set, and oneDNN's"
                    + " instruction set (with DNNL_MAX_CPU_ISA when set)",
                    r -> r.provenance().backend()),
            required("java_version", STRING, "", "Java runtime version of the executor",
                    r -> r.provenance().javaVersion()),
            required("os", STRING, "", "operating system, version and CPU architecture of the executor",
                    r -> r.provenance().os()),
            optional("cpu", STRING, "", "the executor's processor model (Linux's model name); null in rows landed before it"
                    + " existed", r -> r.provenance().cpu()),
            required("executor_host", STRING, "", "host name of the executor that ran the trial",
                    r -> r.provenance().host()),
            required("native_threads", INT, "threads", "ND4J native threads the trial trained with",
                    r -> r.provenance().nativeThreads()),
            required("task_attempt", INT, "", "Spark task attempt that produced the row (0 unless retried)",
                    TrialRecord::taskAttempt),
            optional("first_trained_epoch", INT, "epochs", "the epoch the attempt of this row started training in: 1, or"
                    + " that of the saved state it continued from (max_epochs + 1 if the state held the whole trial); null"
                    + " in rows landed before it existed", r -> r.result().firstTrainedEpoch()),
            optional("first_trained_minibatch", INT, "minibatches", "the minibatch of first_trained_epoch the attempt"
                    + " started with, from 1 (above 1: continued from a state saved part-way through the epoch); null in"
                    + " rows landed before it existed", r -> r.result().firstTrainedMinibatch()),
            optional("averaging_frequency", INT, "minibatches", "data-parallel: minibatches per worker between parameter averagings",
                    r -> dataParallel(r) ? r.result().config().strategy().averagingFrequency() : null),
            optional("batch_size_per_worker", INT, "examples", "data-parallel: minibatch size on each worker",
                    r -> dataParallel(r) ? r.result().config().strategy().batchSizePerWorker() : null),
            optional("data_parallel_workers", INT, "workers", "data-parallel: partitions the training set was spread over",
                    TrialRecord::workers),
            optional("worker_fit_seconds", DOUBLE, "s",
                    "data-parallel: time the workers spent fitting, divided by their number; train_seconds minus this is"
                            + " the cost of distributing, averaging and collecting", TrialRecord::workerFitSeconds),
            biasInit(r -> r.result().config()), weightDecay(r -> r.result().config()), batchNorm(r -> r.result().config()),
            condition(r -> r.result().config())));

    public static final Table<Checkpoint> EPOCHS = new Table<>("epochs", "One row per trial and checkpoint epoch. A checkpoint's row"
            + " lands as its trial passes it, while the trial still trains (handed over through the run's state folder), so"
            + " a running or killed run holds rows of trials that have no runs row yet. Where retries or resumes landed a"
            + " checkpoint more than once, readers and compaction keep the rows of the attempt of the trial's runs row"
            + " (same attempt_id); for a trial without one, per checkpoint the row of the attempt that got furthest.", concat(trialKey(Checkpoint::config, Checkpoint::attemptId),
            required("epoch", INT, "epochs", "the checkpoint epoch", e -> e.metrics().epoch()),
            optional("learning_rate", DOUBLE, "", "optimizer learning rate (runs.learning_rate); null in rows landed before"
                    + " it was copied here", e -> e.config().learningRate()),
            required("train_loss", DOUBLE, "nats", "mean cross-entropy on the full training set",
                    e -> e.metrics().trainLoss()),
            required("train_accuracy", DOUBLE, "fraction", "accuracy on the full training set",
                    e -> e.metrics().trainAccuracy()),
            required("test_loss", DOUBLE, "nats", "mean cross-entropy on the full test set",
                    e -> e.metrics().testLoss()),
            required("test_accuracy", DOUBLE, "fraction", "accuracy on the full test set",
                    e -> e.metrics().testAccuracy()),
            optional("validation_loss", DOUBLE, "nats", "mean cross-entropy on the validation split (held out of the"
                    + " training set); null when the trial has none", e -> e.metrics().validationLoss()),
            optional("validation_accuracy", DOUBLE, "fraction", "accuracy on the validation split; null when the trial has"
                    + " none", e -> e.metrics().validationAccuracy()),
            required("train_seconds", DOUBLE, "s", "training wall time up to this epoch, evaluation excluded",
                    e -> e.metrics().trainSeconds()),
            required("examples_per_second", DOUBLE, "examples/s", "training examples processed per training second",
                    e -> e.metrics().examplesPerSecond()),
            optional("inactive_fraction", DOUBLE_LIST, "fraction", "per hidden layer (runs.hidden_layers): the fraction of"
                    + " its units whose pre-activation is <= 0 on every training example (a unit is a neuron of a dense layer,"
                    + " a channel of a convolution: the CNN has 32 + 64); for relu such a unit is dead (no gradient), for any"
                    + " other activation only inactive; null in rows landed before it existed (see dead_fraction)",
                    e -> boxed(e.metrics().inactiveFraction())),
            optional("inactive_units", INT_LIST, "units", "per hidden layer: its inactive units (inactive_fraction x"
                    + " runs.hidden_units); null in rows landed before it existed", e -> boxed(e.metrics().inactiveUnits())),
            optional("network_inactive_fraction", DOUBLE, "fraction", "inactive units as a fraction of all hidden units of"
                    + " the network (sum of inactive_units / sum of runs.hidden_units: each layer weighted by its units);"
                    + " null in rows landed before it existed", e -> e.metrics().networkInactiveFraction()),
            optional("recovered_units", INT, "units", "units inactive at the trial's previous checkpoint and active at this"
                    + " one, over all hidden layers; null at the first checkpoint, and where the units of the checkpoint"
                    + " before are not known: the checkpoints of a trial continued from a state an earlier version saved"
                    + " (state format 2), up to the first after it", e -> e.metrics().recoveredUnits()),
            optional("recovered_fraction", DOUBLE, "fraction", "recovered_units out of the units inactive at the previous"
                    + " checkpoint; null where recovered_units is or none were inactive", e -> e.metrics().recoveredFraction()),
            optional("newly_inactive_units", INT, "units", "units active at the previous checkpoint and inactive at this"
                    + " one, over all hidden layers; null where recovered_units is", e -> e.metrics().newlyInactiveUnits()),
            optional("dead_fraction", DOUBLE_LIST, "fraction", "the per-layer inactive fraction under its former name, in rows"
                    + " landed before inactive_fraction existed; null since. Readers take it as inactive_fraction",
                    e -> null),
            optional("mean_dead_fraction", DOUBLE, "fraction", "in rows landed before inactive_fraction existed, the"
                    + " unweighted mean of dead_fraction over the hidden layers (not network_inactive_fraction, which weights"
                    + " each layer by its units); null since", e -> null),
            optional("gradient_norm", DOUBLE_LIST, "",
                    "per layer with parameters (runs.gradient_layers): L2 norm of the mean-loss gradient, averaged over the"
                            + " epoch's last 20 minibatches; null for data-parallel trials, whose gradients stay on the executors",
                    e -> e.metrics().gradientNorm() == null ? null : boxed(e.metrics().gradientNorm())),
            optional("epoch_to_97", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.97",
                    e -> e.metrics().epochTo97()),
            optional("epoch_to_98", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.98",
                    e -> e.metrics().epochTo98()),
            optional("epoch_to_99", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.99",
                    e -> e.metrics().epochTo99()),
            optional("optimizer", STRING, "", "runs.optimizer; null in rows landed before it was copied here",
                    e -> e.config().optimizer()),
            optional("weight_init", STRING, "", "runs.weight_init; null in rows landed before it was copied here",
                    e -> e.config().weightInit()),
            biasInit(Checkpoint::config), weightDecay(Checkpoint::config), batchNorm(Checkpoint::config),
            condition(Checkpoint::config),
            optional("examples_to_97", LONG, "examples", "trials with looks (evaluation.looks-per-epoch): training examples"
                    + " seen at the first look (<= this checkpoint) whose accuracy on the look subsample (the first"
                    + " evaluation.examples of the validation split, of the test set without one) reached 0.97; null if none"
                    + " did, or without looks", e -> looks(e, LookMetrics::examplesTo97)),
            optional("examples_to_98", LONG, "examples", "likewise for 0.98", e -> looks(e, LookMetrics::examplesTo98)),
            optional("examples_to_99", LONG, "examples", "likewise for 0.99", e -> looks(e, LookMetrics::examplesTo99)),
            optional("accuracy_auc_epoch1", DOUBLE, "fraction", "trials with looks: the mean look-subsample accuracy over the"
                    + " looks of epoch 1, the look before training (at 0 examples) included: the area under epoch 1's accuracy"
                    + " curve per epoch; null without looks", e -> looks(e, LookMetrics::accuracyAucEpoch1)),
            optional("look_examples", LONG_LIST, "examples", "trials with looks: the looks since the previous checkpoint (since"
                    + " training began, at the first checkpoint), each as the training examples seen when it was taken;"
                    + " together over a trial's checkpoints, its whole curve; null without looks",
                    e -> looks(e, m -> Arrays.stream(m.lookExamples()).boxed().toList())),
            optional("look_accuracy", DOUBLE_LIST, "fraction", "the look-subsample accuracy at each of look_examples; null"
                    + " without looks", e -> looks(e, m -> boxed(m.lookAccuracy())))));

    public static final Table<ComparisonRow> COMPARISONS = new Table<>("comparisons",
            "One row per dataset x architecture x condition x checkpoint epoch x metric x candidate activation: the candidate"
                    + " against the baseline, paired by seed. Differences are candidate - baseline.", List.of(
            required("dataset", STRING, "", "dataset of the compared trials", ComparisonRow::dataset),
            required("architecture", STRING, "", "architecture of the compared trials", ComparisonRow::architecture),
            required("strategy", STRING, "", "training strategy of the compared trials (per-task | data-parallel)",
                    ComparisonRow::strategy),
            required("stage", STRING, "", "fixed (every activation at one learning rate: protocol = fixed, or a tuned grid's"
                    + " confirmation seeds at training.learning-rate) | tuned (each activation at the learning rate chosen on"
                    + " the tuning seeds' validation accuracy, on the confirmation seeds)", ComparisonRow::stage),
            required("epoch", INT, "epochs", "checkpoint epoch", ComparisonRow::epoch),
            required("metric", STRING, "",
                    "test_accuracy | test_loss | train_accuracy | train_loss | inactive_fraction"
                            + " (epochs.network_inactive_fraction; in tables landed before it existed, dead_fraction: the"
                            + " unweighted epochs.mean_dead_fraction) | epochs_to_97 (first epoch reaching 97% test accuracy; a trial that had not by this checkpoint counts as epoch + 1)"
                            + " | examples_to_97, examples_to_98, examples_to_99 (grids with looks: training examples until the"
                            + " look subsample's accuracy reached the target; a trial that had not by this checkpoint counts as"
                            + " the examples seen at it plus one look's worth, examples per epoch / looks per epoch)"
                            + " | accuracy_auc_epoch1 (grids with looks: mean look-subsample accuracy over epoch 1's looks)",
                    ComparisonRow::metric),
            required("higher_is_better", BOOLEAN, "", "whether a larger value of the metric is an improvement",
                    ComparisonRow::higherIsBetter),
            required("baseline", STRING, "", "activation label every candidate is compared against (analysis.baseline)",
                    ComparisonRow::baseline),
            required("candidate", STRING, "", "activation label of the candidate, e.g. leakyrelu(0.1)",
                    ComparisonRow::candidate),
            required("candidate_activation", STRING, "", "activation of the candidate",
                    ComparisonRow::candidateActivation),
            optional("candidate_alpha", DOUBLE, "", "alpha of the candidate; null if it takes none",
                    ComparisonRow::candidateAlpha),
            optional("baseline_learning_rate", DOUBLE, "", "learning rate of the baseline's trials",
                    ComparisonRow::baselineLearningRate),
            optional("candidate_learning_rate", DOUBLE, "", "learning rate of the candidate's trials (in stage tuned, the"
                    + " rate chosen for it)", ComparisonRow::candidateLearningRate),
            required("n_pairs", INT, "seeds", "seeds present on both sides", ComparisonRow::nPairs),
            required("n_unpaired_baseline", INT, "seeds", "seeds with a baseline value but no candidate value (not compared)",
                    ComparisonRow::nUnpairedBaseline),
            required("n_unpaired_candidate", INT, "seeds", "seeds with a candidate value but no baseline value (not compared)",
                    ComparisonRow::nUnpairedCandidate),
            optional("n_untrained", INT, "trials", "trials of the baseline and the candidate, at their rates and on the"
                    + " compared seeds, whose runs.learned is false (chance accuracy, or a training loss above the initial"
                    + " one): their values are in the means as they are; null where not counted",
                    ComparisonRow::nUntrained),
            optional("n_censored", INT, "trials", "epochs_to_97 and examples_to_*: the trials of the pairs (both sides) that"
                    + " had not reached the target by this checkpoint and count at the lower bound the metric gives; null"
                    + " for other metrics, and in rows landed before it existed", ComparisonRow::nCensored),
            optional("mean_baseline", DOUBLE, "metric", "mean of the baseline over the paired seeds",
                    ComparisonRow::meanBaseline),
            optional("mean_candidate", DOUBLE, "metric", "mean of the candidate over the paired seeds",
                    ComparisonRow::meanCandidate),
            optional("mean_difference", DOUBLE, "metric", "mean paired difference, candidate - baseline",
                    ComparisonRow::meanDifference),
            optional("sd_difference", DOUBLE, "metric", "standard deviation of the paired differences (n - 1)",
                    ComparisonRow::sdDifference),
            optional("ci_low", DOUBLE, "metric", "the interval the verdict is read from, lower end: the paired t interval of the"
                    + " mean difference at level ci_level = 1 - 0.05 / family_size (Bonferroni), or on a sequential"
                    + " comparison (seeds_used not null) the repeated confidence interval at its last look; null with"
                    + " fewer than 3 pairs", ComparisonRow::ciLow),
            optional("ci_high", DOUBLE, "metric", "that interval's upper end", ComparisonRow::ciHigh),
            required("ci_level", DOUBLE, "fraction", "the interval's confidence level, 1 - 0.05 / family_size",
                    ComparisonRow::ciLevel),
            required("ci_method", STRING, "", "how the interval was computed", ComparisonRow::ciMethod),
            required("margin", DOUBLE, "metric", "the smallest difference that matters for this metric (analysis.margins)",
                    ComparisonRow::margin),
            optional("bootstrap_low", DOUBLE, "metric", "descriptive: 95% percentile bootstrap interval of the mean"
                    + " difference, unadjusted, lower end (not what the verdict is read from); null with fewer than 3 pairs",
                    ComparisonRow::bootstrapLow),
            optional("bootstrap_high", DOUBLE, "metric", "descriptive: the bootstrap interval's upper end",
                    ComparisonRow::bootstrapHigh),
            required("bootstrap_method", STRING, "", "how the bootstrap interval was computed (resamples, seed)",
                    ComparisonRow::bootstrapMethod),
            optional("prob_improvement", DOUBLE, "fraction", "probability of improvement: the share of paired seeds on which"
                    + " the candidate is better than the baseline (higher, or lower for losses and epochs; a tie counts 1/2)",
                    ComparisonRow::probImprovement),
            optional("prob_improvement_low", DOUBLE, "fraction", "95% percentile bootstrap interval of prob_improvement over"
                    + " the pairs (same resamples and seed as ci_low), lower end; null with fewer than 3 pairs",
                    ComparisonRow::probImprovementLow),
            optional("prob_improvement_high", DOUBLE, "fraction", "the interval's upper end",
                    ComparisonRow::probImprovementHigh),
            optional("t_statistic", DOUBLE, "", "paired t statistic", ComparisonRow::tStatistic),
            optional("p_value_t", DOUBLE, "", "two-sided paired t-test p-value; null when every pair differs by the same amount",
                    ComparisonRow::pValueT),
            optional("p_value", DOUBLE, "", "p_value_t, or when that is undefined the exact sign test"
                    + " 2 * 0.5^n (1 if every difference is 0)", ComparisonRow::pValue),
            optional("p_value_wilcoxon", DOUBLE, "", "two-sided Wilcoxon signed-rank p-value",
                    ComparisonRow::pValueWilcoxon),
            required("wilcoxon_method", STRING, "", "exact, or asymptotic with tie correction (ties, zero differences, n >= 50); zeros by Pratt",
                    ComparisonRow::wilcoxonMethod),
            optional("cohens_dz", DOUBLE, "", "effect size: mean difference / sd of differences",
                    ComparisonRow::cohensDz),
            required("family_size", INT, "tests", "the family adjusted together: the candidates of this metric at this"
                    + " checkpoint (dataset x architecture x strategy x condition x stage) with at least 3 pairs", ComparisonRow::familySize),
            optional("p_value_adjusted", DOUBLE, "", "min(1, family_size * p) with p the paired t-test's: below 0.05"
                    + " exactly when the interval excludes 0; null on a sequential comparison", ComparisonRow::pValueAdjusted),
            optional("p_value_equivalence", DOUBLE, "", "two one-sided t-tests against -margin and +margin, the larger"
                    + " p-value times 2 * family_size (at most 1): below 0.05 exactly when the interval lies inside"
                    + " plus or minus the margin; null on a sequential comparison", ComparisonRow::pValueEquivalence),
            required("endpoint", STRING, "", "primary (the grid's analysis.primary metric and checkpoint) | secondary",
                    ComparisonRow::endpoint),
            required("verdict", STRING, "", "read from the interval and the margin: better | worse (the interval excludes 0"
                    + " on that side) | equivalent (it covers 0 and lies inside plus or minus the margin) | undecided"
                    + " (neither) | not testable (fewer than 3 pairs) | not reached (epochs_to_97, examples_to_*: no trial"
                    + " of the pairs reached the target by this checkpoint, n_censored = 2 * n_pairs) | open (sequential,"
                    + " its next round has not landed)",
                    ComparisonRow::verdict),
            required("negligible", BOOLEAN, "", "better or worse, with the interval also inside plus or minus the margin:"
                    + " a real difference smaller than the one that matters", ComparisonRow::negligible),
            optional("min_detectable_difference", DOUBLE, "metric",
                    "smallest true mean difference these pairs detect with 80% power at alpha 0.05 (paired t, unadjusted)",
                    ComparisonRow::minDetectableDifference),
            optional("seeds_to_decide", INT, "seeds", "undecided comparisons: the seeds whose interval would lie inside plus"
                    + " or minus the margin with 80% power if the true difference were 0, at this sd; null otherwise",
                    ComparisonRow::seedsToDecide),
            optional("seeds_used", INT, "seeds", "sequential grids (analysis.sequential), test accuracy at its checkpoint:"
                    + " the seeds (0 .. n - 1) the comparison used, up to where it stopped; null otherwise",
                    ComparisonRow::seedsUsed),
            optional("stopped_at_look", INT, "looks", "sequential: the look (1 = after min-seeds, then one per round) at"
                    + " which it stopped, or the last one made while open", ComparisonRow::stoppedAtLook),
            optional("stopped_because", STRING, "", "sequential: decided (its interval excluded 0) | equivalent (its"
                    + " interval lay inside plus or minus the margin) | narrower than the margin (but reaching past one"
                    + " of its edges: undecided) | max seeds | open (its next round has not landed)",
                    ComparisonRow::stoppedBecause),
            optional("condition", STRING, "", "the training settings both sides share besides the learning rate (runs.condition;"
                    + " a family is one condition's); null in rows written before the column existed",
                    ComparisonRow::condition)));

    /** Every published table, in the order the documentation lists them. */
    public static final List<Table<?>> ALL = List.of(RUNS, EPOCHS, COMPARISONS);

    /**
     * One checkpoint of a trial, by one attempt: what an {@code epochs} row describes. Serializable: an executor hands
     * it to the driver while the trial still trains (see {@code spark.CheckpointHandOver}).
     */
    public record Checkpoint(TrialConfig config, String attemptId, CheckpointMetrics metrics) implements java.io.Serializable {

        /** The key a landed checkpoint is known by: one attempt's epoch of one trial. */
        public String key() {
            return config.trialId() + "/" + attemptId + "/" + metrics.epoch();
        }
    }

    /** The {@code epochs} row of one checkpoint. */
    public static Object[] epochRow(Checkpoint checkpoint) {
        return EPOCHS.row(checkpoint);
    }

    /** The checkpoints of a trial's record, one per checkpoint reached. */
    public static List<Checkpoint> checkpoints(TrialRecord record) {
        return record.result().checkpoints().stream()
                .map(m -> new Checkpoint(record.result().config(), record.attemptId(), m)).toList();
    }

    /** The {@code runs} row of a trial, in column order. */
    public static Object[] runRow(TrialRecord record) {
        return RUNS.row(record);
    }

    /** The {@code epochs} rows of a trial, one per checkpoint reached. */
    public static List<Object[]> epochRows(TrialRecord record) {
        return checkpoints(record).stream().map(Tables::epochRow).toList();
    }

    /** A value of the last checkpoint a trial reached; null if it reached none. */
    private static <T> Function<TrialRecord, T> last(Function<CheckpointMetrics, T> value) {
        return r -> r.result().last() == null ? null : value.apply(r.result().last());
    }

    /** A value of a checkpoint's looks; null for a trial without looks. */
    private static <T> T looks(Checkpoint checkpoint, Function<LookMetrics, T> value) {
        return checkpoint.metrics().looks() == null ? null : value.apply(checkpoint.metrics().looks());
    }

    private static Integer validationExamples(TrialConfig c) {
        return c.validation() == null ? null : c.validation().examples();
    }

    private static boolean dataParallel(TrialRecord r) {
        return r.result().config().strategy().dataParallel();
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}

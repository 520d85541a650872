package org.activationbench.results;

import static org.activationbench.results.Column.Kind.DOUBLE;
import static org.activationbench.results.Column.Kind.DOUBLE_LIST;
import static org.activationbench.results.Column.Kind.INT;
import static org.activationbench.results.Column.Kind.INT_LIST;
import static org.activationbench.results.Column.Kind.LONG;
import static org.activationbench.results.Column.Kind.STRING;
import static org.activationbench.results.Column.Kind.STRING_LIST;
import static org.activationbench.results.Column.Kind.TIMESTAMP;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;

/** The published tables {@code runs} and {@code epochs}, and how a trial's record becomes their rows. */
public final class Tables {

    private Tables() {}

    private static List<Column> trialKey() {
        return List.of(
                required("trial_id", STRING, "", "16 hex digits of the SHA-256 of the trial's canonical configuration and seed"),
                required("dataset", STRING, "", "mnist | fashion-mnist"),
                required("architecture", STRING, "", "mlp | cnn | mlp-deep-N"),
                required("activation", STRING, "", "activation of the hidden layers"),
                optional("alpha", DOUBLE, "", "negative slope for activations that take one (leakyrelu); null otherwise"),
                required("activation_label", STRING, "", "activation with its slope, e.g. leakyrelu(0.1)"),
                required("seed", LONG, "", "seed of weight initialisation and minibatch order; equal seeds pair trials"),
                required("strategy", STRING, "", "per-task (the trial trained in one Spark task) | data-parallel (trained"
                        + " across executors with parameter averaging)"),
                required("engine", STRING, "", "fast (the project's layers and updater) | stock (Deeplearning4j's own)"),
                optional("attempt_id", STRING, "", "random id of the attempt that produced the row, unique across retries and"
                        + " resumes; a runs row and its epochs rows share it (null in rows landed before it existed)"));
    }

    private static List<Column> concat(List<Column> a, Column... b) {
        List<Column> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return List.copyOf(all);
    }

    public static final Table RUNS = new Table("runs", "One row per trial.", concat(trialKey(),
            required("checkpoints", INT_LIST, "epochs", "epochs at which the trial was measured"),
            required("max_epochs", INT, "epochs", "the last checkpoint; training ran to it"),
            required("optimizer", STRING, "", "adam | sgd | nesterovs | rmsprop"),
            required("learning_rate", DOUBLE, "", "optimizer learning rate"),
            required("batch_size", INT, "examples", "minibatch size"),
            required("weight_init", STRING, "", "weight initialisation scheme"),
            required("status", STRING, "", "OK | DIVERGED (loss became NaN/infinite) | FAILED (any other error)"),
            optional("error_class", STRING, "", "exception class, or Divergence; null when OK"),
            optional("error_message", STRING, "", "what went wrong; null when OK"),
            required("epochs_completed", INT, "epochs", "epochs fully trained"),
            optional("train_loss", DOUBLE, "nats", "mean cross-entropy on the full training set at the last checkpoint reached"),
            optional("train_accuracy", DOUBLE, "fraction", "accuracy on the full training set at the last checkpoint reached"),
            optional("test_loss", DOUBLE, "nats", "mean cross-entropy on the full test set at the last checkpoint reached"),
            optional("test_accuracy", DOUBLE, "fraction", "accuracy on the full test set at the last checkpoint reached"),
            optional("epoch_to_97", INT, "epochs", "first epoch whose test accuracy reached 0.97; null if none did"),
            optional("epoch_to_98", INT, "epochs", "first epoch whose test accuracy reached 0.98; null if none did"),
            optional("epoch_to_99", INT, "epochs", "first epoch whose test accuracy reached 0.99; null if none did"),
            required("train_seconds", DOUBLE, "s", "wall time in training steps, evaluation excluded"),
            required("task_seconds", DOUBLE, "s", "wall time of the Spark task: dataset access, model build, training, evaluation"),
            required("started_at", TIMESTAMP, "UTC", "when the trial started"),
            required("finished_at", TIMESTAMP, "UTC", "when the trial ended"),
            required("hidden_layers", STRING_LIST, "", "names of the layers in epochs.dead_fraction, input side first"),
            required("gradient_layers", STRING_LIST, "", "names of the layers in epochs.gradient_norm, input side first"),
            required("project_version", STRING, "", "activation-bench version"),
            required("git_commit", STRING, "", "commit the build came from (-dirty if the tree had changes)"),
            required("dl4j_version", STRING, "", "Deeplearning4j/ND4J version"),
            required("spark_version", STRING, "", "Spark version built against"),
            required("nd4j_backend", STRING, "", "ND4J backend and BLAS vendor, with OPENBLAS_CORETYPE when set, and oneDNN's"
                    + " instruction set (with DNNL_MAX_CPU_ISA when set)"),
            required("java_version", STRING, "", "Java runtime version of the executor"),
            required("os", STRING, "", "operating system, version and CPU architecture of the executor"),
            required("executor_host", STRING, "", "host name of the executor that ran the trial"),
            required("native_threads", INT, "threads", "ND4J native threads the trial trained with"),
            required("task_attempt", INT, "", "Spark task attempt that produced the row (0 unless retried)"),
            optional("averaging_frequency", INT, "minibatches", "data-parallel: minibatches per worker between parameter averagings"),
            optional("batch_size_per_worker", INT, "examples", "data-parallel: minibatch size on each worker"),
            optional("data_parallel_workers", INT, "workers", "data-parallel: partitions the training set was spread over"),
            optional("worker_fit_seconds", DOUBLE, "s",
                    "data-parallel: time the workers spent fitting, divided by their number; train_seconds minus this is"
                            + " the cost of distributing, averaging and collecting")));

    public static final Table EPOCHS = new Table("epochs", "One row per trial and checkpoint epoch.", concat(trialKey(),
            required("epoch", INT, "epochs", "the checkpoint epoch"),
            required("train_loss", DOUBLE, "nats", "mean cross-entropy on the full training set"),
            required("train_accuracy", DOUBLE, "fraction", "accuracy on the full training set"),
            required("test_loss", DOUBLE, "nats", "mean cross-entropy on the full test set"),
            required("test_accuracy", DOUBLE, "fraction", "accuracy on the full test set"),
            required("train_seconds", DOUBLE, "s", "training wall time up to this epoch, evaluation excluded"),
            required("examples_per_second", DOUBLE, "examples/s", "training examples processed per training second"),
            required("dead_fraction", DOUBLE_LIST, "fraction",
                    "per hidden layer (runs.hidden_layers): units whose pre-activation is <= 0 on every training example"),
            required("mean_dead_fraction", DOUBLE, "fraction", "mean of dead_fraction over the hidden layers"),
            optional("gradient_norm", DOUBLE_LIST, "",
                    "per layer with parameters (runs.gradient_layers): L2 norm of the mean-loss gradient, averaged over the"
                            + " epoch's last 20 minibatches; null for data-parallel trials, whose gradients stay on the executors"),
            optional("epoch_to_97", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.97"),
            optional("epoch_to_98", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.98"),
            optional("epoch_to_99", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.99")));

    public static final Table COMPARISONS = new Table("comparisons",
            "One row per dataset x architecture x checkpoint epoch x metric x candidate activation: the candidate against"
                    + " the baseline, paired by seed. Differences are candidate - baseline.", List.of(
            required("dataset", STRING, "", "dataset of the compared trials"),
            required("architecture", STRING, "", "architecture of the compared trials"),
            required("strategy", STRING, "", "training strategy of the compared trials (per-task | data-parallel)"),
            required("epoch", INT, "epochs", "checkpoint epoch"),
            required("metric", STRING, "",
                    "test_accuracy | test_loss | train_accuracy | train_loss | dead_fraction (epochs.mean_dead_fraction)"
                            + " | epochs_to_97 (first epoch reaching 97% test accuracy; a trial that had not by this checkpoint counts as epoch + 1)"),
            required("higher_is_better", Column.Kind.BOOLEAN, "", "whether a larger value of the metric is an improvement"),
            required("baseline", STRING, "", "activation label every candidate is compared against (analysis.baseline)"),
            required("candidate", STRING, "", "activation label of the candidate, e.g. leakyrelu(0.1)"),
            required("candidate_activation", STRING, "", "activation of the candidate"),
            optional("candidate_alpha", DOUBLE, "", "alpha of the candidate; null if it takes none"),
            required("n_pairs", INT, "seeds", "seeds present on both sides"),
            required("n_unpaired_baseline", INT, "seeds", "seeds with a baseline value but no candidate value (not compared)"),
            required("n_unpaired_candidate", INT, "seeds", "seeds with a candidate value but no baseline value (not compared)"),
            optional("mean_baseline", DOUBLE, "metric", "mean of the baseline over the paired seeds"),
            optional("mean_candidate", DOUBLE, "metric", "mean of the candidate over the paired seeds"),
            optional("mean_difference", DOUBLE, "metric", "mean paired difference, candidate - baseline"),
            optional("sd_difference", DOUBLE, "metric", "standard deviation of the paired differences (n - 1)"),
            optional("ci_low", DOUBLE, "metric", "95% percentile bootstrap interval of the mean difference, lower end"),
            optional("ci_high", DOUBLE, "metric", "95% percentile bootstrap interval of the mean difference, upper end"),
            required("ci_method", STRING, "", "how the interval was computed (resamples, seed)"),
            optional("t_statistic", DOUBLE, "", "paired t statistic"),
            optional("p_value_t", DOUBLE, "", "two-sided paired t-test p-value; null when every pair differs by the same amount"),
            optional("p_value", DOUBLE, "", "the p-value Holm adjusts: p_value_t, or when that is undefined the exact sign test"
                    + " 2 * 0.5^n (1 if every difference is 0)"),
            optional("p_value_wilcoxon", DOUBLE, "", "two-sided Wilcoxon signed-rank p-value"),
            required("wilcoxon_method", STRING, "", "exact, or asymptotic with tie correction (ties, zero differences, n >= 50); zeros by Pratt"),
            optional("cohens_dz", DOUBLE, "", "effect size: mean difference / sd of differences"),
            required("family_size", INT, "tests", "comparisons of this metric at this checkpoint (dataset x architecture) adjusted together"),
            optional("p_value_holm", DOUBLE, "", "p_value after Holm's adjustment over the family"),
            required("verdict", STRING, "", "better | worse | no significant difference (Holm-adjusted p < 0.05) | not enough pairs"),
            optional("min_detectable_difference", DOUBLE, "metric",
                    "smallest true mean difference these pairs detect with 80% power at alpha 0.05 (paired t)"),
            optional("seeds_for_0_1_point", INT, "seeds",
                    "accuracy metrics: seeds needed to detect a 0.1-point (0.001) difference with 80% power, at this sd")));

    /** Every published table, in the order the documentation lists them. */
    public static final List<Table> ALL = List.of(RUNS, EPOCHS, COMPARISONS);

    private static List<Object> key(TrialConfig c, String attemptId) {
        return new ArrayList<>(Arrays.asList(c.trialId(), c.dataset(), c.architecture(), c.activation(), c.alpha(),
                c.activationLabel(), c.seed(), c.strategy().name(), c.engine().label(), attemptId));
    }

    /** The {@code runs} row of a trial, in column order. */
    public static Object[] runRow(TrialRecord record) {
        TrialResult r = record.result();
        TrialConfig c = r.config();
        Provenance p = record.provenance();
        CheckpointMetrics last = r.last();
        List<Object> row = key(c, record.attemptId());
        row.addAll(Arrays.asList(c.checkpoints(), c.maxEpochs(), c.optimizer(), c.learningRate(), c.batchSize(),
                c.weightInit(), r.status().name(), r.errorClass(), r.errorMessage(), r.epochsCompleted(),
                last == null ? null : last.trainLoss(), last == null ? null : last.trainAccuracy(),
                last == null ? null : last.testLoss(), last == null ? null : last.testAccuracy(),
                last == null ? null : last.epochTo97(), last == null ? null : last.epochTo98(),
                last == null ? null : last.epochTo99(),
                r.trainSeconds(), record.taskSeconds(), r.startedAt(), r.finishedAt(), r.hiddenLayers(), r.gradientLayers(),
                p.projectVersion(), p.gitCommit(), p.dl4jVersion(), p.sparkVersion(), p.backend(), p.javaVersion(), p.os(),
                p.host(), p.nativeThreads(), record.taskAttempt(),
                c.strategy().dataParallel() ? c.strategy().averagingFrequency() : null,
                c.strategy().dataParallel() ? c.strategy().batchSizePerWorker() : null, record.workers(),
                record.workerFitSeconds()));
        return row.toArray();
    }

    /** The {@code epochs} rows of a trial, one per checkpoint reached. */
    public static List<Object[]> epochRows(TrialRecord record) {
        List<Object[]> rows = new ArrayList<>();
        TrialConfig c = record.result().config();
        for (CheckpointMetrics m : record.result().checkpoints()) {
            List<Object> row = key(c, record.attemptId());
            row.addAll(Arrays.asList(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(),
                    m.trainSeconds(), m.examplesPerSecond(), boxed(m.deadFraction()),
                    Arrays.stream(m.deadFraction()).average().orElse(0.0),
                    m.gradientNorm() == null ? null : boxed(m.gradientNorm()),
                    m.epochTo97(), m.epochTo98(), m.epochTo99()));
            rows.add(row.toArray());
        }
        return rows;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}

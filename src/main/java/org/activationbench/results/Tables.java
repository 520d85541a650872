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
                required("seed", LONG, "", "seed of weight initialisation and minibatch order; equal seeds pair trials"));
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
            required("nd4j_backend", STRING, "", "ND4J backend and BLAS vendor"),
            required("java_version", STRING, "", "Java runtime version of the executor"),
            required("os", STRING, "", "operating system, version and CPU architecture of the executor"),
            required("executor_host", STRING, "", "host name of the executor that ran the trial"),
            required("native_threads", INT, "threads", "ND4J native threads the trial trained with"),
            required("task_attempt", INT, "", "Spark task attempt that produced the row (0 unless retried)")));

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
            required("gradient_norm", DOUBLE_LIST, "",
                    "per layer with parameters (runs.gradient_layers): L2 norm of the mean-loss gradient, averaged over the epoch's last 20 minibatches"),
            optional("epoch_to_97", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.97"),
            optional("epoch_to_98", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.98"),
            optional("epoch_to_99", INT, "epochs", "first epoch (<= this one) whose test accuracy reached 0.99")));

    /** Every published table, in the order the documentation lists them. */
    public static final List<Table> ALL = List.of(RUNS, EPOCHS);

    private static List<Object> key(TrialConfig c) {
        return new ArrayList<>(Arrays.asList(c.trialId(), c.dataset(), c.architecture(), c.activation(), c.alpha(),
                c.activationLabel(), c.seed()));
    }

    /** The {@code runs} row of a trial, in column order. */
    public static Object[] runRow(TrialRecord record) {
        TrialResult r = record.result();
        TrialConfig c = r.config();
        Provenance p = record.provenance();
        CheckpointMetrics last = r.last();
        List<Object> row = key(c);
        row.addAll(Arrays.asList(c.checkpoints(), c.maxEpochs(), c.optimizer(), c.learningRate(), c.batchSize(),
                c.weightInit(), r.status().name(), r.errorClass(), r.errorMessage(), r.epochsCompleted(),
                last == null ? null : last.trainLoss(), last == null ? null : last.trainAccuracy(),
                last == null ? null : last.testLoss(), last == null ? null : last.testAccuracy(),
                last == null ? null : last.epochTo97(), last == null ? null : last.epochTo98(),
                last == null ? null : last.epochTo99(),
                r.trainSeconds(), record.taskSeconds(), r.startedAt(), r.finishedAt(), r.hiddenLayers(), r.gradientLayers(),
                p.projectVersion(), p.gitCommit(), p.dl4jVersion(), p.sparkVersion(), p.backend(), p.javaVersion(), p.os(),
                p.host(), p.nativeThreads(), record.taskAttempt()));
        return row.toArray();
    }

    /** The {@code epochs} rows of a trial, one per checkpoint reached. */
    public static List<Object[]> epochRows(TrialRecord record) {
        List<Object[]> rows = new ArrayList<>();
        TrialConfig c = record.result().config();
        for (CheckpointMetrics m : record.result().checkpoints()) {
            List<Object> row = key(c);
            row.addAll(Arrays.asList(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(),
                    m.trainSeconds(), m.examplesPerSecond(), boxed(m.deadFraction()),
                    Arrays.stream(m.deadFraction()).average().orElse(0.0), boxed(m.gradientNorm()),
                    m.epochTo97(), m.epochTo98(), m.epochTo99()));
            rows.add(row.toArray());
        }
        return rows;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}

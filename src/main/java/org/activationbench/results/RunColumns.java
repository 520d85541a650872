package org.activationbench.results;

import static org.activationbench.results.Column.BOOLEAN;
import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.DOUBLE_LIST;
import static org.activationbench.results.Column.INT;
import static org.activationbench.results.Column.INT_LIST;
import static org.activationbench.results.Column.LONG;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.STRING_LIST;
import static org.activationbench.results.Column.TIMESTAMP;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;
import static org.activationbench.results.TrialColumns.batchNorm;
import static org.activationbench.results.TrialColumns.biasInit;
import static org.activationbench.results.TrialColumns.concat;
import static org.activationbench.results.TrialColumns.condition;
import static org.activationbench.results.TrialColumns.trialKey;
import static org.activationbench.results.TrialColumns.weightDecay;

import java.util.function.Function;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.Learning;

/** The {@code runs} table: one row per trial, taken from its record. */
final class RunColumns {

    private RunColumns() {}

    static final Table<TrialRecord> TABLE = new Table<>("runs", "One row per trial.", concat(trialKey(r -> r.result().config(), TrialRecord::attemptId),
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

    /** A value of the last checkpoint a trial reached; null if it reached none. */
    private static <T> Function<TrialRecord, T> last(Function<CheckpointMetrics, T> value) {
        return r -> r.result().last() == null ? null : value.apply(r.result().last());
    }

    private static Integer validationExamples(TrialConfig c) {
        return c.validation() == null ? null : c.validation().examples();
    }

    private static boolean dataParallel(TrialRecord r) {
        return r.result().config().strategy().dataParallel();
    }
}

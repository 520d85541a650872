package org.activationbench.results;

import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.DOUBLE_LIST;
import static org.activationbench.results.Column.INT;
import static org.activationbench.results.Column.INT_LIST;
import static org.activationbench.results.Column.LONG;
import static org.activationbench.results.Column.LONG_LIST;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;
import static org.activationbench.results.TrialColumns.batchNorm;
import static org.activationbench.results.TrialColumns.biasInit;
import static org.activationbench.results.TrialColumns.concat;
import static org.activationbench.results.TrialColumns.condition;
import static org.activationbench.results.TrialColumns.trialKey;
import static org.activationbench.results.TrialColumns.weightDecay;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.activationbench.results.Tables.Checkpoint;
import org.activationbench.train.LookMetrics;

/** The {@code epochs} table: one row per trial and checkpoint, taken from the checkpoint's metrics. */
final class EpochColumns {

    private EpochColumns() {}

    static final Table<Checkpoint> TABLE = new Table<>("epochs", "One row per trial and checkpoint epoch. A checkpoint's row"
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

    /** A value of a checkpoint's looks; null for a trial without looks. */
    private static <T> T looks(Checkpoint checkpoint, Function<LookMetrics, T> value) {
        return checkpoint.metrics().looks() == null ? null : value.apply(checkpoint.metrics().looks());
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}

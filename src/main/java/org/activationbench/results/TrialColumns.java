package org.activationbench.results;

import static org.activationbench.results.Column.BOOLEAN;
import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.LONG;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.activationbench.grid.TrialConfig;

/** The columns {@code runs} and {@code epochs} share: what identifies a trial and the condition it trained under. */
final class TrialColumns {

    private TrialColumns() {}

    /** The columns that identify a trial, taken from its configuration. */
    static <S> List<Column<S>> trialKey(Function<S, TrialConfig> config, Function<S, String> attemptId) {
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
    static <S> Column<S> biasInit(Function<S, TrialConfig> config) {
        return optional("bias_init", DOUBLE, "", "constant every bias started at (training.bias-init); 0 where weight_init"
                + " draws the biases itself (torch-default); null in rows landed before the column existed (0)",
                s -> config.apply(s).biasInit());
    }

    static <S> Column<S> weightDecay(Function<S, TrialConfig> config) {
        return optional("weight_decay", DOUBLE, "", "L2 coefficient on weights and biases (training.weight-decay), 0 for"
                + " none; null in rows landed before the column existed (0)", s -> config.apply(s).weightDecay());
    }

    static <S> Column<S> batchNorm(Function<S, TrialConfig> config) {
        return optional("batch_norm", BOOLEAN, "", "whether every hidden layer normalised its pre-activation over the"
                + " minibatch (training.batch-norm); null in rows landed before the column existed (false)",
                s -> config.apply(s).batchNorm());
    }

    static <S> Column<S> condition(Function<S, TrialConfig> config) {
        return optional("condition", STRING, "", "the training settings the trial pairs within besides the learning rate:"
                + " optimizer, weight init, then those away from their defaults, e.g. 'adam, xavier' or 'nesterovs, he,"
                + " bias 0.01, wd 0.0001, bn'; null in rows landed before the column existed (optimizer, weight_init)",
                s -> config.apply(s).condition().label());
    }

    @SafeVarargs
    static <S> List<Column<S>> concat(List<Column<S>> a, Column<S>... b) {
        List<Column<S>> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return List.copyOf(all);
    }
}

package org.activationbench.run;

import java.util.Optional;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Strategy;

/**
 * Whether a grid's sizes fit its dataset: a validation split that leaves examples to train on, no more training
 * examples than are left, and minibatches no larger than the training set. Checked before any work, by {@code run}
 * (every mode) and {@code train}, since each misfit would otherwise fail every trial after training started.
 */
public final class DataSizes {

    /** The smallest training set a trial can train on. */
    static final int MIN_EXAMPLES = 2;

    private DataSizes() {}

    /** What does not fit, naming the grid key and the fix; empty if everything does. */
    public static Optional<String> problem(GridSpec grid, DatasetSpec spec) {
        int held = grid.validation() == null ? 0 : grid.validation().examples();
        if (held >= spec.trainCount()) {
            return Optional.of("data.validation-examples: " + held + " would hold out all " + spec.trainCount()
                    + " training examples of " + spec.id() + " and leave none to train on; use fewer (e.g. "
                    + spec.trainCount() / 6 + ")");
        }
        int left = spec.trainCount() - held;
        String after = held > 0 ? " after " + held + " held out for validation" : "";
        if (grid.trainExamples() > left) {
            return Optional.of("data.train-examples: " + grid.trainExamples() + " is more than the " + left
                    + " training examples " + spec.id() + " has" + after + "; use at most " + left
                    + (held > 0 ? " or hold out fewer" : "") + " (0 uses all of them)");
        }
        int examples = grid.trainExamples() > 0 ? grid.trainExamples() : left;
        if (examples < MIN_EXAMPLES) {
            // Measured: one training example fails every trial inside ND4J ("Can't release this INDArray"); two train.
            return Optional.of((grid.trainExamples() > 0 ? "data.train-examples: " + grid.trainExamples()
                    : "data.validation-examples: " + held + " leaves " + examples) + " training example"
                    + (examples == 1 ? "" : "s") + after + "; a trial needs at least " + MIN_EXAMPLES);
        }
        String used = examples + " training examples used (" + (grid.trainExamples() > 0
                ? "data.train-examples = " + grid.trainExamples() : "all of " + spec.id())
                + (held > 0 ? ", after " + held + " held out for validation" : "") + ")";
        if (grid.training().batchSize() > examples) {
            return Optional.of("training.batch-size: " + grid.training().batchSize() + " is larger than the " + used
                    + "; use a batch size of at most " + examples);
        }
        for (Strategy s : grid.strategies()) {
            if (s.dataParallel() && s.batchSizePerWorker() > examples) {
                return Optional.of("data-parallel.batch-size-per-worker: " + s.batchSizePerWorker() + " is larger than the "
                        + used + "; use at most " + examples);
            }
        }
        return Optional.empty();
    }
}

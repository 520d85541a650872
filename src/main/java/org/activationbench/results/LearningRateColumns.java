package org.activationbench.results;

import static org.activationbench.results.Column.BOOLEAN;
import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.INT;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.required;

import java.util.List;

/** The {@code learning_rates} table: a tuned grid's choices of learning rate, one row per choice and rate tried. */
final class LearningRateColumns {

    private LearningRateColumns() {}

    static final Table<LearningRateRow> TABLE = new Table<>("learning_rates",
            "protocol = tuned only. One row per dataset x architecture x strategy x condition x activation label x learning"
                    + " rate of stage 1: the rate's mean validation accuracy over the tuning seeds and whether it is the"
                    + " one chosen (exactly one per label, setting and condition). Written once per label, setting and"
                    + " condition, when its tuning trials have landed, as a file of its own; read back from then on, never"
                    + " chosen again: stage 2, the comparisons and the report take the chosen rates from here. The rule:"
                    + " docs/statistics.md.", List.of(
            required("dataset", STRING, "", "dataset of the tuning trials", LearningRateRow::dataset),
            required("architecture", STRING, "", "architecture of the tuning trials", LearningRateRow::architecture),
            required("strategy", STRING, "", "training strategy of the tuning trials (per-task | data-parallel)",
                    LearningRateRow::strategy),
            required("condition", STRING, "", "the training settings besides the learning rate (runs.condition; a rate is"
                    + " chosen within one condition)", LearningRateRow::condition),
            required("activation_label", STRING, "", "the activation with its slope, e.g. leakyrelu(0.1): every alpha gets"
                    + " a rate of its own", LearningRateRow::activationLabel),
            required("learning_rate", DOUBLE, "", "a rate of grid.learning-rates, tried on the tuning seeds",
                    LearningRateRow::learningRate),
            required("tuning_epoch", INT, "epochs", "the checkpoint whose validation accuracy decides (tuning.epoch)",
                    LearningRateRow::tuningEpoch),
            required("tuning_seeds", INT, "seeds", "tuning trials at this rate that entered the mean (runs rows on the"
                    + " tuning seeds, whatever their status)", LearningRateRow::tuningSeeds),
            required("mean_validation_accuracy", DOUBLE, "fraction", "mean validation accuracy at tuning_epoch over those"
                    + " trials; a trial that did not reach that epoch (diverged or failed) counts as 0",
                    LearningRateRow::meanValidationAccuracy),
            required("chosen", BOOLEAN, "", "whether this is the rate chosen for the label: stage 2 trains and compares"
                    + " the label at it", LearningRateRow::chosen)));

    /** A row read back, its values in column order (none null: every column is required). */
    static LearningRateRow row(Object[] v) {
        return new LearningRateRow((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4],
                ((Number) v[5]).doubleValue(), ((Number) v[6]).intValue(), ((Number) v[7]).intValue(),
                ((Number) v[8]).doubleValue(), (Boolean) v[9]);
    }
}

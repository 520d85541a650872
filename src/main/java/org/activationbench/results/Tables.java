package org.activationbench.results;

import java.util.List;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;

/**
 * The published tables ({@code runs}, {@code epochs}, {@code comparisons}, and a tuned grid's {@code learning_rates}),
 * and how a trial's record becomes rows.
 */
public final class Tables {

    private Tables() {}

    /** One row per trial; see {@link RunColumns}. */
    public static final Table<TrialRecord> RUNS = RunColumns.TABLE;

    /** One row per trial and checkpoint; see {@link EpochColumns}. */
    public static final Table<Checkpoint> EPOCHS = EpochColumns.TABLE;

    /** One row per comparison; see {@link ComparisonColumns}. */
    public static final Table<ComparisonRow> COMPARISONS = ComparisonColumns.TABLE;

    /** A tuned grid's choices of learning rate, one row per choice and rate tried; see {@link LearningRateColumns}. */
    public static final Table<LearningRateRow> LEARNING_RATES = LearningRateColumns.TABLE;

    /** Every published table, in the order the documentation lists them. */
    public static final List<Table<?>> ALL = List.of(RUNS, EPOCHS, COMPARISONS, LEARNING_RATES);

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
}

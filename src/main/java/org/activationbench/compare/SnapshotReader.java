package org.activationbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Snapshot.LookRow;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.grid.Condition;
import org.activationbench.results.AttemptRule;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.train.EarlierInactiveUnits;
import org.activationbench.train.TrialStatus;
import org.apache.spark.sql.Row;

/**
 * Reads an experiment's {@code runs} and {@code epochs} tables into a {@link Snapshot}: per trial the attempt its runs
 * row describes, and rows landed by earlier versions read with the values their missing columns stood for.
 */
final class SnapshotReader {

    private SnapshotReader() {}

    /**
     * Reads an experiment's runs and epochs as they stand, each trial's epochs from the attempt its runs row describes.
     */
    static Snapshot read(ResultStore store, String experiment, String gridText) {
        Map<String, RunRow> runs = new LinkedHashMap<>();
        // A trial's epochs rows come from the attempt of its runs row (null for rows landed before attempt ids).
        Map<String, String> attempts = new java.util.HashMap<>();
        Map<String, AttemptRule.Run> best = new java.util.HashMap<>();
        Map<String, Boolean> learned = new java.util.HashMap<>();
        for (Row r : store.read(Tables.RUNS).collectAsList()) {
            RunRow row = new RunRow(r.getAs("trial_id"), r.getAs("dataset"), r.getAs("architecture"), strategy(r),
                    r.getAs("activation"),
                    r.getAs("alpha"), r.getAs("activation_label"), r.<Long>getAs("seed"), TrialStatus.valueOf(r.getAs("status")),
                    r.getAs("error_class"), r.getAs("error_message"), r.<Integer>getAs("max_epochs"),
                    r.<Double>getAs("train_seconds"), r.<Double>getAs("task_seconds"), r.<Integer>getAs("native_threads"),
                    r.<java.sql.Timestamp>getAs("started_at").toInstant(), r.<java.sql.Timestamp>getAs("finished_at").toInstant(),
                    r.getList(r.fieldIndex("hidden_layers")), r.getAs("project_version"), r.getAs("git_commit"),
                    r.getAs("dl4j_version"), r.getAs("spark_version"), r.getAs("nd4j_backend"), r.getAs("java_version"),
                    r.getAs("os"), r.getAs("executor_host"), r.<Double>getAs("learning_rate"), stage(r), runCondition(r));
            AttemptRule.Run attempt = new AttemptRule.Run(row.status().name(), row.finishedAt(), r.getAs("attempt_id"));
            AttemptRule.Run kept = best.get(row.trialId());
            if (kept == null || AttemptRule.RUNS_BEST_FIRST.compare(attempt, kept) < 0) {
                runs.put(row.trialId(), row);
                best.put(row.trialId(), attempt);
                attempts.put(row.trialId(), attempt.attemptId());
                // Rows landed before the column existed say nothing either way.
                learned.put(row.trialId(), java.util.Arrays.asList(r.schema().fieldNames()).contains("learned")
                        ? r.<Boolean>getAs("learned") : null);
            }
        }
        List<EpochRow> landed = new ArrayList<>();
        List<String> landedAttempts = new ArrayList<>();
        for (Row r : store.read(Tables.EPOCHS).collectAsList()) {
            // Rows landed before inactive units were counted as such hold them under their earlier names.
            List<Double> inactive = EarlierInactiveUnits.inactiveFraction(list(r, "inactive_fraction"), list(r, "dead_fraction"));
            landed.add(new EpochRow(r.getAs("trial_id"), r.getAs("dataset"), r.getAs("architecture"), strategy(r),
                    r.getAs("activation"),
                    r.getAs("alpha"), r.getAs("activation_label"), r.<Long>getAs("seed"), r.<Integer>getAs("epoch"),
                    r.<Double>getAs("train_loss"), r.<Double>getAs("train_accuracy"), r.<Double>getAs("test_loss"),
                    r.<Double>getAs("test_accuracy"), inactive, EarlierInactiveUnits.networkInactiveFraction(
                            r.getAs("network_inactive_fraction"), inactive, r.getAs("architecture")), r.getAs("epoch_to_97"),
                    runs.containsKey(r.getAs("trial_id")) ? runs.get(r.<String>getAs("trial_id")).learningRate() : Double.NaN,
                    stage(r), r.getAs("validation_accuracy"), epochCondition(r, runs),
                    LookRow.of(r.<Integer>getAs("epoch"), r.getAs("examples_to_97"),
                            r.getAs("examples_to_98"), r.getAs("examples_to_99"), r.getAs("accuracy_auc_epoch1"),
                            r.isNullAt(r.fieldIndex("look_examples")) ? null : r.getList(r.fieldIndex("look_examples")))));
            landedAttempts.add(r.getAs("attempt_id"));
        }
        // A trial without a runs row keeps, per checkpoint, the row of the attempt that got furthest of those that
        // reached it (ties: the first attempt id), as the report's epochs view does.
        Map<String, Integer> reached = new java.util.HashMap<>();
        for (int i = 0; i < landed.size(); i++) {
            reached.merge(landed.get(i).trialId() + "/" + landedAttempts.get(i), landed.get(i).epoch(), Math::max);
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        java.util.Set<String> unfinished = new java.util.TreeSet<>();
        for (int i = 0; i < landed.size(); i++) {
            EpochRow row = landed.get(i);
            String attempt = landedAttempts.get(i);
            String key = row.trialId() + "/" + row.epoch();
            if (runs.containsKey(row.trialId())) {
                if (java.util.Objects.equals(attempts.get(row.trialId()), attempt)) {
                    chosen.putIfAbsent(key, i);
                }
                continue;
            }
            unfinished.add(row.trialId());
            Integer other = chosen.get(key);
            if (other == null || better(reached.get(row.trialId() + "/" + attempt), attempt,
                    reached.get(row.trialId() + "/" + landedAttempts.get(other)), landedAttempts.get(other))) {
                chosen.put(key, i);
            }
        }
        Map<String, EpochRow> epochs = new LinkedHashMap<>();
        chosen.forEach((key, i) -> epochs.put(key, landed.get(i)));
        List<RunRow> runList = new ArrayList<>(runs.values());
        runList.sort(Comparator.comparing(RunRow::setting).thenComparing(RunRow::condition).thenComparing(RunRow::label)
                .thenComparingLong(RunRow::seed));
        List<EpochRow> epochList = new ArrayList<>(epochs.values());
        epochList.sort(Comparator.comparing(EpochRow::setting).thenComparing(EpochRow::condition).thenComparing(EpochRow::label)
                .thenComparingLong(EpochRow::seed).thenComparingInt(EpochRow::epoch));
        List<String> untrained = learned.entrySet().stream().filter(e -> Boolean.FALSE.equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        return new Snapshot(experiment, gridText, List.copyOf(runList), List.copyOf(epochList), List.copyOf(unfinished),
                List.of(), untrained);
    }

    private static List<Double> list(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? null : r.getList(r.fieldIndex(column));
    }

    /** A runs row's condition; rows landed before the column existed name it by their optimizer and weight init. */
    private static String runCondition(Row r) {
        String c = r.getAs("condition");
        return c != null ? c : new Condition(r.getAs("optimizer"), r.getAs("weight_init"), Condition.DEFAULT_BIAS_INIT,
                Condition.DEFAULT_WEIGHT_DECAY, false).label();
    }

    /**
     * An epochs row's condition; for a row landed before the column existed, its trial's runs row's, or for a trial
     * without one the runs rows' single condition (a grid from before conditions existed has one), else none.
     */
    private static String epochCondition(Row r, Map<String, RunRow> runs) {
        String c = r.getAs("condition");
        if (c != null) {
            return c;
        }
        RunRow run = runs.get(r.<String>getAs("trial_id"));
        if (run != null) {
            return run.condition();
        }
        java.util.Set<String> all = runs.values().stream().map(RunRow::condition).collect(java.util.stream.Collectors.toSet());
        return all.size() == 1 ? all.iterator().next() : "";
    }

    /** Files written before the stage column existed hold fixed-protocol trials only. */
    private static String stage(Row r) {
        String s = r.getAs("stage");
        return s == null ? "fixed" : s;
    }

    /** Files written before the strategy column existed hold per-task trials only. */
    private static String strategy(Row r) {
        String s = r.getAs("strategy");
        return s == null ? "per-task" : s;
    }

    /** Whether an attempt that reached {@code reached} beats one that reached {@code otherReached}, by {@link AttemptRule}. */
    private static boolean better(int reached, String attempt, int otherReached, String otherAttempt) {
        return AttemptRule.CHECKPOINTS_BEST_FIRST.compare(new AttemptRule.Checkpoint(reached, attempt),
                new AttemptRule.Checkpoint(otherReached, otherAttempt)) < 0;
    }
}

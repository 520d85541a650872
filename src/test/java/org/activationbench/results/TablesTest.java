package org.activationbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Stage;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialStatus;
import org.junit.jupiter.api.Test;

/**
 * Every column of runs and epochs holds the field it is named for: a record whose every number and string differs
 * from every other is turned into rows, and each value is looked up by column name against the field written here.
 */
class TablesTest {

    private static final TrialConfig CONFIG = new TrialConfig("mnist", "mlp-deep-3", "leakyrelu", 0.25, 41,
            List.of(1, 2), "nesterovs", 0.0011, 96, "he", 0, new Strategy(Strategy.DATA_PARALLEL, 7, 3, 32), Engine.STOCK, null,
            Stage.FIXED, 0.0125, 0.0003, true);
    /** Hidden layers of 16 and 32 units: 2 + 8 inactive at the first checkpoint, 1 + 16 at the second. */
    private static final int[] UNITS = {16, 32};
    private static final CheckpointMetrics FIRST = new CheckpointMetrics(1, 0.31, 0.91, 0.33, 0.92, 5.5, 101.0,
            new double[] {0.125, 0.25}, UNITS, new double[] {1.5, 2.5, 3.5}, null, null, null);
    private static final CheckpointMetrics SECOND = new CheckpointMetrics(2, 0.21, 0.971, 0.23, 0.975, 11.5, 102.0,
            new double[] {0.0625, 0.5}, UNITS, null, 2, null, null, null, null, 3, 10, 10);
    private static final TrialResult RESULT = new TrialResult(CONFIG, TrialStatus.OK, null, null, List.of(FIRST, SECOND),
            List.of("dense0", "dense1"), List.of(16, 32), List.of("dense0", "dense1", "output"), 2, List.of(0.25, 0.23),
            List.of(0.96, 0.975), 12.5, 14.25, 2, 31,
            Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:00:20Z"));
    private static final Provenance PROVENANCE = new Provenance("0.1.0", "abc1234", "1.0.0-M2", "3.5.3", "CpuBackend / OPENBLAS",
            "17.0.9", "Linux 6.1 amd64", "AMD EPYC 9B45", "host-7", 1);
    private static final TrialRecord RECORD = new TrialRecord(RESULT, PROVENANCE, 19.5, 1, 3, 4.25);

    private static Map<String, Object> byName(Table<?> table, Object[] row) {
        assertEquals(table.columns().size(), row.length);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            values.put(table.columns().get(i).name(), row[i]);
        }
        return values;
    }

    private static Map<String, Object> key() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_id", CONFIG.trialId());
        m.put("dataset", "mnist");
        m.put("architecture", "mlp-deep-3");
        m.put("activation", "leakyrelu");
        m.put("alpha", 0.25);
        m.put("activation_label", "leakyrelu(0.25)");
        m.put("seed", 41L);
        m.put("strategy", "data-parallel");
        m.put("engine", "stock");
        m.put("stage", "fixed");
        m.put("attempt_id", RECORD.attemptId());
        m.put("bias_init", 0.0125);
        m.put("weight_decay", 0.0003);
        m.put("batch_norm", true);
        m.put("condition", "nesterovs, he, bias 0.0125, wd 0.0003, bn");
        return m;
    }

    @Test
    void everyRunsColumnHoldsItsField() {
        Map<String, Object> expected = key();
        expected.putAll(Map.ofEntries(Map.entry("checkpoints", List.of(1, 2)), Map.entry("max_epochs", 2),
                Map.entry("optimizer", "nesterovs"), Map.entry("learning_rate", 0.0011), Map.entry("batch_size", 96),
                Map.entry("weight_init", "he"), Map.entry("status", "OK"), Map.entry("epochs_completed", 2),
                Map.entry("train_loss", 0.21), Map.entry("train_accuracy", 0.971), Map.entry("test_loss", 0.23),
                Map.entry("test_accuracy", 0.975), Map.entry("epoch_to_97", 2), Map.entry("train_seconds", 12.5),
                Map.entry("test_loss_by_epoch", List.of(0.25, 0.23)), Map.entry("test_accuracy_by_epoch", List.of(0.96, 0.975)),
                Map.entry("task_seconds", 19.5), Map.entry("started_at", Instant.parse("2026-11-30T10:00:00Z")),
                Map.entry("finished_at", Instant.parse("2026-11-30T10:00:20Z")),
                Map.entry("hidden_layers", List.of("dense0", "dense1")), Map.entry("hidden_units", List.of(16, 32)),
                Map.entry("gradient_layers", List.of("dense0", "dense1", "output")), Map.entry("project_version", "0.1.0"),
                Map.entry("git_commit", "abc1234"), Map.entry("dl4j_version", "1.0.0-M2"), Map.entry("spark_version", "3.5.3"),
                Map.entry("nd4j_backend", "CpuBackend / OPENBLAS"), Map.entry("java_version", "17.0.9"),
                Map.entry("os", "Linux 6.1 amd64"), Map.entry("cpu", "AMD EPYC 9B45"), Map.entry("executor_host", "host-7"),
                Map.entry("native_threads", 1), Map.entry("task_attempt", 1), Map.entry("all_train_seconds", 14.25),
                Map.entry("first_trained_epoch", 2), Map.entry("first_trained_minibatch", 31), Map.entry("averaging_frequency", 7),
                Map.entry("batch_size_per_worker", 32),
                Map.entry("data_parallel_workers", 3), Map.entry("worker_fit_seconds", 4.25),
                // Test accuracy 0.975 is far from chance; no initial loss was measured to compare with.
                Map.entry("learned", true)));
        Map<String, Object> actual = byName(Tables.RUNS, Tables.runRow(RECORD));
        Set<String> nulls = new HashSet<>(actual.keySet());
        nulls.removeAll(expected.keySet());
        for (String column : nulls) {
            assertNull(actual.get(column), column);
        }
        assertEquals(Set.of("error_class", "error_message", "epoch_to_98", "epoch_to_99", "validation_examples",
                "validation_seed", "validation_loss", "validation_accuracy", "initial_train_loss"), nulls);
        expected.forEach((column, value) -> assertEquals(value, actual.get(column), column));
    }

    @Test
    void everyEpochsColumnHoldsItsCheckpointsField() {
        List<Object[]> rows = Tables.epochRows(RECORD);
        assertEquals(2, rows.size());
        Map<String, Object> expected = key();
        expected.putAll(Map.of("epoch", 1, "train_loss", 0.31, "train_accuracy", 0.91, "test_loss", 0.33, "test_accuracy", 0.92,
                "train_seconds", 5.5, "examples_per_second", 101.0, "inactive_fraction", List.of(0.125, 0.25),
                "inactive_units", List.of(2, 8), "gradient_norm", List.of(1.5, 2.5, 3.5)));
        expected.put("network_inactive_fraction", 10 / 48.0);
        expected.put("learning_rate", 0.0011);
        expected.put("optimizer", "nesterovs");
        expected.put("weight_init", "he");
        Map<String, Object> first = byName(Tables.EPOCHS, rows.get(0));
        // The first checkpoint follows no units; the earlier names of the inactive fractions are never written.
        for (String column : List.of("validation_accuracy", "recovered_units", "recovered_fraction", "newly_inactive_units",
                "dead_fraction", "mean_dead_fraction")) {
            assertNull(first.get(column), column);
        }
        expected.forEach((column, value) -> assertEquals(value, first.get(column), column));
        Map<String, Object> second = byName(Tables.EPOCHS, rows.get(1));
        assertEquals(2, second.get("epoch_to_97"));
        assertNull(second.get("gradient_norm"));
        assertEquals(List.of(1, 16), second.get("inactive_units"));
        // 17 of 48 units, where the mean of the layers' fractions would say 28.125%.
        assertEquals(17 / 48.0, second.get("network_inactive_fraction"));
        assertEquals(3, second.get("recovered_units"));
        assertEquals(0.3, second.get("recovered_fraction"));
        assertEquals(10, second.get("newly_inactive_units"));
        assertNull(second.get("dead_fraction"));
    }

    @Test
    void aPerTaskTrialHasNoDataParallelSettings() {
        TrialConfig perTask = new TrialConfig("mnist", "mlp", "relu", null, 1, List.of(1), "adam", 0.001, 128, "xavier");
        TrialResult failed = new TrialResult(perTask, TrialStatus.FAILED, "java.lang.OutOfMemoryError", "heap", List.of(),
                List.of("dense0"), List.of(256), List.of("dense0", "output"), 0, List.of(), List.of(), 0.0, 0.0, 1, 1, Instant.EPOCH,
                Instant.EPOCH);
        Map<String, Object> row = byName(Tables.RUNS, Tables.runRow(new TrialRecord(failed, PROVENANCE, 1.0, 0)));
        assertEquals("FAILED", row.get("status"));
        assertEquals("java.lang.OutOfMemoryError", row.get("error_class"));
        for (String column : List.of("alpha", "train_loss", "test_accuracy", "averaging_frequency", "batch_size_per_worker",
                "data_parallel_workers", "worker_fit_seconds")) {
            assertNull(row.get(column), column);
        }
    }

    @Test
    void aTrialWithAValidationSplitReportsItAndItsStage() {
        TrialConfig config = new TrialConfig("mnist", "mlp", "relu", null, 1000, List.of(1), "adam", 0.003, 128, "xavier", 0,
                org.activationbench.grid.Strategy.DEFAULT, org.activationbench.grid.Engine.FAST,
                new org.activationbench.grid.ValidationSplit(10_000, 7), org.activationbench.grid.Stage.TUNING);
        CheckpointMetrics m = new CheckpointMetrics(1, 0.3, 0.9, 0.31, 0.91, 1.0, 100.0, new double[] {0.1}, new int[] {10}, null,
                null, null, null, 0.32, 0.905, null, null, null);
        TrialResult result = new TrialResult(config, TrialStatus.OK, null, null, List.of(m), List.of("dense0"), List.of(10),
                List.of(), 1,
                List.of(0.31), List.of(0.91), 1.0, 1.0, 1, 1, Instant.EPOCH, Instant.EPOCH);
        TrialRecord record = new TrialRecord(result, PROVENANCE, 1.0, 0);
        Map<String, Object> run = byName(Tables.RUNS, Tables.runRow(record));
        assertEquals("tuning", run.get("stage"));
        assertEquals(10_000, run.get("validation_examples"));
        assertEquals(7L, run.get("validation_seed"));
        assertEquals(0.905, run.get("validation_accuracy"));
        Map<String, Object> epoch = byName(Tables.EPOCHS, Tables.epochRows(record).get(0));
        assertEquals(0.32, epoch.get("validation_loss"));
        assertEquals(0.905, epoch.get("validation_accuracy"));
        assertEquals(0.003, epoch.get("learning_rate"));
        assertEquals("tuning", epoch.get("stage"));
    }

    /** A checkpoint's looks fill the look columns, and land in Parquet as list<int64> and list<double>. */
    @Test
    void aTrialWithLooksReportsThemAndTheyLandInParquet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TrialConfig config = new TrialConfig("mnist", "mlp", "relu", null, 3, List.of(1), "adam", 0.001, 128, "xavier")
                .withLooks(new org.activationbench.grid.EvaluationLooks(2, 100));
        org.activationbench.train.LookMetrics looks = new org.activationbench.train.LookMetrics(60_000L, null, null, 0.5,
                new long[] {0, 30_000, 60_000}, new double[] {0.125, 0.875, 0.97});
        CheckpointMetrics m = new CheckpointMetrics(1, 0.3, 0.9, 0.31, 0.91, 1.0, 100.0, new double[] {0.1}, new int[] {10}, null,
                null, null, null, null, null, null, null, null, looks);
        TrialResult result = new TrialResult(config, TrialStatus.OK, null, null, List.of(m), List.of("dense0"), List.of(10),
                List.of(), 1, List.of(0.31), List.of(0.91), 1.0, 1.0, 1, 1, Instant.EPOCH, Instant.EPOCH);
        Object[] row = Tables.epochRows(new TrialRecord(result, PROVENANCE, 1.0, 0)).get(0);
        Map<String, Object> epoch = byName(Tables.EPOCHS, row);
        assertEquals(60_000L, epoch.get("examples_to_97"));
        assertNull(epoch.get("examples_to_98"));
        assertNull(epoch.get("examples_to_99"));
        assertEquals(0.5, epoch.get("accuracy_auc_epoch1"));
        assertEquals(List.of(0L, 30_000L, 60_000L), epoch.get("look_examples"));
        assertEquals(List.of(0.125, 0.875, 0.97), epoch.get("look_accuracy"));
        assertNull(byName(Tables.EPOCHS, Tables.epochRows(RECORD).get(0)).get("look_examples"), "a trial without looks");

        TableFiles.writeRows(dir, "x", Tables.EPOCHS, java.util.Collections.singletonList(row));
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement s = duck.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT typeof(look_examples), CAST(look_examples AS VARCHAR),"
                        + " CAST(look_accuracy AS VARCHAR), examples_to_97 FROM read_parquet('"
                        + dir.resolve("epochs").toString().replace("'", "''") + "/*/*.parquet')")) {
            org.junit.jupiter.api.Assertions.assertTrue(r.next());
            assertEquals("BIGINT[]", r.getString(1));
            assertEquals("[0, 30000, 60000]", r.getString(2));
            assertEquals("[0.125, 0.875, 0.97]", r.getString(3));
            assertEquals(60_000L, r.getLong(4));
        }
    }
}

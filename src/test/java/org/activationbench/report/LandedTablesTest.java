package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.activationbench.results.TableFiles;
import org.activationbench.results.Tables;
import org.activationbench.train.EarlierInactiveUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandedTablesTest {

    @TempDir
    Path dir;

    /**
     * The SQL formatting macros print what Java's Formatter printed before the tables were formatted by their
     * queries: the same digits, ties (k/64, x.xx5) rounded half up, and the sign of values that round to zero.
     */
    @Test
    void formattingMacrosPrintWhatJavasFormatterPrints() {
        List<Double> values = new ArrayList<>(List.of(0.0, -1.5625, 2.675, 0.0625, -0.015625, 97.815, -1e-5, 1e-12, 0.1 + 0.2));
        for (int k = -130; k <= 130; k++) {
            values.add(k / 64.0);
            values.add(k / 1000.0 + 0.0005);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 400; i++) {
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 4)));
        }
        try (LandedTables tables = new LandedTables(dir, "none")) {
            // Every value in one query, in the order given. From a string: a numeric literal would be read as a DECIMAL
            // first and could land on another double.
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                rows.append(i == 0 ? "" : ", ").append("(%d, '%s')".formatted(i, values.get(i)));
            }
            LandedTables.Rows r = tables.query(("SELECT fixed(x, 4) AS f, signed(x, 3) AS s, percent(x) AS p, points(x) AS d"
                    + " FROM (SELECT i, CAST(v AS DOUBLE) AS x FROM (VALUES %s) t(i, v)) ORDER BY i").formatted(rows));
            assertEquals(values.size(), r.size());
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                assertEquals(String.format(Locale.ROOT, "%.4f", v), r.string(i, "f"), "fixed " + v);
                assertEquals(String.format(Locale.ROOT, "%+.3f", v), r.string(i, "s"), "signed " + v);
                assertEquals(Format.percent(v), r.string(i, "p"), "percent " + v);
                assertEquals(Format.points(v), r.string(i, "d"), "points " + v);
            }
            assertEquals("–", tables.query("SELECT percent(NULL::DOUBLE) AS p").string(0, "p"));
        }
    }

    @Test
    void aFolderWithoutTablesGetsTheMacrosAndNoViews() {
        try (LandedTables tables = new LandedTables(dir, "none")) {
            assertEquals(0, tables.setup().stream().filter(s -> s.startsWith("CREATE VIEW")).count());
            assertEquals("0.123", tables.query("SELECT pvalue(0.12345) AS p").string(0, "p"));
            assertEquals("1.2e-05", tables.query("SELECT pvalue(0.0000123) AS p").string(0, "p"));
        }
    }

    /** Learning curves come from the runs' per-epoch lists; a trial landed without them keeps its checkpoint epochs. */
    @Test
    void theCurveHasEveryEpochOfTrialsWithPerEpochLists() throws Exception {
        String trial = "'mlp' AS architecture, 'per-task' AS strategy, 'relu' AS activation, NULL::DOUBLE AS alpha,"
                + " 'relu' AS activation_label, 'OK' AS status, TIMESTAMP '2026-11-30 10:00:00' AS finished_at, 'e' AS experiment";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("""
                    COPY (SELECT 'new' AS trial_id, 0::BIGINT AS seed, %s, [0.9, 0.5, 0.4] AS test_loss_by_epoch,
                                 [0.90, 0.95, 0.96] AS test_accuracy_by_epoch
                          UNION ALL
                          SELECT 'old', 1, %s, NULL, NULL)
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, trial, dir.resolve("runs")));
            s.execute("""
                    COPY (SELECT trial_id, seed, %s, epoch, 1.0 * epoch AS train_seconds, 0.5 AS test_loss, 0.9 AS test_accuracy
                          FROM (VALUES ('new', 0, 3), ('old', 1, 1), ('old', 1, 3)) t(trial_id, seed, epoch))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, dir.resolve("epochs")));
        }
        try (LandedTables tables = new LandedTables(dir, "e")) {
            LandedTables.Rows curve = tables.query("SELECT trial_id, epoch, test_accuracy FROM curve ORDER BY trial_id, epoch");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < curve.size(); i++) {
                rows.add(curve.string(i, "trial_id") + " " + curve.string(i, "epoch") + " " + curve.number(i, "test_accuracy"));
            }
            assertEquals(List.of("new 1 0.9", "new 2 0.95", "new 3 0.96", "old 1 0.9", "old 3 0.9"), rows);
            assertEquals(1, tables.setup().stream().filter(sql -> sql.startsWith("CREATE VIEW curve")).count());
        }
    }

    /** Trials a resumed, edited grid no longer lists stay in the files and leave the views runs and epochs. */
    @Test
    void trialsLeftOutOfTheGridLeaveTheViews() throws Exception {
        String trial = "'mlp' AS architecture, 'per-task' AS strategy, 'relu' AS activation, NULL::DOUBLE AS alpha,"
                + " 'relu' AS activation_label, 'OK' AS status, TIMESTAMP '2026-11-30 10:00:00' AS finished_at, 'e' AS experiment";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("""
                    COPY (SELECT trial_id, seed, %s FROM (VALUES ('kept', 0), ('gone', 1)) t(trial_id, seed))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, dir.resolve("runs")));
            s.execute("""
                    COPY (SELECT trial_id, seed, %s, 1 AS epoch, 1.0 AS train_seconds, 0.5 AS test_loss, 0.9 AS test_accuracy
                          FROM (VALUES ('kept', 0), ('gone', 1)) t(trial_id, seed))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, dir.resolve("epochs")));
        }
        try (LandedTables tables = new LandedTables(dir, "e", false, List.of("gone"))) {
            for (String view : List.of("runs", "epochs")) {
                LandedTables.Rows rows = tables.query("SELECT trial_id FROM " + view);
                assertEquals(1, rows.size(), view);
                assertEquals("kept", rows.string(0, "trial_id"), view);
            }
        }
        try (LandedTables tables = new LandedTables(dir, "e")) {
            assertEquals(2, tables.query("SELECT trial_id FROM runs").size());
        }
    }

    /**
     * A run still going (or killed): trial "done" has its runs row (attempt a2, after a failed attempt a1 that streamed
     * epoch 1 with other numbers); trial "running" has only streamed checkpoints, of two attempts (b1 reached epoch 3,
     * b2 only epoch 1); trial "resumed" streamed epoch 1 in attempt c1, then epoch 3 in c2, continued from c1's state.
     * The epochs view keeps a2's rows, b1's, and c1's epoch 1 with c2's epoch 3, once each; unfinished names the two.
     */
    @Test
    void streamedCheckpointsOfUnfinishedTrialsAreInEpochsOfOneAttempt() throws Exception {
        String trial = "'mlp' AS architecture, 'per-task' AS strategy, 'relu' AS activation, NULL::DOUBLE AS alpha,"
                + " 'relu' AS activation_label, 'e' AS experiment";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("""
                    COPY (SELECT 'done' AS trial_id, 0::BIGINT AS seed, %s, 'OK' AS status, 'a2' AS attempt_id,
                                 TIMESTAMP '2026-11-30 10:00:00' AS finished_at)
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, dir.resolve("runs")));
            s.execute("""
                    COPY (SELECT trial_id, seed, %s, attempt_id, epoch, 1.0 * epoch AS train_seconds, accuracy AS test_accuracy,
                                 0.5 AS test_loss
                          FROM (VALUES ('done', 0, 'a1', 1, 0.1), ('done', 0, 'a2', 1, 0.9), ('done', 0, 'a2', 3, 0.95),
                                       ('done', 0, 'a2', 3, 0.95),
                                       ('running', 1, 'b1', 1, 0.8), ('running', 1, 'b1', 3, 0.85), ('running', 1, 'b2', 1, 0.7),
                                       ('resumed', 2, 'c1', 1, 0.6), ('resumed', 2, 'c2', 3, 0.65))
                               t(trial_id, seed, attempt_id, epoch, accuracy))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(trial, dir.resolve("epochs")));
        }
        try (LandedTables tables = new LandedTables(dir, "e")) {
            LandedTables.Rows epochs = tables.query("SELECT trial_id, attempt_id, epoch, test_accuracy FROM epochs"
                    + " ORDER BY trial_id, epoch");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < epochs.size(); i++) {
                rows.add(epochs.string(i, "trial_id") + " " + epochs.string(i, "attempt_id") + " " + epochs.string(i, "epoch")
                        + " " + epochs.number(i, "test_accuracy"));
            }
            assertEquals(List.of("done a2 1 0.9", "done a2 3 0.95", "resumed c1 1 0.6", "resumed c2 3 0.65", "running b1 1 0.8",
                    "running b1 3 0.85"), rows);
            LandedTables.Rows unfinished = tables.query("SELECT trial_id, last_checkpoint FROM unfinished ORDER BY trial_id");
            assertEquals(2, unfinished.size());
            assertEquals("resumed", unfinished.string(0, "trial_id"));
            assertEquals("running", unfinished.string(1, "trial_id"));
            assertEquals(3.0, unfinished.number(1, "last_checkpoint"));
        }
    }

    /** Before any trial has ended there are no runs files: the epochs view still shows the streamed checkpoints. */
    @Test
    void checkpointsWithoutAnyRunsRowAreInEpochs() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("""
                    COPY (SELECT 't' AS trial_id, 0::BIGINT AS seed, 'mlp' AS architecture, 'per-task' AS strategy,
                                 'relu' AS activation, NULL::DOUBLE AS alpha, 'relu' AS activation_label, 'x' AS attempt_id, 1 AS epoch,
                                 1.0 AS train_seconds, 0.5 AS test_loss, 0.9 AS test_accuracy, 'e' AS experiment)
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(dir.resolve("epochs")));
        }
        try (LandedTables tables = new LandedTables(dir, "e")) {
            assertEquals(1, tables.query("SELECT * FROM epochs").size());
            assertEquals("t", tables.query("SELECT trial_id FROM unfinished").string(0, "trial_id"));
        }
    }

    /**
     * The published fashion-mnist tables hold dead_fraction and its unweighted mean: the epochs view reads them as the
     * comparisons do (EarlierInactiveUnits), the network's fraction weighted by the units of the architecture's layers.
     */
    @Test
    void rowsLandedBeforeInactiveUnitsReadAsTheComparisonsReadThem() {
        try (LandedTables tables = new LandedTables(Path.of("notebooks-out", "fashion-mnist", "tables"), "fashion-mnist")) {
            LandedTables.Rows rows = tables.query("""
                    SELECT e.architecture, e.network_inactive_fraction, l.dead_fraction[1] AS f1, l.dead_fraction[2] AS f2,
                           e.inactive_fraction = l.dead_fraction AS same, e.inactive_units[1] AS c1, e.inactive_units[2] AS c2,
                           e.recovered_units, e.newly_inactive_units, len(e.inactive_units) AS layers
                    FROM epochs e JOIN landed_epochs l USING (trial_id, epoch)""");
            assertEquals(240, rows.size());
            int differ = 0;
            for (int i = 0; i < rows.size(); i++) {
                String architecture = rows.string(i, "architecture");
                List<Double> dead = List.of(rows.number(i, "f1"), rows.number(i, "f2"));
                int[] units = architecture.equals("mlp") ? new int[] {256, 128} : new int[] {32, 64};
                assertEquals(EarlierInactiveUnits.networkInactiveFraction(null, dead, architecture),
                        rows.number(i, "network_inactive_fraction"), 0.0);
                assertEquals("true", rows.string(i, "same"));
                assertEquals(2.0, rows.number(i, "layers"));
                assertEquals(Math.round(dead.get(0) * units[0]), rows.number(i, "c1"), 0.0);
                assertEquals(Math.round(dead.get(1) * units[1]), rows.number(i, "c2"), 0.0);
                assertEquals(null, rows.string(i, "recovered_units"));
                assertEquals(null, rows.string(i, "newly_inactive_units"));
                differ += (dead.get(0) + dead.get(1)) / 2 != rows.number(i, "network_inactive_fraction") ? 1 : 0;
            }
            assertTrue(differ > 0, "some rows' weighted figure differs from the mean of their layers");
            assertEquals(0, tables.query("SELECT * FROM information_schema.columns WHERE table_name = 'epochs'"
                    + " AND column_name IN ('dead_fraction', 'mean_dead_fraction')").size(), "the earlier names are left out");
        }
    }

    /** Rows landed with the inactive-unit columns are read as they are. */
    @Test
    void rowsWithInactiveUnitsAreReadAsTheyAre() throws Exception {
        List<Map<String, Object>> epochs = List.of(Map.of("trial_id", "t", "architecture", "mlp", "epoch", 2,
                "inactive_fraction", List.of(0.5, 0.25), "inactive_units", List.of(128, 32), "network_inactive_fraction", 0.25,
                "recovered_units", 3, "newly_inactive_units", 4, "recovered_fraction", 0.1));
        TableFiles.write(dir, "e", Tables.EPOCHS, epochs);
        try (LandedTables tables = new LandedTables(dir, "e")) {
            LandedTables.Rows rows = tables.query("SELECT network_inactive_fraction, inactive_units[2] AS c2, recovered_units,"
                    + " newly_inactive_units FROM epochs");
            assertEquals(0.25, rows.number(0, "network_inactive_fraction"));
            assertEquals(32.0, rows.number(0, "c2"));
            assertEquals(3.0, rows.number(0, "recovered_units"));
            assertEquals(4.0, rows.number(0, "newly_inactive_units"));
        }
    }
}

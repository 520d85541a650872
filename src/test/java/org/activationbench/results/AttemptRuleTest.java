package org.activationbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attempt rule's SQL orders rows as its comparators do: on random trials landed several times (statuses, finish
 * times and attempt ids drawn with ties and nulls), DuckDB's pick per trial is the comparators' pick.
 */
class AttemptRuleTest {

    private static final String[] STATUSES = {"OK", "DIVERGED", "FAILED"};

    @Test
    void theRunsOrderOfTheSqlIsTheComparators() throws Exception {
        Random random = new Random(7);
        Map<String, AttemptRule.Run> expected = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE runs (trial_id VARCHAR, status VARCHAR, finished_at TIMESTAMP, attempt_id VARCHAR)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?)")) {
                for (int trial = 0; trial < 300; trial++) {
                    for (int attempt = 1 + random.nextInt(4); attempt > 0; attempt--) {
                        AttemptRule.Run run = new AttemptRule.Run(STATUSES[random.nextInt(STATUSES.length)],
                                random.nextInt(6) == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(4)),
                                random.nextInt(5) == 0 ? null : "a" + random.nextInt(6));
                        insert.setString(1, "t" + trial);
                        insert.setString(2, run.status());
                        insert.setTimestamp(3, run.finishedAt() == null ? null : Timestamp.from(run.finishedAt()));
                        insert.setString(4, run.attemptId());
                        insert.execute();
                        expected.merge("t" + trial, run,
                                (a, b) -> AttemptRule.RUNS_BEST_FIRST.compare(b, a) < 0 ? b : a);
                    }
                }
            }
            Map<String, AttemptRule.Run> picked = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT trial_id, status, finished_at, attempt_id FROM runs QUALIFY"
                    + " row_number() OVER (PARTITION BY trial_id ORDER BY " + AttemptRule.RUNS_ORDER_SQL + ") = 1")) {
                while (r.next()) {
                    Timestamp finished = r.getTimestamp(3);
                    picked.put(r.getString(1), new AttemptRule.Run(r.getString(2),
                            finished == null ? null : finished.toInstant(), r.getString(4)));
                }
            }
            assertEquals(300, picked.size());
            for (Map.Entry<String, AttemptRule.Run> e : expected.entrySet()) {
                // Rows equal in all three columns are interchangeable; any other tie would show here.
                assertEquals(0, AttemptRule.RUNS_BEST_FIRST.compare(e.getValue(), picked.get(e.getKey())),
                        e.getKey() + ": SQL kept " + picked.get(e.getKey()) + ", the comparator " + e.getValue());
            }
        }
    }

    @Test
    void theCheckpointsOrderOfTheSqlIsTheComparators() throws Exception {
        Random random = new Random(11);
        Map<Integer, List<AttemptRule.Checkpoint>> groups = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE handed (k INTEGER, reached INTEGER, attempt_id VARCHAR)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO handed VALUES (?, ?, ?)")) {
                for (int k = 0; k < 300; k++) {
                    for (int attempt = 1 + random.nextInt(4); attempt > 0; attempt--) {
                        AttemptRule.Checkpoint row = new AttemptRule.Checkpoint(1 + random.nextInt(3),
                                random.nextInt(5) == 0 ? null : "a" + random.nextInt(6));
                        insert.setInt(1, k);
                        insert.setInt(2, row.reached());
                        insert.setString(3, row.attemptId());
                        insert.execute();
                        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                    }
                }
            }
            int checked = 0;
            try (ResultSet r = s.executeQuery("SELECT k, reached, attempt_id FROM handed QUALIFY row_number() OVER"
                    + " (PARTITION BY k ORDER BY " + AttemptRule.CHECKPOINTS_ORDER_SQL + ") = 1")) {
                while (r.next()) {
                    List<AttemptRule.Checkpoint> group = groups.get(r.getInt(1));
                    AttemptRule.Checkpoint best = group.stream().min(AttemptRule.CHECKPOINTS_BEST_FIRST).orElseThrow();
                    assertEquals(best, new AttemptRule.Checkpoint(r.getInt(2), r.getString(3)), r.getInt(1) + ": " + group);
                    checked++;
                }
            }
            assertEquals(300, checked);
        }
    }

    @Test
    void aFinalStatusBeatsALaterFailureAndTheLaterOfTwoFinalOnesWins() {
        Instant early = Instant.ofEpochSecond(100);
        Instant late = Instant.ofEpochSecond(200);
        assertTrue(AttemptRule.RUNS_BEST_FIRST.compare(new AttemptRule.Run("OK", early, "b"),
                new AttemptRule.Run("FAILED", late, "a")) < 0);
        assertTrue(AttemptRule.RUNS_BEST_FIRST.compare(new AttemptRule.Run("DIVERGED", late, "b"),
                new AttemptRule.Run("OK", early, "a")) < 0);
        assertTrue(AttemptRule.RUNS_BEST_FIRST.compare(new AttemptRule.Run("OK", late, "a"),
                new AttemptRule.Run("OK", late, "b")) < 0);
        assertTrue(AttemptRule.RUNS_ORDER_SQL.startsWith("status IN ('OK', 'DIVERGED') DESC"), AttemptRule.RUNS_ORDER_SQL);
    }
}

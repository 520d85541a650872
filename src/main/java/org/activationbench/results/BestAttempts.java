package org.activationbench.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows compaction keeps when a killed, retried or resumed run landed a trial more than once: the runs row of its
 * best attempt ({@link AttemptRule}) and the epochs rows of that same attempt, one per epoch. Rows in each table's reading order: architecture, activation, alpha, seed (then epoch), and
 * the trial id where those tie (conditions and learning rates).
 */
final class BestAttempts {

    private final int trialId;
    private final int attemptId;

    private BestAttempts(Table<?> table) {
        this.trialId = index(table, "trial_id");
        this.attemptId = index(table, "attempt_id");
    }

    /** The runs rows kept: one per trial. */
    static List<Object[]> runs(List<Object[]> rows) {
        BestAttempts keys = new BestAttempts(Tables.RUNS);
        int status = index(Tables.RUNS, "status");
        int finishedAt = index(Tables.RUNS, "finished_at");
        Comparator<Object[]> bestFirst = Comparator.comparing(
                r -> new AttemptRule.Run((String) r[status], (Instant) r[finishedAt], (String) r[keys.attemptId]),
                AttemptRule.RUNS_BEST_FIRST);
        Map<String, Object[]> best = new LinkedHashMap<>();
        for (Object[] r : rows) {
            best.merge((String) r[keys.trialId], r, (a, b) -> bestFirst.compare(b, a) < 0 ? b : a);
        }
        return sorted(Tables.RUNS, new ArrayList<>(best.values()), false);
    }

    /** The epochs rows kept: those of the attempt of each trial's kept runs row, one per epoch. */
    static List<Object[]> epochs(List<Object[]> rows, List<Object[]> keptRuns) {
        BestAttempts runKeys = new BestAttempts(Tables.RUNS);
        BestAttempts keys = new BestAttempts(Tables.EPOCHS);
        int epoch = index(Tables.EPOCHS, "epoch");
        Map<String, String> attempt = new LinkedHashMap<>();
        for (Object[] r : keptRuns) {
            attempt.put((String) r[runKeys.trialId], (String) r[runKeys.attemptId]);
        }
        Map<String, Object[]> kept = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String trial = (String) r[keys.trialId];
            // Null-safe: rows landed before attempt ids existed match each other and are then kept once per epoch.
            if (attempt.containsKey(trial) && Objects.equals(attempt.get(trial), r[keys.attemptId])) {
                kept.putIfAbsent(trial + "/" + r[epoch], r);
            }
        }
        return sorted(Tables.EPOCHS, new ArrayList<>(kept.values()), true);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object[]> sorted(Table<?> table, List<Object[]> rows, boolean byEpoch) {
        List<String> order = new ArrayList<>(List.of("architecture", "activation", "alpha", "seed"));
        if (byEpoch) {
            order.add("epoch");
        }
        order.add("trial_id");
        Comparator<Object[]> c = (a, b) -> 0;
        for (String column : order) {
            int i = index(table, column);
            c = c.thenComparing(r -> (Comparable) r[i], Comparator.nullsFirst(Comparator.<Comparable>naturalOrder()));
        }
        rows.sort(c);
        return rows;
    }

    static int index(Table<?> table, String column) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(table.name() + " has no column " + column);
    }
}

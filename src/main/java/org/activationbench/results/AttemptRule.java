package org.activationbench.results;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which attempt of a trial counts when a killed, retried or resumed run landed it more than once: the one rule that
 * compaction ({@link BestAttempts}), the comparisons' snapshot and the notebook's SQL views all apply, each from here.
 * Of a trial's runs rows the best is a final status over FAILED, then the latest to finish, then the first attempt id;
 * its epochs rows are those of the same attempt. A trial with checkpoints handed over but no runs row yet keeps, per
 * checkpoint, the row of the attempt that got furthest, then the first attempt id (the numbers of every attempt agree,
 * as trials are deterministic).
 */
public final class AttemptRule {

    /** Statuses that are final: resume runs a trial again only if it is missing or FAILED. */
    public static final List<String> FINAL_STATUSES = List.of("OK", "DIVERGED");

    /** The runs rows of one trial, best first, as an SQL {@code ORDER BY} over the runs table's columns. */
    public static final String RUNS_ORDER_SQL = "status IN (" + FINAL_STATUSES.stream().map(s -> "'" + s + "'")
            .collect(Collectors.joining(", ")) + ") DESC, finished_at DESC NULLS LAST, attempt_id ASC NULLS LAST";

    /**
     * The handed-over rows of one trial and checkpoint, best first, as an SQL {@code ORDER BY} over the epochs table's
     * columns and {@code reached}, the last epoch the row's attempt handed over.
     */
    public static final String CHECKPOINTS_ORDER_SQL = "reached DESC, attempt_id ASC NULLS LAST";

    /** What of a runs row the rule reads; a null attempt id is a row landed before attempt ids existed. */
    public record Run(String status, Instant finishedAt, String attemptId) {}

    /** What of a handed-over checkpoint the rule reads: its attempt, and the last epoch that attempt handed over. */
    public record Checkpoint(int reached, String attemptId) {}

    /** The order of {@link #RUNS_ORDER_SQL}, best first. */
    public static final Comparator<Run> RUNS_BEST_FIRST = Comparator
            .comparing((Run r) -> !isFinal(r.status()))
            .thenComparing(Run::finishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Run::attemptId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** The order of {@link #CHECKPOINTS_ORDER_SQL}, best first. */
    public static final Comparator<Checkpoint> CHECKPOINTS_BEST_FIRST = Comparator
            .comparingInt((Checkpoint c) -> -c.reached())
            .thenComparing(Checkpoint::attemptId, Comparator.nullsLast(Comparator.naturalOrder()));

    private AttemptRule() {}

    /** Whether a status is final: such a trial is not run again. */
    public static boolean isFinal(String status) {
        return FINAL_STATUSES.contains(status);
    }
}

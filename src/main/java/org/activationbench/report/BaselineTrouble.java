package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions in which the baseline diverged (its loss became NaN or infinite: status DIVERGED) or did not learn
 * (runs.learned false: chance accuracy, or a training loss above the initial one), named in a sentence written from
 * the table under it, which counts the baseline's trials of every condition.
 */
final class BaselineTrouble {

    /** A condition's baseline trials as the query counts them. */
    record Count(String condition, int trials, int diverged, int notLearned) {}

    private BaselineTrouble() {}

    static void add(Page page, ConditionScope s) {
        page.table(rows -> sentence(s, counts(rows)), List.of("condition", s.baseline() + " trials", "diverged",
                "did not learn"), sql(s));
    }

    static String sql(ConditionScope s) {
        return """
                SELECT %s AS condition, count(*) AS trials, count(*) FILTER (WHERE k.status = 'DIVERGED') AS diverged,
                       count(*) FILTER (WHERE NOT k.learned) AS not_learned
                FROM (SELECT *, %s AS rate FROM runs e WHERE %s AND activation_label = %s) k
                GROUP BY k.condition, k.rate
                ORDER BY k.condition, k.rate""".formatted(s.label("k"), s.rate("e.learning_rate"), s.where("e"),
                s.baselineLiteral());
    }

    static List<Count> counts(LandedTables.Rows rows) {
        List<Count> counts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            counts.add(new Count(rows.string(i, "condition"), (int) rows.number(i, "trials"), (int) rows.number(i, "diverged"),
                    (int) rows.number(i, "not_learned")));
        }
        return counts;
    }

    /** Names every condition with a diverged or untrained baseline trial, or says there is none. */
    static String sentence(ConditionScope s, List<Count> counts) {
        List<String> diverged = counts.stream().filter(c -> c.diverged() > 0).map(c -> "`" + c.condition() + "` ("
                + c.diverged() + " of " + c.trials() + " trials)").toList();
        List<String> untrained = counts.stream().filter(c -> c.notLearned() > 0).map(c -> "`" + c.condition() + "` ("
                + c.notLearned() + " of " + c.trials() + ")").toList();
        String where = "**" + s.setting() + "**";
        if (diverged.isEmpty() && untrained.isEmpty()) {
            return where + ": " + s.baseline() + " trained in every condition: none of its " + counts.stream()
                    .mapToInt(Count::trials).sum() + " finished trials diverged, and every one learned.";
        }
        StringBuilder b = new StringBuilder(where + ": " + s.baseline());
        if (!diverged.isEmpty()) {
            b.append(" diverged under ").append(Format.list(diverged));
        }
        if (!untrained.isEmpty()) {
            b.append(diverged.isEmpty() ? "" : ", and").append(" did not learn (chance accuracy, or a training loss above"
                    + " the initial one) under ").append(Format.list(untrained));
        }
        long clean = counts.stream().filter(c -> c.diverged() == 0 && c.notLearned() == 0).count();
        return b.append(clean == 0 ? "; no condition was free of both." : "; its trials in the other " + clean
                + (clean == 1 ? " condition" : " conditions") + " trained.").toString();
    }
}

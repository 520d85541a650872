package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;

/** The paired differences in test accuracy with the baseline at a setting's last checkpoint, with their intervals. */
final class ForestFigure {

    private ForestFigure() {}

    /** @param condition of a run of several conditions, the SQL naming a comparison's condition; null for a run of one */
    static void add(Page page, String setting, int epoch, String baseline, String condition) {
        page.figure("Paired differences in test accuracy with " + baseline + ", **" + setting + "**, epoch " + epoch
                + ": mean and the interval each verdict is read from (Bonferroni over the candidates), in points; red ="
                + " better or worse.", "forest-" + setting + ".png", """
                SELECT candidate%s || ' (n=' || n_pairs || ')' AS candidate, 100 * mean_difference AS difference,
                       100 * ci_low AS ci_low, 100 * ci_high AS ci_high, verdict IN ('better', 'worse') AS significant
                FROM comparisons
                WHERE metric = 'test_accuracy' AND %s AND epoch = %d
                ORDER BY %scandidate_activation, coalesce(candidate_alpha, 0)""".formatted(condition == null ? ""
                        : " || ', ' || " + condition, RunOutline.where(setting), epoch,
                        condition == null ? "" : "condition, baseline_learning_rate, "),
                rows -> {
                    int n = rows.size();
                    double[] mean = new double[n];
                    double[] low = new double[n];
                    double[] high = new double[n];
                    boolean[] significant = new boolean[n];
                    List<String> labels = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        labels.add(rows.string(i, "candidate"));
                        mean[i] = rows.number(i, "difference");
                        low[i] = rows.number(i, "ci_low");
                        high[i] = rows.number(i, "ci_high");
                        significant[i] = Boolean.parseBoolean(rows.string(i, "significant"));
                    }
                    return page.charts().forest(setting + ", epoch " + epoch + ": test accuracy − " + baseline,
                            "difference (points)", labels, mean, low, high, significant);
                });
    }
}

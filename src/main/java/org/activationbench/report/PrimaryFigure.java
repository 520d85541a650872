package org.activationbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report opens with: the comparisons of the grid's primary endpoint, as a figure of the differences with the
 * intervals their verdicts are read from, the margin band and the verdict's colour, and as a one-screen table.
 */
final class PrimaryFigure {

    /** Fractions shown in percentage points; losses and epochs as they are. */
    private static final String SCALED = """
            (SELECT *, CASE WHEN metric IN ('test_accuracy', 'train_accuracy', 'inactive_fraction') THEN 100 ELSE 1 END
                       AS scale,
                    setting || ', ' || candidate || CASE WHEN stage = 'tuned' THEN ' (rates tuned)' ELSE '' END%s AS row_label
             FROM comparisons WHERE endpoint = 'primary') c""";
    private static final String ORDER = "setting_order(setting), stage, candidate_activation, coalesce(candidate_alpha, 0)";

    /** A run of several conditions has a row per condition and candidate: each row says its condition. */
    private static String scaled(String condition) {
        return SCALED.formatted(condition == null ? "" : " || ', ' || " + condition);
    }

    private static String order(String condition) {
        return condition == null ? ORDER : "setting_order(setting), condition, baseline_learning_rate, stage,"
                + " candidate_activation, coalesce(candidate_alpha, 0)";
    }

    private PrimaryFigure() {}

    /**
     * @param condition of a run of several conditions, the SQL naming a comparison's condition (with its learning rate
     *                  where a condition has several); null for a run of one
     * @param censored the comparisons table has n_censored (rows landed by earlier versions lack it)
     */
    static void add(Page page, String metricLabel, int epoch, String baseline, String condition, boolean censored) {
        page.text("## The answer: " + metricLabel + " at epoch " + epoch + ", the primary endpoint");
        page.figure("Each candidate − " + baseline + ", " + metricLabel + " at epoch " + epoch + " (percentage points for"
                + " accuracies and inactive units): mean paired difference and the interval its verdict is read from;"
                + " dashed: ± the margin. Green better, red worse, blue equivalent, grey undecided, not testable or not reached.", "primary.png", """
                SELECT row_label || ' (n=' || n_pairs || ')' AS label, scale * mean_difference AS difference,
                       scale * ci_low AS ci_low, scale * ci_high AS ci_high, scale * margin AS margin, verdict
                FROM %s
                ORDER BY %s""".formatted(scaled(condition), order(condition)),
                rows -> {
                    int n = rows.size();
                    double[] mean = new double[n];
                    double[] low = new double[n];
                    double[] high = new double[n];
                    Color[] colours = new Color[n];
                    List<String> labels = new ArrayList<>();
                    double margin = Double.NaN;
                    for (int i = 0; i < n; i++) {
                        labels.add(rows.string(i, "label"));
                        mean[i] = rows.number(i, "difference");
                        low[i] = rows.number(i, "ci_low");
                        high[i] = rows.number(i, "ci_high");
                        colours[i] = Charts.verdictColour(rows.string(i, "verdict"));
                        margin = rows.number(i, "margin");
                    }
                    return page.charts().forest(metricLabel + " at epoch " + epoch + ": candidate − " + baseline,
                            "difference", labels, mean, low, high, colours, margin);
                });
        page.table("The verdicts of the primary endpoint (differences, intervals and margins in percentage points for"
                + " accuracies and inactive units).",
                condition != null ? List.of("setting", "condition", "candidate", "verdict", "Δ", "interval", "level",
                        "margin", "pairs", "seeds to decide") : List.of("setting", "candidate", "verdict", "Δ", "interval",
                        "level", "margin", "pairs", "seeds to decide"), """
                SELECT setting,%s candidate || CASE WHEN stage = 'tuned' THEN ' (rates tuned)' ELSE '' END AS candidate,
                       %s,
                       signed(scale * mean_difference, 3) AS difference,
                       signed(scale * ci_low, 3) || ' … ' || signed(scale * ci_high, 3) AS interval,
                       fixed(100 * ci_level, 1) || '%%' AS level, '±' || fixed(scale * margin, 3) AS margin,
                       n_pairs AS pairs, coalesce(CAST(seeds_to_decide AS VARCHAR), '–') AS seeds_to_decide
                FROM %s
                ORDER BY %s""".formatted(condition == null ? "" : " " + condition + " AS condition,",
                        SummaryTables.verdictShown(censored), scaled(condition), order(condition)));
    }
}

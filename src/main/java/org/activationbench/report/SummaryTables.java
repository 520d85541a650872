package org.activationbench.report;

import java.util.List;

/** The tables of the report: final accuracy over seeds, and the paired comparisons with the baseline. */
final class SummaryTables {

    /** By dataset and setting (in the order of RunOutline's settings), then candidate activation, then alpha. */
    private static final String GROUP_ORDER = "dataset, setting_order(setting)";
    private static final String CANDIDATES = "candidate_activation, coalesce(candidate_alpha, 0)";

    private SummaryTables() {}

    /**
     * A row per setting and activation, and per learning rate and stage where the rows shown hold more than one (a
     * tuned grid's chosen rates, a grid of several rates), so that no row mixes trials of different rates.
     */
    static void finalAccuracy(Page page) {
        boolean rates = page.query("SELECT count(DISTINCT learning_rate) AS n FROM epochs").number(0, "n") > 1;
        boolean stages = page.query("SELECT count(DISTINCT coalesce(stage, 'fixed')) AS n FROM epochs").number(0, "n") > 1;
        List<String> header = new java.util.ArrayList<>(List.of("architecture", "activation"));
        String keys = "setting, activation_label";
        String shown = keys;
        if (rates) {
            header.add("learning rate");
            keys += ", learning_rate";
            shown += ", CAST(learning_rate AS VARCHAR) AS learning_rate_shown";
        }
        if (stages) {
            header.add("stage");
            keys += ", coalesce(stage, 'fixed')";
            shown += ", coalesce(stage, 'fixed') AS stage_shown";
        }
        header.addAll(List.of("epoch", "seeds", "mean test acc.", "sd", "min", "max", "test loss", "inactive units",
                "reached 97%"));
        page.table("Test accuracy at each architecture's last checkpoint, over seeds (sd in points; inactive units: the"
                + " share of all hidden units " + CurveFigures.UNITS + ")" + (rates || stages ? "; a row per "
                + (rates ? "learning rate" : "") + (rates && stages ? " and " : "") + (stages ? "stage" : "") : "") + ".",
                header, """
                WITH last AS (SELECT setting, max(epoch) AS epoch FROM epochs GROUP BY setting)
                SELECT %3$s, epoch, count(*) AS seeds,
                       percent(avg(test_accuracy)) AS mean_test_accuracy, fixed(100 * stddev_samp(test_accuracy), 3) AS sd,
                       percent(min(test_accuracy)) AS min, percent(max(test_accuracy)) AS max,
                       fixed(avg(test_loss), 4) AS test_loss, percent(avg(network_inactive_fraction)) AS inactive_units,
                       count(epoch_to_97) || '/' || count(*) AS reached_97
                FROM epochs JOIN last USING (setting, epoch)
                GROUP BY %1$s, epoch
                ORDER BY setting_order(setting), %2$s""".formatted(keys, keys.substring("setting, ".length()), shown));
    }

    /** @param condition of a run of several conditions, the SQL naming a comparison's condition; null for a run of one */
    static void accuracyComparisons(Page page, String baseline, String condition) {
        page.table("Test accuracy against " + baseline + ", every checkpoint (Δ, interval, margin and min. detectable in"
                + " percentage points).",
                withCondition(condition, "architecture", "epoch", "candidate", "pairs", baseline, "candidate acc.", "Δ",
                        "interval", "level", "margin", "verdict", "endpoint", "p(adj.)", "p(equiv.)", "P(better)", "p(W)", "d_z",
                        "min. detectable", "seeds to decide"), """
                SELECT setting,%s epoch, candidate, pairs(n_pairs, n_unpaired_baseline, n_unpaired_candidate) AS pairs,
                       percent(mean_baseline) AS baseline_accuracy, percent(mean_candidate) AS candidate_accuracy,
                       points(mean_difference) AS difference, points(ci_low) || ' … ' || points(ci_high) AS interval,
                       fixed(100 * ci_level, 1) || '%%' AS level, '±' || fixed(100 * margin, 2) AS margin,
                       verdict || CASE WHEN negligible THEN ' (negligible)' ELSE '' END AS verdict, endpoint,
                       pvalue(p_value_adjusted) AS p_adjusted, pvalue(p_value_equivalence) AS p_equivalence,
                       fixed(prob_improvement, 2) || ' (' || fixed(prob_improvement_low, 2) || '–'
                           || fixed(prob_improvement_high, 2) || ')' AS p_better,
                       pvalue(p_value_wilcoxon) AS p_wilcoxon,
                       signed(cohens_dz, 2) AS d_z, fixed(100 * min_detectable_difference, 3) AS min_detectable,
                       coalesce(CAST(seeds_to_decide AS VARCHAR), '–') AS seeds_to_decide
                FROM comparisons
                WHERE metric = 'test_accuracy'
                ORDER BY %s, %sepoch, %s""".formatted(shown(condition), GROUP_ORDER, order(condition), CANDIDATES));
    }

    /**
     * The verdict column of a comparisons query: of a speed, how many trials of the pairs had not reached the target
     * where some had not ({@code censored}: the table has n_censored, which rows landed by earlier versions lack).
     */
    static String verdictShown(boolean censored) {
        return "verdict || CASE WHEN negligible THEN ' (negligible)' ELSE '' END"
                + (censored ? " || CASE WHEN n_censored > 0 AND verdict <> 'not reached' THEN ' (' || n_censored || ' of '"
                        + " || 2 * n_pairs || ' trials not reached: lower bounds)' ELSE '' END" : "") + " AS verdict";
    }

    /**
     * Accuracies and inactive fractions in percent and their differences in points; losses and epochs as they are; a
     * speed no trial reached as no number.
     */
    static void otherMetrics(Page page, String baseline, String condition, boolean censored) {
        page.table("The other metrics at the last checkpoint (accuracies and inactive-unit fractions in percent, their"
                + " differences in points; losses in nats; epochs to 97% counts a trial that had not reached it as last checkpoint + 1,"
                + " examples to 97-99% as the examples seen at the last checkpoint plus one look's worth: lower bounds,"
                + " whose count the verdict gives; where no trial of the pairs reached the target, *not reached*, no number).",
                withCondition(condition, "architecture", "epoch", "metric", "candidate", "pairs", baseline, "candidate",
                        "Δ", "interval", "margin", "verdict", "endpoint"), """
                SELECT setting,%s epoch, metric_label(metric) AS metric, candidate,
                       pairs(n_pairs, n_unpaired_baseline, n_unpaired_candidate) AS pairs,
                       CASE WHEN none THEN '–' WHEN fraction THEN percent(mean_baseline) WHEN examples THEN fixed(mean_baseline, 0)
                            ELSE fixed(mean_baseline, 4) END AS baseline_mean,
                       CASE WHEN none THEN '–' WHEN fraction THEN percent(mean_candidate) WHEN examples THEN fixed(mean_candidate, 0)
                            ELSE fixed(mean_candidate, 4) END AS candidate_mean,
                       CASE WHEN none THEN '–' WHEN fraction THEN points(mean_difference) WHEN examples THEN signed(mean_difference, 0)
                            ELSE signed(mean_difference, 4) END AS difference,
                       CASE WHEN none THEN '–' WHEN fraction THEN points(ci_low) || ' … ' || points(ci_high)
                            WHEN examples THEN signed(ci_low, 0) || ' … ' || signed(ci_high, 0)
                            ELSE signed(ci_low, 4) || ' … ' || signed(ci_high, 4) END AS interval,
                       CASE WHEN fraction THEN '±' || fixed(100 * margin, 2) WHEN examples THEN '±' || fixed(margin, 0)
                            ELSE '±' || fixed(margin, 4) END AS margin,
                       %s, endpoint
                FROM (SELECT *, metric IN ('train_accuracy', 'inactive_fraction', 'accuracy_auc_epoch1') AS fraction,
                             metric IN ('examples_to_97', 'examples_to_98', 'examples_to_99') AS examples,
                             verdict = 'not reached' AS none FROM comparisons) c
                WHERE metric <> 'test_accuracy'
                  AND epoch = (SELECT max(epoch) FROM epochs e WHERE e.setting = c.setting)
                ORDER BY %s, %smetric_order(metric), %s""".formatted(shown(condition), verdictShown(censored), GROUP_ORDER,
                        order(condition), CANDIDATES));
    }

    /** The header, with a condition column after the first where the rows are of several conditions. */
    private static List<String> withCondition(String condition, String... header) {
        List<String> all = new java.util.ArrayList<>(List.of(header));
        if (condition != null) {
            all.add(1, "condition");
        }
        return all;
    }

    private static String shown(String condition) {
        return condition == null ? "" : " " + condition + " AS condition,";
    }

    private static String order(String condition) {
        return condition == null ? "" : "condition, baseline_learning_rate, ";
    }

    /** Units followed from one checkpoint to the next: how many came back, how many went inactive. */
    static void recovery(Page page) {
        page.table("Inactive units followed across checkpoints (mean over seeds, all hidden layers): *recovered* were"
                + " inactive at the previous checkpoint and are active at this one, *newly inactive* the reverse; the share"
                + " recovered is out of those inactive at the previous checkpoint (mean over the seeds that had any).",
                List.of("architecture", "activation", "epoch", "seeds", "inactive units", "recovered", "newly inactive",
                        "share recovered"), """
                SELECT setting, activation_label, epoch, count(*) AS seeds,
                       fixed(avg(list_sum(inactive_units)), 1) AS inactive_units, fixed(avg(recovered_units), 1) AS recovered,
                       fixed(avg(newly_inactive_units), 1) AS newly_inactive, percent(avg(recovered_fraction)) AS share_recovered
                FROM epochs
                WHERE recovered_units IS NOT NULL
                GROUP BY setting, activation_label, epoch
                ORDER BY setting_order(setting), activation_label, epoch""");
    }
}

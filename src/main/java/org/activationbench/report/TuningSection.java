package org.activationbench.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;

/**
 * A tuned grid's protocol: the validation split and the rule, the learning-rate sensitivity curves of stage 1, the rates
 * chosen, the fixed-rate verdicts against the tuned ones, and what the protocol cost against the fixed one.
 */
final class TuningSection {

    private TuningSection() {}

    static void add(Page page, GridSpec grid, List<String> settings, String baseline) {
        int epoch = grid.tuning().epoch();
        page.text("## The protocol: learning rates tuned on validation data, confirmed on fresh seeds");
        page.text("Every activation ran at every learning rate in " + rates(grid.learningRates()) + " on the tuning seeds "
                + seeds(grid.tuning().seeds()) + " (stage 1). " + grid.validation().examples() + " training examples,"
                + " drawn by a permutation seeded with " + grid.validation().seed() + ", were held out of training as the"
                + " validation split; every trial is measured on it beside train and test, and the test set is never used"
                + " to choose. Each activation label's rate (every alpha on its own), per architecture"
                + (grid.conditions().count() > 1 ? " and condition" : "") + ", is "
                + LearningRateChoice.RULE + "; the tuning epoch is " + epoch + ". Stage 2 ran each activation at its"
                + " chosen rate on the confirmation seeds " + seeds(grid.seeds()) + ", disjoint from the tuning seeds;"
                + " only stage 2 enters the comparisons above"
                + (grid.tuning().compareFixed() ? ", and the same seeds at the fixed rate "
                        + TrialConfig.number(grid.training().learningRate()) + " (same split, same training examples)"
                        + " give the fixed-rate comparison below. A chosen rate equal to the fixed one is the same trial,"
                        + " trained once." : "."));
        // A grid of several conditions chooses within each: its curves, rows and pairs name the condition.
        boolean byCondition = grid.conditions().count() > 1;
        for (String s : settings) {
            page.figure("Learning-rate sensitivity, **" + s + "**: validation accuracy at epoch " + epoch + " against the"
                    + " learning rate (log scale), mean over the tuning seeds with its 95% t-interval. A trial that did"
                    + " not reach the epoch is missing here and counts as 0 in the choice.", "sensitivity-" + s + ".png", """
                    SELECT %s, log10(learning_rate) AS log10_rate, avg(100 * validation_accuracy) AS mean,
                           stddev_samp(100 * validation_accuracy) AS sd, count(*) AS seeds
                    FROM all_epochs
                    WHERE %s AND stage = 'tuning' AND epoch = %d
                    GROUP BY %sactivation, alpha, activation_label, learning_rate
                    ORDER BY %sactivation, coalesce(alpha, 0), activation_label, learning_rate"""
                    .formatted(byCondition ? "activation_label || ' (' || coalesce(condition, '') || ')' AS activation_label"
                            : "activation_label", RunOutline.where(s), epoch, byCondition ? "condition, " : "",
                            byCondition ? "condition, " : ""),
                    rows -> page.charts().bands(s + ": validation accuracy by learning rate", "log10 learning rate",
                            "validation accuracy (%)", CurveFigures.bands(rows, i -> rows.string(i, "activation_label"),
                                    "log10_rate")));
        }
        String condition = byCondition ? "condition, " : "";
        List<String> conditionHeader = byCondition ? List.of("condition") : List.of();
        page.table("Mean validation accuracy at epoch " + epoch + " over the tuning seeds, per learning rate (a trial that"
                + " did not reach the epoch counts as 0; in brackets the seeds), and the rate chosen: the table"
                + " learning_rates, written when the choice was made.",
                concat(List.of("architecture"), conditionHeader, List.of("activation", "validation accuracy by rate",
                        "chosen rate")), """
                WITH labels AS (SELECT DISTINCT activation_label, activation, alpha FROM all_runs),
                rates AS (
                    SELECT setting(l.architecture, l.strategy) AS setting, l.*, a.activation, a.alpha
                    FROM learning_rates l LEFT JOIN labels a USING (activation_label))
                SELECT setting, %sactivation_label,
                       string_agg(printf('%%g', learning_rate) || ': ' || percent(mean_validation_accuracy) || ' ('
                                  || tuning_seeds || ')', ', ' ORDER BY learning_rate) AS by_rate,
                       coalesce(printf('%%g', any_value(learning_rate) FILTER (WHERE chosen)), '–') AS chosen
                FROM rates
                GROUP BY dataset, setting, %sactivation, alpha, activation_label
                ORDER BY dataset, setting_order(setting), %sactivation, coalesce(alpha, 0)"""
                        .formatted(condition, condition, condition));
        if (grid.tuning().compareFixed()) {
            page.table("Test accuracy against " + baseline + " at the last checkpoint: every activation at the fixed rate"
                    + " against each at its chosen rate, on the same confirmation seeds (Δ in points; P(better): the share"
                    + " of seeds on which the candidate beats " + baseline + ", with its bootstrap interval).",
                    concat(List.of("architecture"), conditionHeader, List.of("candidate", "fixed: Δ", "fixed: P(better)",
                            "fixed: verdict", "rates (candidate / " + baseline + ")", "tuned: Δ", "tuned: P(better)",
                            "tuned: verdict", "verdict changed")), """
                    WITH last AS (SELECT setting, max(epoch) AS epoch FROM all_comparisons GROUP BY setting),
                    f AS (SELECT * FROM all_comparisons JOIN last USING (setting, epoch)
                          WHERE stage = 'fixed' AND metric = 'test_accuracy'),
                    t AS (SELECT * FROM all_comparisons JOIN last USING (setting, epoch)
                          WHERE stage = 'tuned' AND metric = 'test_accuracy')
                    SELECT t.setting, %st.candidate, points(f.mean_difference) AS fixed_difference,
                           fixed(f.prob_improvement, 2) || ' (' || fixed(f.prob_improvement_low, 2) || '–'
                               || fixed(f.prob_improvement_high, 2) || ')' AS fixed_p_better,
                           f.verdict AS fixed_verdict,
                           printf('%%g', t.candidate_learning_rate) || ' / ' || printf('%%g', t.baseline_learning_rate) AS rates,
                           points(t.mean_difference) AS tuned_difference,
                           fixed(t.prob_improvement, 2) || ' (' || fixed(t.prob_improvement_low, 2) || '–'
                               || fixed(t.prob_improvement_high, 2) || ')' AS tuned_p_better,
                           t.verdict AS tuned_verdict,
                           CASE WHEN f.verdict IS NULL THEN '–' WHEN f.verdict = t.verdict THEN 'no' ELSE 'yes' END AS changed
                    FROM t LEFT JOIN f ON f.dataset = t.dataset AND f.architecture = t.architecture
                        AND f.strategy = t.strategy AND f.candidate = t.candidate
                        AND f.condition IS NOT DISTINCT FROM t.condition
                    ORDER BY t.dataset, setting_order(t.setting), %st.candidate_activation, coalesce(t.candidate_alpha, 0)"""
                            .formatted(byCondition ? "t.condition, " : "", byCondition ? "t.condition, " : ""));
        }
        page.table("What the protocol cost: trials and trial-epochs (trials x epochs trained) by stage. The tuned protocol"
                + " is stage 1 plus stage 2; the fixed protocol it is compared with is the fixed-rate row alone (same"
                + " split, same seeds). A trial shared by two stages is trained once and counted in each.",
                List.of("stage", "trials", "trial-epochs", "x the fixed protocol"), """
                WITH stages AS (
                    SELECT 1 AS o, 'stage 1: tuning (every rate, tuning seeds)' AS stage, count(*) AS trials,
                           coalesce(sum(max_epochs), 0) AS trial_epochs
                    FROM all_runs WHERE stage = 'tuning'
                    UNION ALL
                    SELECT 2, 'stage 2: confirmation (chosen rates, confirmation seeds)', count(*), coalesce(sum(max_epochs), 0)
                    FROM runs
                    UNION ALL
                    SELECT 3, 'tuned protocol: stage 1 + stage 2', NULL, NULL
                    UNION ALL
                    SELECT 4, 'fixed protocol: one rate, confirmation seeds', count(*), coalesce(sum(max_epochs), 0)
                    FROM all_runs WHERE stage = 'fixed'
                    UNION ALL
                    SELECT 5, 'trained by this run (each trial once)', count(*), coalesce(sum(max_epochs), 0) FROM all_runs),
                filled AS (
                    SELECT o, stage,
                           CASE WHEN o = 3 THEN (SELECT sum(trials) FROM stages WHERE o IN (1, 2)) ELSE trials END AS trials,
                           CASE WHEN o = 3 THEN (SELECT sum(trial_epochs) FROM stages WHERE o IN (1, 2)) ELSE trial_epochs END
                               AS trial_epochs
                    FROM stages)
                SELECT stage, trials, trial_epochs,
                       CASE WHEN (SELECT trial_epochs FROM filled WHERE o = 4) > 0
                            THEN fixed(trial_epochs / (SELECT trial_epochs FROM filled WHERE o = 4), 2) || 'x' ELSE '–' END
                           AS versus_fixed
                FROM filled ORDER BY o""");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private static String rates(List<Double> rates) {
        return "{" + rates.stream().map(TrialConfig::number).collect(Collectors.joining(", ")) + "}";
    }

    private static String seeds(List<Long> seeds) {
        List<Long> sorted = seeds.stream().sorted(Comparator.naturalOrder()).toList();
        boolean run = sorted.size() > 2 && sorted.get(sorted.size() - 1) - sorted.get(0) == sorted.size() - 1;
        return run ? sorted.get(0) + ".." + sorted.get(sorted.size() - 1)
                : sorted.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

}

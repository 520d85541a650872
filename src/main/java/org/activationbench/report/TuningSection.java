package org.activationbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Observation;
import org.activationbench.compare.Snapshot;
import org.activationbench.grid.Stage;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;

/**
 * A tuned grid's protocol: the validation split and the rule, the learning-rate sensitivity curves of stage 1, the rates
 * chosen, the fixed-rate verdicts against the tuned ones, and what the protocol cost against the fixed one.
 */
final class TuningSection {

    private TuningSection() {}

    /** The conclusion's paragraph: per candidate, whether its verdict against the baseline changed with a tuned rate. */
    static String conclusion(List<Comparison> comparisons, RunOutline outline, GridSpec grid, String baseline) {
        StringBuilder b = new StringBuilder("### A fixed against a tuned learning rate\n\n");
        b.append(chosen(comparisons)).append(' ');
        if (!grid.tuning().compareFixed()) {
            return b.append("This grid ran no fixed-rate comparison (tuning.compare-fixed = false). ")
                    .append(cost(comparisons, outline.snapshot())).toString();
        }
        List<String> changed = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (String setting : outline.settings()) {
            int epoch = outline.finalEpoch(setting);
            Map<String, Comparison> fixed = byCandidate(comparisons, setting, epoch, Observation.FIXED);
            Map<String, Comparison> tuned = byCandidate(comparisons, setting, epoch, Observation.TUNED);
            for (Map.Entry<String, Comparison> t : tuned.entrySet()) {
                Comparison f = fixed.get(t.getKey());
                if (f == null) {
                    continue;
                }
                String line = setting + ", " + t.getKey() + ": " + f.verdict() + " at " + TrialConfig.number(
                        grid.training().learningRate()) + " (" + Format.points(f.stats().meanDifference()) + " points), "
                        + t.getValue().verdict() + " at the tuned rates (" + t.getKey() + " "
                        + TrialConfig.number(t.getValue().candidateLearningRate()) + ", " + baseline + " "
                        + TrialConfig.number(t.getValue().baselineLearningRate()) + "; "
                        + Format.points(t.getValue().stats().meanDifference()) + " points)";
                (f.verdict() == t.getValue().verdict() ? same : changed).add(line);
            }
        }
        if (changed.isEmpty() && same.isEmpty()) {
            return b.append("No candidate has both a fixed-rate and a tuned-rate comparison with ").append(baseline)
                    .append(" yet.").toString();
        }
        b.append(changed.isEmpty() ? "**No verdict against " + baseline + " changes** when each activation gets its own"
                + " learning rate (test accuracy at the last checkpoint)."
                : "**" + changed.size() + " verdict(s) against " + baseline + " change** with a tuned learning rate: "
                        + String.join("; ", changed) + ".");
        if (!same.isEmpty()) {
            b.append(" Unchanged: ").append(String.join("; ", same)).append('.');
        }
        return b.append(' ').append(cost(comparisons, outline.snapshot())).toString();
    }

    /** The rate chosen per setting and activation label, as the tuned comparisons recorded them. */
    private static String chosen(List<Comparison> comparisons) {
        Map<String, Map<String, Double>> rates = chosenRates(comparisons);
        if (rates.isEmpty()) {
            return "No rate has been chosen yet (stage 1 or the baseline has no results).";
        }
        return "Rates chosen on validation accuracy: " + rates.entrySet().stream().map(s -> s.getKey() + ": "
                + s.getValue().entrySet().stream().map(e -> e.getKey() + " " + TrialConfig.number(e.getValue()))
                        .collect(Collectors.joining(", "))).collect(Collectors.joining("; ")) + ".";
    }

    /** Per setting, each activation label's chosen rate (baseline included), from the tuned comparisons. */
    private static Map<String, Map<String, Double>> chosenRates(List<Comparison> comparisons) {
        Map<String, Map<String, Double>> rates = new TreeMap<>();
        for (Comparison c : comparisons) {
            if (c.stage().equals(Observation.TUNED)) {
                Map<String, Double> s = rates.computeIfAbsent(c.setting(), k -> new TreeMap<>());
                s.put(c.baseline(), c.baselineLearningRate());
                s.put(c.candidate(), c.candidateLearningRate());
            }
        }
        return rates;
    }

    /** Trial-epochs of the tuned protocol (stage 1 + stage 2) against the fixed one, from the landed runs. */
    private static String cost(List<Comparison> comparisons, Snapshot snapshot) {
        Map<String, Map<String, Double>> rates = chosenRates(comparisons);
        long tuning = 0;
        long confirmation = 0;
        long fixed = 0;
        for (Snapshot.RunRow r : snapshot.runs()) {
            if (r.stage().equals(Stage.TUNING.label())) {
                tuning += r.maxEpochs();
                continue;
            }
            if (r.stage().equals(Stage.FIXED.label())) {
                fixed += r.maxEpochs();
            }
            Double rate = rates.getOrDefault(r.setting(), Map.of()).get(r.label());
            if (rate != null && rate == r.learningRate()) {
                confirmation += r.maxEpochs();
            }
        }
        return String.format("The tuned protocol cost %,d trial-epochs (stage 1 %,d + stage 2 %,d) against %,d for the"
                + " fixed one%s.", tuning + confirmation, tuning, confirmation, fixed,
                fixed > 0 ? " (" + Format.fixed((tuning + confirmation) / (double) fixed, 2) + "x)" : "");
    }

    private static Map<String, Comparison> byCandidate(List<Comparison> comparisons, String setting, int epoch, String stage) {
        return comparisons.stream().filter(c -> c.setting().equals(setting) && c.epoch() == epoch
                && c.metric() == Metric.TEST_ACCURACY && c.stage().equals(stage))
                .collect(Collectors.toMap(Comparison::candidate, c -> c, (a, c) -> a, TreeMap::new));
    }

    static void add(Page page, GridSpec grid, List<String> settings, String baseline) {
        int epoch = grid.tuning().epoch();
        page.text("## The protocol: learning rates tuned on validation data, confirmed on fresh seeds");
        page.text("Every activation ran at every learning rate in " + rates(grid.learningRates()) + " on the tuning seeds "
                + seeds(grid.tuning().seeds()) + " (stage 1). " + grid.validation().examples() + " training examples,"
                + " drawn by a permutation seeded with " + grid.validation().seed() + ", were held out of training as the"
                + " validation split; every trial is measured on it beside train and test, and the test set is never used"
                + " to choose. Each activation label's rate (every alpha on its own), per architecture, is "
                + LearningRateChoice.RULE + "; the tuning epoch is " + epoch + ". Stage 2 ran each activation at its"
                + " chosen rate on the confirmation seeds " + seeds(grid.seeds()) + ", disjoint from the tuning seeds;"
                + " only stage 2 enters the comparisons above"
                + (grid.tuning().compareFixed() ? ", and the same seeds at the fixed rate "
                        + TrialConfig.number(grid.training().learningRate()) + " (same split, same training examples)"
                        + " give the fixed-rate comparison below. A chosen rate equal to the fixed one is the same trial,"
                        + " trained once." : "."));
        for (String s : settings) {
            page.figure("Learning-rate sensitivity, **" + s + "**: validation accuracy at epoch " + epoch + " against the"
                    + " learning rate (log scale), mean over the tuning seeds with its 95% t-interval. A trial that did"
                    + " not reach the epoch is missing here and counts as 0 in the choice.", "sensitivity-" + s + ".png", """
                    SELECT activation_label, log10(learning_rate) AS log10_rate, avg(100 * validation_accuracy) AS mean,
                           stddev_samp(100 * validation_accuracy) AS sd, count(*) AS seeds
                    FROM all_epochs
                    WHERE %s AND stage = 'tuning' AND epoch = %d
                    GROUP BY activation, alpha, activation_label, learning_rate
                    ORDER BY activation, coalesce(alpha, 0), activation_label, learning_rate"""
                    .formatted(RunOutline.where(s), epoch),
                    rows -> page.charts().bands(s + ": validation accuracy by learning rate", "log10 learning rate",
                            "validation accuracy (%)", CurveFigures.bands(rows, i -> rows.string(i, "activation_label"),
                                    "log10_rate")));
        }
        page.table("Mean validation accuracy at epoch " + epoch + " over the tuning seeds, per learning rate (a trial that"
                + " did not reach the epoch counts as 0), and the rate chosen.",
                List.of("architecture", "activation", "validation accuracy by rate", "chosen rate"), """
                WITH tuning AS (
                    SELECT r.setting, r.dataset, r.architecture, r.strategy, r.activation, r.alpha, r.activation_label,
                           r.learning_rate, coalesce(e.validation_accuracy, 0) AS accuracy
                    FROM all_runs r LEFT JOIN all_epochs e ON e.trial_id = r.trial_id AND e.epoch = %d
                    WHERE r.stage = 'tuning'),
                by_rate AS (
                    SELECT setting, dataset, architecture, strategy, activation, alpha, activation_label, learning_rate,
                           avg(accuracy) AS mean, count(*) AS seeds
                    FROM tuning GROUP BY ALL)
                SELECT b.setting, b.activation_label,
                       string_agg(printf('%%g', b.learning_rate) || ': ' || percent(b.mean) || ' (' || b.seeds || ')', ', '
                                  ORDER BY b.learning_rate) AS by_rate,
                       coalesce(printf('%%g', any_value(c.learning_rate)), '–') AS chosen
                FROM by_rate b LEFT JOIN chosen_rates c USING (dataset, architecture, strategy, activation_label)
                GROUP BY b.setting, b.activation, b.alpha, b.activation_label
                ORDER BY b.setting, b.activation, coalesce(b.alpha, 0)""".formatted(epoch));
        if (grid.tuning().compareFixed()) {
            page.table("Test accuracy against " + baseline + " at the last checkpoint: every activation at the fixed rate"
                    + " against each at its chosen rate, on the same confirmation seeds (Δ in points; P(better): the share"
                    + " of seeds on which the candidate beats " + baseline + ", with its bootstrap interval).",
                    List.of("architecture", "candidate", "fixed: Δ", "fixed: P(better)", "fixed: verdict", "rates (candidate / "
                            + baseline + ")", "tuned: Δ", "tuned: P(better)", "tuned: verdict", "verdict changed"), """
                    WITH last AS (SELECT setting, max(epoch) AS epoch FROM all_comparisons GROUP BY setting),
                    f AS (SELECT * FROM all_comparisons JOIN last USING (setting, epoch)
                          WHERE stage = 'fixed' AND metric = 'test_accuracy'),
                    t AS (SELECT * FROM all_comparisons JOIN last USING (setting, epoch)
                          WHERE stage = 'tuned' AND metric = 'test_accuracy')
                    SELECT t.setting, t.candidate, points(f.mean_difference) AS fixed_difference,
                           fixed(f.prob_improvement, 2) || ' (' || fixed(f.prob_improvement_low, 2) || '–'
                               || fixed(f.prob_improvement_high, 2) || ')' AS fixed_p_better,
                           f.verdict AS fixed_verdict,
                           printf('%g', t.candidate_learning_rate) || ' / ' || printf('%g', t.baseline_learning_rate) AS rates,
                           points(t.mean_difference) AS tuned_difference,
                           fixed(t.prob_improvement, 2) || ' (' || fixed(t.prob_improvement_low, 2) || '–'
                               || fixed(t.prob_improvement_high, 2) || ')' AS tuned_p_better,
                           t.verdict AS tuned_verdict,
                           CASE WHEN f.verdict IS NULL THEN '–' WHEN f.verdict = t.verdict THEN 'no' ELSE 'yes' END AS changed
                    FROM t LEFT JOIN f USING (dataset, architecture, strategy, candidate)
                    ORDER BY t.dataset, t.architecture, t.strategy, t.candidate_activation, coalesce(t.candidate_alpha, 0)""");
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

package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;
import org.activationbench.grid.SequentialSettings;

/**
 * Seeds on demand: per sequential comparison, the seeds it used, the look it stopped at and why, its repeated
 * confidence interval and verdict; and the trials the grid ran against the fixed design of max-seeds. In a run of
 * several conditions every condition (and learning rate) is a design of its own: its rows name it, and the fixed
 * design counts max-seeds for each.
 */
final class SequentialSection {

    private SequentialSection() {}

    /** @param condition of a run of several conditions, the SQL naming a comparison's condition; null for a run of one */
    static void add(Page page, SequentialSettings s, String baseline, String condition) {
        page.text("## Seeds on demand");
        page.text("The test-accuracy comparisons at epoch " + s.epoch() + " ran paired seeds in rounds: " + s.minSeeds()
                + " seeds, then " + s.roundSize() + " more per round up to " + s.maxSeeds() + ". After each round every"
                + " open comparison's repeated confidence interval was computed at " + s.spending() + "-type"
                + " group-sequential boundaries, Bonferroni over the candidates (all the family's intervals cover at every"
                + " round together with probability at least 95%), and the comparison stopped at the first round whose"
                + " interval decided it: excluding 0 (*better* or *worse*, in the direction of that round) or inside ±"
                + Format.fixed(100 * s.targetHalfWidth(), 2) + " points, the margin (*equivalent*); else at max-seeds,"
                + " *undecided*. " + baseline + " ran as long as any comparison needed it. For these rows the interval in"
                + " the table above is the repeated one, and the verdict is read from it (docs/statistics.md).");
        List<String> header = new ArrayList<>(List.of("architecture", "epoch", "candidate", "seeds used", "look",
                "stopped because", "Δ", "repeated CI", "verdict"));
        if (condition != null) {
            header.add(1, "condition");
        }
        page.table("Sequential comparisons: seeds used, where and why each stopped (Δ and interval in points).", header, """
                SELECT setting,%s epoch, candidate, seeds_used, stopped_at_look, stopped_because,
                       points(mean_difference) AS difference,
                       points(ci_low) || ' … ' || points(ci_high) AS repeated_ci, verdict
                FROM comparisons
                WHERE seeds_used IS NOT NULL
                ORDER BY dataset, setting_order(setting), %scandidate_activation, coalesce(candidate_alpha, 0)"""
                .formatted(condition == null ? "" : " " + condition + " AS condition,",
                        condition == null ? "" : "condition, baseline_learning_rate, "));
        // One design per setting, condition and learning rate, each of max-seeds seeds per activation.
        String design = condition == null ? "setting || '/' || activation_label"
                : "setting || '/' || condition || '/' || learning_rate || '/' || activation_label";
        page.table("Trials and trial-epochs run, against the fixed design of " + s.maxSeeds() + " seeds per activation.",
                List.of("trials", "trial-epochs", "fixed design: trials", "fixed design: trial-epochs", "share"), """
                SELECT count(*) AS trials, sum(max_epochs) AS trial_epochs,
                       count(DISTINCT %1$s) * %2$d AS fixed_trials,
                       count(DISTINCT %1$s) * %2$d * max(max_epochs) AS fixed_trial_epochs,
                       fixed(100.0 * sum(max_epochs) / (count(DISTINCT %1$s) * %2$d * max(max_epochs)), 0) || '%%' AS share
                FROM runs""".formatted(design, s.maxSeeds()));
    }
}

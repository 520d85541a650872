package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Observation;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;

/**
 * A tuned grid's paragraph of the conclusion: the rates chosen, per candidate whether its verdict against the baseline
 * changes between the fixed and the tuned rates, and what the protocol cost against the fixed one.
 */
final class TuningConclusion {

    private TuningConclusion() {}

    /** The paragraph, from the stored choices, the comparisons just written and the landed runs. */
    static String markdown(ComparedRun run, RunOutline outline, GridSpec grid, String baseline) {
        List<Comparison> comparisons = run.comparisons();
        boolean byCondition = grid.conditions().count() > 1;
        StringBuilder b = new StringBuilder("### A fixed against a tuned learning rate\n\n");
        b.append(chosen(run.choices(), byCondition)).append(' ');
        if (!grid.tuning().compareFixed()) {
            return b.append("This grid ran no fixed-rate comparison (tuning.compare-fixed = false). ")
                    .append(cost(run.choices(), outline.snapshot())).toString();
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
                String candidate = t.getValue().candidate();
                String line = setting + (byCondition ? " (" + t.getValue().condition() + ")" : "") + ", " + candidate
                        + ": " + f.verdict() + " at " + TrialConfig.number(grid.training().learningRate()) + " ("
                        + Format.points(f.stats().meanDifference()) + " points), " + t.getValue().verdict()
                        + " at the tuned rates (" + candidate + " " + TrialConfig.number(t.getValue().candidateLearningRate())
                        + ", " + baseline + " " + TrialConfig.number(t.getValue().baselineLearningRate()) + "; "
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
        return b.append(' ').append(cost(run.choices(), outline.snapshot())).toString();
    }

    /** The rate chosen per setting (and condition) and activation label, as learning_rates stores them. */
    private static String chosen(Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices, boolean byCondition) {
        if (choices.isEmpty()) {
            return "No rate has been chosen yet (the tuning trials have not all landed).";
        }
        Map<String, Map<String, Double>> rates = new TreeMap<>();
        for (LearningRateChoice.Chosen c : choices.values()) {
            LearningRateChoice.Key k = c.key();
            rates.computeIfAbsent(Snapshot.setting(k.architecture(), k.strategy())
                    + (byCondition ? " (" + k.condition() + ")" : ""), s -> new TreeMap<>()).put(k.label(), c.learningRate());
        }
        return "Rates chosen on validation accuracy: " + rates.entrySet().stream().map(s -> s.getKey() + ": "
                + s.getValue().entrySet().stream().map(e -> e.getKey() + " " + TrialConfig.number(e.getValue()))
                        .collect(Collectors.joining(", "))).collect(Collectors.joining("; ")) + ".";
    }

    /** Trial-epochs of the tuned protocol (stage 1 + stage 2) against the fixed one, from the landed runs. */
    private static String cost(Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices, Snapshot snapshot) {
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
            LearningRateChoice.Chosen chosen = choices.get(TunedProtocol.key(r.dataset(), r.architecture(), r.strategy(),
                    r.condition(), r.label()));
            if (chosen != null && chosen.at(r.learningRate())) {
                confirmation += r.maxEpochs();
            }
        }
        return String.format("The tuned protocol cost %,d trial-epochs (stage 1 %,d + stage 2 %,d) against %,d for the"
                + " fixed one%s.", tuning + confirmation, tuning, confirmation, fixed,
                fixed > 0 ? " (" + Format.fixed((tuning + confirmation) / (double) fixed, 2) + "x)" : "");
    }

    /** The comparisons of one stage at one checkpoint, by condition and candidate. */
    private static Map<String, Comparison> byCandidate(List<Comparison> comparisons, String setting, int epoch, String stage) {
        return comparisons.stream().filter(c -> c.setting().equals(setting) && c.epoch() == epoch
                && c.metric() == Metric.TEST_ACCURACY && c.stage().equals(stage))
                .collect(Collectors.toMap(c -> c.condition() + "\u0000" + c.candidate(), c -> c, (a, c) -> a, TreeMap::new));
    }
}

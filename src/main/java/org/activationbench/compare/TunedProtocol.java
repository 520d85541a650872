package org.activationbench.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;

/**
 * Which landed trials enter which comparison under {@code protocol = tuned}: the rates chosen on the tuning seeds
 * ({@link LearningRateChoice}, made once and stored by {@link StoredChoices}), then the confirmation seeds at those
 * rates ({@code tuned}) and, when the grid compares with the fixed rate, the confirmation seeds at
 * training.learning-rate ({@code fixed}). Tuning trials enter no comparison. With {@code analysis.sequential}, the tuned
 * comparisons take their seeds on demand ({@link #sequential}); the fixed-rate trials run on the seeds the tuned ones did.
 * The methods that take {@code choices} take the stored ones.
 */
public final class TunedProtocol {

    private TunedProtocol() {}

    /**
     * The choices a snapshot's tuning trials give (every runs row on a tuning seed counts; see the rule): what
     * {@link StoredChoices} stores when a key's tuning trials have landed, and checks the stored choices against.
     */
    public static Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices(Snapshot snapshot, GridSpec grid) {
        Set<Long> tuningSeeds = Set.copyOf(grid.tuning().seeds());
        int epoch = grid.tuning().epoch();
        Map<String, Double> accuracy = new HashMap<>();
        for (Snapshot.EpochRow e : snapshot.epochs()) {
            if (e.epoch() == epoch && e.validationAccuracy() != null) {
                accuracy.put(e.trialId(), e.validationAccuracy());
            }
        }
        List<LearningRateChoice.Score> scores = new ArrayList<>();
        for (Snapshot.RunRow r : snapshot.runs()) {
            if (tuningSeeds.contains(r.seed())) {
                scores.add(new LearningRateChoice.Score(key(r.dataset(), r.architecture(), r.strategy(), r.condition(), r.label()),
                        r.learningRate(), r.seed(), accuracy.getOrDefault(r.trialId(), Double.NaN)));
            }
        }
        return LearningRateChoice.choose(scores, grid.training().learningRate());
    }

    /** The key of one activation's learning-rate choice within its family. */
    public static LearningRateChoice.Key key(String dataset, String architecture, String strategy, String condition,
            String label) {
        return new LearningRateChoice.Key(dataset, architecture, strategy, condition, label);
    }

    /** The key of a trial's learning-rate choice. */
    public static LearningRateChoice.Key key(TrialConfig t) {
        return key(t.dataset(), t.architecture(), t.strategy().name(), t.condition().label(), t.activationLabel());
    }

    /** Whether {@code t} is a trial on a confirmation seed at its activation's chosen rate: one the tuned comparison uses. */
    public static boolean atChosenRate(TrialConfig t, Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices) {
        LearningRateChoice.Chosen chosen = choices.get(key(t));
        return t.stage() != Stage.TUNING && chosen != null && chosen.at(t.learningRate());
    }

    /**
     * The seeds-on-demand decisions of a tuned grid with {@code analysis.sequential}: its tuned comparisons (the
     * confirmation seeds at the chosen rates), decided round by round as a sequential grid's comparisons are.
     *
     * @param settled ids of the trials whose result is in
     */
    public static SequentialComparisons sequential(Snapshot snapshot, GridSpec grid,
            Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices, Set<String> settled) {
        List<Observation> tuned = observations(snapshot, grid, choices).stream()
                .filter(o -> o.stage().equals(Observation.TUNED)).toList();
        Set<String> keys = grid.trials().stream().filter(t -> settled.contains(t.trialId()) && atChosenRate(t, choices))
                .map(t -> SequentialComparisons.key(grid, t)).collect(Collectors.toSet());
        return new SequentialComparisons(grid, tuned, keys);
    }

    /** The observations of the confirmation seeds, each put in the comparison stage(s) it enters. */
    public static List<Observation> observations(Snapshot snapshot, GridSpec grid,
            Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices) {
        Set<Long> confirmation = Set.copyOf(grid.seeds());
        double fixed = grid.training().learningRate();
        List<Observation> out = new ArrayList<>();
        for (Observation o : snapshot.observations()) {
            if (!confirmation.contains(o.seed())) {
                continue;
            }
            if (grid.tuning().compareFixed() && o.learningRate() == fixed) {
                out.add(o.inStage(Observation.FIXED));
            }
            LearningRateChoice.Chosen chosen = choices.get(key(o.dataset(), o.architecture(), o.strategy(), o.condition(),
                    o.label()));
            if (chosen != null && chosen.at(o.learningRate())) {
                out.add(o.inStage(Observation.TUNED));
            }
        }
        return out;
    }
}

package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How an edited grid may continue a run of the grid stored beside it ({@code run --resume}): its lists of
 * architectures, activations, slopes, learning rates, strategies and seeds may grow, shrink or be reordered, and any
 * other key may change as long as no trial's configuration does; the design of a sequential grid may not change.
 */
public final class GridChange {

    /** The grid's dimensions: changing them adds or leaves out whole trials and changes none. */
    static final List<String> DIMENSIONS = List.of("grid.architectures", "grid.activations", "grid.alphas",
            "grid.learning-rates", "grid.strategies", "grid.seeds", "tuning.seeds");

    /** Left-out trials named on the console; the rest are counted. */
    private static final int NAMED = 12;

    private GridChange() {}

    /**
     * Why {@code edited} cannot continue a run of {@code stored}, or empty if it can: a key outside the dimensions
     * and the analysis settings that changes the configuration of a trial both grids hold (or would hold with the
     * same dimensions), a new experiment name, or a sequential grid's design or margins.
     *
     * @param parser validates the stored grid with the edited grid's settings, to see which trials that gives
     */
    public static Optional<String> refusal(GridSpec stored, GridSpec edited, GridParser parser) {
        Map<String, String> before = GridDifference.flat(stored);
        Map<String, String> after = GridDifference.flat(edited);
        if (!stored.experiment().equals(edited.experiment())) {
            return Optional.of("experiment is \"" + stored.experiment() + "\" in the stored grid, \"" + edited.experiment()
                    + "\" now; the tables are partitioned by it, so keep the name or use another --output");
        }
        if (stored.sequential() != null || edited.sequential() != null) {
            List<String> design = differing(before, after, k -> k.startsWith("analysis.sequential.")
                    || k.startsWith("analysis.margins."));
            if (!design.isEmpty()) {
                return Optional.of("a sequential grid's design and margins cannot change once it has run: its error"
                        + " rates hold only for the looks and margins it was started with (" + String.join("; ", design)
                        + "); restore them or use another --output");
            }
        }
        if (sameTrials(stored, sameDimensionsAs(stored, edited, parser))) {
            return Optional.empty();
        }
        List<String> settings = differing(before, after, k -> !DIMENSIONS.contains(k) && !k.startsWith("analysis."));
        return Optional.of("the edited grid changes the configuration of trials that have run"
                + (settings.isEmpty() ? "" : " (" + String.join("; ", settings) + ")") + "; only the lists "
                + String.join(", ", DIMENSIONS) + " and the analysis settings may change on --resume: restore the"
                + " other settings, or use --overwrite or another --output");
    }

    /**
     * The edited grid with the stored grid's dimensions: the trials the stored grid would list under the edited
     * settings, or null if those do not make a valid grid.
     */
    private static GridSpec sameDimensionsAs(GridSpec stored, GridSpec edited, GridParser parser) {
        Config from = ConfigFactory.parseString(stored.render());
        Config mixed = ConfigFactory.parseString(edited.render());
        for (String key : DIMENSIONS) {
            mixed = from.hasPath(key) ? mixed.withValue(key, from.getValue(key)) : mixed.withoutPath(key);
        }
        // A data-parallel strategy the edited grid drops keeps the stored settings; one both grids have keeps the edit.
        if (from.hasPath("data-parallel") && !mixed.hasPath("data-parallel")) {
            mixed = mixed.withValue("data-parallel", from.getValue("data-parallel"));
        }
        try {
            return parser.parse("the stored grid with the edited settings",
                    mixed.root().render(ConfigRenderOptions.concise()));
        } catch (GridException e) {
            return null;
        }
    }

    private static boolean sameTrials(GridSpec stored, GridSpec mixed) {
        return mixed != null && stages(stored).equals(stages(mixed));
    }

    /** Each trial's id with its stage: a stage label stored in the tables must stay true too. */
    private static Set<String> stages(GridSpec grid) {
        return grid.trials().stream().map(t -> t.trialId() + " " + t.stage())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> differing(Map<String, String> before, Map<String, String> after,
            java.util.function.Predicate<String> which) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            if (which.test(key) && !Objects.equals(before.get(key), after.get(key))) {
                lines.add(key + " was " + value(before.get(key)) + ", now " + value(after.get(key)));
            }
        }
        return lines;
    }

    private static String value(String v) {
        return v == null ? "unset" : v;
    }

    /** What resuming {@code stored}'s run as {@code edited} does to the trials that have landed. */
    public record Growth(List<TrialConfig> kept, List<TrialConfig> added, List<TrialConfig> leftOut, int leftOutUnknown) {

        /**
         * @param landed ids of the trials with a final result in the output folder
         */
        public static Growth of(GridSpec stored, GridSpec edited, Set<String> landed) {
            Map<String, TrialConfig> now = byId(edited);
            Map<String, TrialConfig> before = byId(stored);
            List<TrialConfig> kept = now.values().stream().filter(t -> landed.contains(t.trialId())).toList();
            List<TrialConfig> added = now.values().stream().filter(t -> !landed.contains(t.trialId())).toList();
            List<TrialConfig> leftOut = before.values().stream()
                    .filter(t -> landed.contains(t.trialId()) && !now.containsKey(t.trialId())).toList();
            int unknown = (int) landed.stream().filter(id -> !now.containsKey(id) && !before.containsKey(id)).count();
            return new Growth(kept, added, leftOut, unknown);
        }

        private static Map<String, TrialConfig> byId(GridSpec grid) {
            Map<String, TrialConfig> trials = new TreeMap<>();
            grid.trials().forEach(t -> trials.putIfAbsent(t.trialId(), t));
            return trials;
        }

        /** One line for the console: what is reused, what runs, and what is left out, named. */
        public String line() {
            StringBuilder b = new StringBuilder("resume: " + kept.size() + " landed trial(s) reused, " + added.size()
                    + " of the grid's trials not landed yet");
            if (!leftOut.isEmpty() || leftOutUnknown > 0) {
                b.append("; ").append(leftOut.size() + leftOutUnknown).append(" landed trial(s) no longer in the grid stay in"
                        + " the tables and are left out of the comparisons");
                if (!leftOut.isEmpty()) {
                    b.append(": ").append(leftOut.stream().limit(NAMED).map(GridChange::describe)
                            .collect(Collectors.joining(", "))).append(leftOut.size() > NAMED
                            ? " and " + (leftOut.size() - NAMED) + " more" : "");
                }
            }
            return b.toString();
        }
    }

    /** A trial as a user would name it: setting, activation, learning rate, seed. */
    static String describe(TrialConfig t) {
        return t.architecture() + (t.strategy().dataParallel() ? " data-parallel" : "") + " " + t.activationLabel()
                + " lr " + TrialConfig.number(t.learningRate()) + " seed " + t.seed();
    }
}

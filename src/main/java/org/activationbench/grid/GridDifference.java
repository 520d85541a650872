package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
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
 * What one grid trains that another does not: the trials (by id) each lists alone, and the keys outside
 * {@code analysis} whose values differ. Two grids whose trials are the same train the same experiment, however their
 * lists are ordered; their analysis settings (baseline, margins, sequential design) may differ.
 */
public final class GridDifference {

    private GridDifference() {}

    /**
     * Why a run of {@code ran} is not a run of {@code expected}, or empty if both list the same trials.
     *
     * @param expectedName how to name {@code expected} in the message, e.g. its grid file
     */
    public static Optional<String> of(GridSpec expected, String expectedName, GridSpec ran) {
        Set<String> want = ids(expected);
        Set<String> have = ids(ran);
        if (want.equals(have)) {
            return Optional.empty();
        }
        long missing = want.stream().filter(id -> !have.contains(id)).count();
        long extra = have.stream().filter(id -> !want.contains(id)).count();
        List<String> keys = keys(expected, ran);
        return Optional.of("the run's trials differ from those of " + expectedName + " (" + missing + " of its "
                + want.size() + " trials not in the run, " + extra + " of the run's " + have.size() + " not in it)"
                + (keys.isEmpty() ? "" : ": " + String.join("; ", keys)));
    }

    private static Set<String> ids(GridSpec grid) {
        return grid.trials().stream().map(TrialConfig::trialId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The keys outside {@code analysis} set differently, each as "key: expected's value, the run's value". */
    private static List<String> keys(GridSpec expected, GridSpec ran) {
        Map<String, String> a = flat(expected);
        Map<String, String> b = flat(ran);
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        for (String key : all) {
            String x = a.get(key);
            String y = b.get(key);
            if (!key.startsWith("analysis.") && !Objects.equals(x, y)) {
                lines.add(key + " is " + (x == null ? "unset" : x) + " there, " + (y == null ? "unset" : y) + " in the run");
            }
        }
        return lines;
    }

    /** Every key the grid's rendered HOCON sets, with its value in concise form. */
    static Map<String, String> flat(GridSpec grid) {
        Config config = ConfigFactory.parseString(grid.render());
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            values.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
        }
        return values;
    }
}

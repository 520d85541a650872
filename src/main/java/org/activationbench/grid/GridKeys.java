package org.activationbench.grid;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The keys a grid file may set, and a file's settings without those {@code --unset} removes. */
final class GridKeys {

    private GridKeys() {}

    /** Every key a grid file may set, with what it holds (for the unknown-key message). */
    static final Map<String, String> ALL = keys(
            Map.entry("analysis.primary.metric", "metric"),
            Map.entry("analysis.primary.epoch", "integer"),
            Map.entry("analysis.declared-after-results", "boolean"),
            Map.entry("experiment", "output name"),
            Map.entry("dataset", "dataset"),
            Map.entry("grid.architectures", "list"),
            Map.entry("grid.activations", "list"),
            Map.entry("grid.alphas", "list"),
            Map.entry("grid.epochs", "list"),
            Map.entry("grid.seeds", "count or list"),
            Map.entry("training.optimizer", "optimizer"),
            Map.entry("grid.optimizers", "list"),
            Map.entry("grid.weight-inits", "list"),
            Map.entry("training.bias-init", "number"),
            Map.entry("grid.bias-inits", "list"),
            Map.entry("training.weight-decay", "number"),
            Map.entry("grid.weight-decays", "list"),
            Map.entry("training.batch-norm", "boolean"),
            Map.entry("grid.batch-norm", "list"),
            Map.entry("grid.conditions", "list of blocks"),
            Map.entry("training.learning-rate", "number"),
            Map.entry("training.batch-size", "integer"),
            Map.entry("training.weight-init", "weight initialisation"),
            Map.entry("training.engine", "engine"),
            Map.entry("training.state-every", "minutes"),
            Map.entry("data.train-examples", "integer"),
            Map.entry("grid.strategies", "list"),
            Map.entry("data-parallel.averaging-frequency", "integer"),
            Map.entry("data-parallel.workers", "integer"),
            Map.entry("data-parallel.batch-size-per-worker", "integer"),
            Map.entry("analysis.baseline", "activation"),
            Map.entry("analysis.sequential.min-seeds", "integer"),
            Map.entry("analysis.sequential.max-seeds", "integer"),
            Map.entry("analysis.sequential.round-size", "integer"),
            Map.entry("analysis.sequential.target-half-width", "number"),
            Map.entry("analysis.sequential.epoch", "integer"),
            Map.entry("analysis.sequential.spending", "spending shape"),
            Map.entry("data.validation-examples", "integer"),
            Map.entry("data.validation-seed", "integer"),
            Map.entry("grid.learning-rates", "list"),
            Map.entry("protocol", "fixed | tuned"),
            Map.entry("tuning.seeds", "count or list"),
            Map.entry("tuning.epoch", "integer"),
            Map.entry("tuning.compare-fixed", "boolean"),
            Map.entry("evaluation.looks-per-epoch", "integer"),
            Map.entry("evaluation.examples", "integer"));

    @SafeVarargs
    private static Map<String, String> keys(Map.Entry<String, String>... entries) {
        Map<String, String> keys = new java.util.HashMap<>(Map.ofEntries(entries));
        Margins.metrics().forEach(m -> keys.put("analysis.margins." + m, "number"));
        return Map.copyOf(keys);
    }

    /**
     * The grid file's settings without the keys or sections {@code --unset} names; a name that is not a grid key, or
     * that the file does not set, is a problem of the file.
     */
    static Config without(Config config, List<String> removed, Path file) {
        ConfigProblems p = new ConfigProblems();
        for (String key : removed) {
            boolean known = ALL.containsKey(key) || ALL.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
            if (!known) {
                p.add(key + ": --unset names an unknown key or section; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(ALL.keySet())));
            } else if (!config.hasPathOrNull(key)) {
                p.add(key + ": --unset names a key the grid file does not set; nothing to remove");
            } else {
                config = config.withoutPath(key);
            }
        }
        p.throwIfAny(file.toString());
        return config;
    }
}

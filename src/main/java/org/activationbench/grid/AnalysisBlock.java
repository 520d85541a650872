package org.activationbench.grid;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code analysis.margins} and {@code analysis.primary} keys of a grid file. The sequential design's older
 * {@code analysis.sequential.target-half-width} is the test-accuracy margin under another name: either may be set,
 * not both to different values.
 */
final class AnalysisBlock {

    static final String TARGET = "analysis.sequential.target-half-width";

    private AnalysisBlock() {}

    /** The margins, every metric's the grid's or the default; problems are recorded, not thrown. */
    static Margins margins(Config config, ConfigProblems p) {
        Map<String, Double> margins = new LinkedHashMap<>(Margins.DEFAULTS);
        for (String metric : Margins.metrics()) {
            String key = "analysis.margins." + metric;
            double m = p.number(config, key, Margins.DEFAULTS.get(metric));
            if (!(m > 0) || Double.isInfinite(m)) {
                p.add(key + ": " + m + " is not a positive number; it is the smallest difference that matters, in the"
                        + " metric's unit (default " + TrialConfig.number(Margins.DEFAULTS.get(metric)) + ")");
            } else {
                margins.put(metric, m);
            }
        }
        if (config.hasPath(TARGET)) {
            double target = p.number(config, TARGET, Margins.DEFAULTS.get("test_accuracy"));
            if (config.hasPath("analysis.margins.test_accuracy") && target != margins.get("test_accuracy")) {
                p.add(TARGET + ": " + target + " differs from analysis.margins.test_accuracy " + margins.get("test_accuracy")
                        + "; target-half-width is the older name of the test-accuracy margin: keep only"
                        + " analysis.margins.test_accuracy");
            } else if (target > 0 && target < 1) {
                margins.put("test_accuracy", target);
            }
        }
        return new Margins(margins);
    }

    /**
     * The primary endpoint: the grid's, else test accuracy at the sequential design's checkpoint, else at the last
     * checkpoint. A sequential grid decides test accuracy at its checkpoint, so that is its primary endpoint. A declared
     * epoch that the grid's checkpoints do not reach (a smoke run of a canonical grid with fewer epochs) stays declared:
     * such a run has no primary comparison, and its report says so.
     */
    static PrimaryEndpoint primary(Config config, ConfigProblems p, List<Integer> epochs, SequentialSettings sequential) {
        int last = epochs.stream().filter(e -> e != null && e > 0).mapToInt(Integer::intValue).max().orElse(1);
        int fallbackEpoch = sequential != null ? sequential.epoch() : last;
        String metric = p.among(config, "analysis.primary.metric", "test_accuracy", Margins.metrics());
        Integer epoch = GridParser.wholeNumber(p.number(config, "analysis.primary.epoch", fallbackEpoch));
        if (epoch == null || epoch < 1) {
            if (config.hasPath("analysis.primary.epoch")) {
                p.add("analysis.primary.epoch: " + config.getValue("analysis.primary.epoch").render() + " is not a positive"
                        + " whole number of epochs; remove it to use the last checkpoint");
            }
            epoch = fallbackEpoch;
        } else if (!config.hasPath("analysis.primary.epoch") && !epochs.contains(epoch)) {
            epoch = fallbackEpoch;
        }
        boolean declared = config.hasPath("analysis.primary.metric") || config.hasPath("analysis.primary.epoch");
        if (sequential != null && declared && (!"test_accuracy".equals(metric) || epoch != sequential.epoch())) {
            p.add("analysis.primary: a sequential grid decides test accuracy at analysis.sequential.epoch ("
                    + sequential.epoch() + "), which is its primary endpoint; remove analysis.primary or make it"
                    + " { metric = test_accuracy, epoch = " + sequential.epoch() + " }");
        }
        return new PrimaryEndpoint(metric == null ? "test_accuracy" : metric, epoch);
    }
}

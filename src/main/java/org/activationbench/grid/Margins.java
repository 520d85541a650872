package org.activationbench.grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code analysis.margins}: per compared metric, the smallest difference that matters, in the metric's unit. A
 * comparison whose interval excludes 0 is a difference (negligible where the interval lies inside the margin); one
 * whose interval lies inside plus or minus the margin is an equivalence; any other is undecided.
 *
 * @param byMetric the margin of every metric in {@link #DEFAULTS}, the grid's or the default
 */
public record Margins(Map<String, Double> byMetric) {

    /**
     * The defaults, by metric: accuracies 0.1 point (as a fraction), losses 0.01 nats, the inactive-unit fraction
     * 1 point, epochs to 97% half an epoch; of grids with looks, examples to 97, 98 and 99% 15,000 examples (a quarter
     * of an MNIST epoch), the epoch-1 accuracy AUC 0.2 point.
     */
    public static final Map<String, Double> DEFAULTS = defaults();

    /** The metrics only grids with looks ({@code evaluation.looks-per-epoch}) measure. */
    public static final List<String> LOOK_METRICS = List.of("examples_to_97", "examples_to_98", "examples_to_99",
            "accuracy_auc_epoch1");

    public Margins {
        byMetric = Map.copyOf(byMetric);
    }

    /** Every metric at its default margin. */
    public static Margins standard() {
        return new Margins(DEFAULTS);
    }

    /** The metrics a grid may set a margin for, in the order the documentation lists them. */
    public static List<String> metrics() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /** The margin of {@code metric}; one of {@link #metrics()}. */
    public double of(String metric) {
        Double m = byMetric.get(metric);
        if (m == null) {
            throw new IllegalArgumentException("no margin for the metric " + metric + "; known: " + metrics());
        }
        return m;
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("test_accuracy", 0.001);
        m.put("train_accuracy", 0.001);
        m.put("test_loss", 0.01);
        m.put("train_loss", 0.01);
        m.put("inactive_fraction", 0.01);
        m.put("epochs_to_97", 0.5);
        m.put("examples_to_97", 15_000.0);
        m.put("examples_to_98", 15_000.0);
        m.put("examples_to_99", 15_000.0);
        m.put("accuracy_auc_epoch1", 0.002);
        return java.util.Collections.unmodifiableMap(m);
    }
}

package org.activationbench.report;

import org.activationbench.compare.Metric;

/**
 * How the report's prose speaks of a speed (epochs or examples to a target) that some trials had not reached by the
 * checkpoint: it says how many, and that their values are lower bounds, never observed speeds.
 */
final class NotReached {

    private NotReached() {}

    /** What the metric counts up to: "97% test accuracy", "98% subsample accuracy". */
    static String target(Metric metric) {
        String label = metric.label();
        return label.substring(label.indexOf(" to ") + " to ".length());
    }

    /** A comparison whose trials all count at the lower bound: no speed to compare. */
    static String none(Metric metric, int trials, int epoch) {
        return "none of the " + trials + " trials of the pairs reached " + target(metric) + " by epoch " + epoch
                + ": no speed to compare";
    }

    /** Some of a comparison's trials count at the lower bound; empty when none do. */
    static String some(Metric metric, Integer censored, int trials, int epoch) {
        if (censored == null || censored == 0) {
            return "";
        }
        String bound = metric == Metric.EPOCHS_TO_97 ? "as epoch " + (epoch + 1)
                : "as the examples seen by then plus one look's worth";
        return censored + " of the " + trials + " trials had not reached " + target(metric) + " by epoch " + epoch
                + " and count " + bound + ", the soonest they could: a lower bound, not an observed speed";
    }
}

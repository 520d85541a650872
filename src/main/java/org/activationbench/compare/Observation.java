package org.activationbench.compare;

/**
 * One trial at one checkpoint: the unit the comparisons pair by seed.
 *
 * @param values one value per {@link Metric}, in its order
 */
public record Observation(String dataset, String architecture, String strategy, int epoch, String label, String activation,
        Double alpha, long seed, double[] values) {

    public double value(Metric m) {
        return values[m.ordinal()];
    }
}

package org.activationbench.grid;

/**
 * {@code analysis.primary}: the comparison an experiment is about, declared before it runs: a metric at a
 * checkpoint. Its verdicts answer the experiment's question; every other metric and checkpoint is secondary.
 *
 * @param metric one of {@link Margins#metrics()}
 * @param epoch  a checkpoint of the grid
 */
public record PrimaryEndpoint(String metric, int epoch) {

    /** Whether a comparison of {@code metric} at {@code epoch} is the primary one. */
    public boolean is(String metric, int epoch) {
        return this.metric.equals(metric) && this.epoch == epoch;
    }
}

package org.activationbench.compare;

/**
 * One trial at one checkpoint: the unit the comparisons pair by seed.
 *
 * @param values       one value per {@link Metric}, in its order
 * @param stage        the comparison this observation enters: {@code fixed} (one learning rate for every activation)
 *                     or {@code tuned} (each activation at its chosen rate)
 * @param learningRate the trial's learning rate
 * @param condition    the trial's training settings besides the learning rate ({@code Condition.label()}): observations
 *                     pair only within one
 * @param censored     one bit per {@link Metric} (by ordinal): set where the value is a lower bound, the trial not having
 *                     reached the metric's target by this checkpoint
 */
public record Observation(String dataset, String architecture, String strategy, int epoch, String label, String activation,
        Double alpha, long seed, double[] values, String stage, double learningRate, String condition, long censored) {

    /** An observation without censored values. */
    public Observation(String dataset, String architecture, String strategy, int epoch, String label, String activation,
            Double alpha, long seed, double[] values, String stage, double learningRate, String condition) {
        this(dataset, architecture, strategy, epoch, label, activation, alpha, seed, values, stage, learningRate, condition, 0);
    }


    public static final String FIXED = "fixed";
    public static final String TUNED = "tuned";

    /** An observation of a fixed-protocol grid with one learning rate. */
    public Observation(String dataset, String architecture, String strategy, int epoch, String label, String activation,
            Double alpha, long seed, double[] values) {
        this(dataset, architecture, strategy, epoch, label, activation, alpha, seed, values, FIXED, Double.NaN);
    }

    /** An observation of a grid with one condition. */
    public Observation(String dataset, String architecture, String strategy, int epoch, String label, String activation,
            Double alpha, long seed, double[] values, String stage, double learningRate) {
        this(dataset, architecture, strategy, epoch, label, activation, alpha, seed, values, stage, learningRate,
                Snapshot.DEFAULT_CONDITION);
    }

    /** The trial's value of one metric at this checkpoint; NaN where it was not measured. */
    public double value(Metric m) {
        return values[m.ordinal()];
    }

    /** Whether {@link #value} of {@code m} is a lower bound: the trial had not reached the target by this checkpoint. */
    public boolean censored(Metric m) {
        return (censored & (1L << m.ordinal())) != 0;
    }

    /** This observation entering the given comparison stage. */
    public Observation inStage(String newStage) {
        return new Observation(dataset, architecture, strategy, epoch, label, activation, alpha, seed, values, newStage,
                learningRate, condition, censored);
    }
}

package org.activationbench.compare;

import org.activationbench.stats.PairedResult;

/** One row of the comparisons table: a candidate against the baseline on one metric at one checkpoint. */
public record Comparison(String dataset, String architecture, String strategy, int epoch, Metric metric, String baseline, String candidate,
        String candidateActivation, Double candidateAlpha, PairedResult stats, int familySize, double pValueHolm,
        Verdict verdict, Integer seedsForPointOne) {

    /** The architecture, and the strategy where it is not per-task: how the report groups results. */
    public String setting() {
        return Snapshot.setting(architecture, strategy);
    }

    public boolean significant() {
        return verdict.significant();
    }
}

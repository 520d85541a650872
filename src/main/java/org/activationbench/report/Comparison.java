package org.activationbench.report;

import org.activationbench.stats.PairedResult;

/** One row of the comparisons table: a candidate against the baseline on one metric at one checkpoint. */
public record Comparison(String dataset, String architecture, int epoch, Metric metric, String baseline, String candidate,
        String candidateActivation, Double candidateAlpha, PairedResult stats, int familySize, double pValueHolm,
        String verdict, Integer seedsForPointOne) {

    public boolean significant() {
        return verdict.equals("better") || verdict.equals("worse");
    }
}

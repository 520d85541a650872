package org.activationbench.results;

/**
 * One row of {@code learning_rates}: one rate a tuned grid tried for one activation label, in one setting and
 * condition, and whether it was the one chosen.
 *
 * @param tuningSeeds            the tuning trials at this rate that entered the mean
 * @param meanValidationAccuracy their mean validation accuracy at {@code tuningEpoch}, a trial that did not reach it
 *                               counting as 0
 */
public record LearningRateRow(String dataset, String architecture, String strategy, String condition,
        String activationLabel, double learningRate, int tuningEpoch, int tuningSeeds, double meanValidationAccuracy,
        boolean chosen) {

    /** What the choice is for, as one text: the rows of one choice share it, and its file is named after it. */
    public String key() {
        return String.join("\u0000", dataset, architecture, strategy, condition, activationLabel);
    }
}

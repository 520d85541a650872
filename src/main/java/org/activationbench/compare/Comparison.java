package org.activationbench.compare;

import org.activationbench.stats.PairedResult;
import org.activationbench.stats.ProbabilityOfImprovement;
import org.activationbench.stats.SequentialDecision;

/**
 * One row of the comparisons table: a candidate against the baseline on one metric at one checkpoint.
 *
 * @param sequential the sequential decision, for the comparison a sequential grid runs its rounds on; else null
 * @param stage      {@code fixed} (one learning rate for all) or {@code tuned} (each activation at its chosen rate)
 * @param baselineLearningRate  the baseline's learning rate (NaN if unknown); likewise the candidate's
 * @param improvement the probability that the candidate improves on the baseline on a seed, with its interval
 */
public record Comparison(String dataset, String architecture, String strategy, int epoch, Metric metric, String baseline, String candidate,
        String candidateActivation, Double candidateAlpha, PairedResult stats, int familySize, double pValueHolm,
        Verdict verdict, Integer seedsForPointOne, SequentialDecision sequential, String stage, double baselineLearningRate,
        double candidateLearningRate, ProbabilityOfImprovement.Estimate improvement) {

    /** This comparison decided sequentially: the verdict is the sequential one. */
    public Comparison withSequential(SequentialDecision decision) {
        Verdict v = switch (decision.outcome()) {
            case GREATER -> metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
            case LESS -> metric.higherIsBetter() ? Verdict.WORSE : Verdict.BETTER;
            case EQUIVALENT -> Verdict.EQUIVALENT;
            case UNDECIDED -> Verdict.UNDECIDED;
            case OPEN -> Verdict.OPEN;
        };
        return new Comparison(dataset, architecture, strategy, epoch, metric, baseline, candidate, candidateActivation,
                candidateAlpha, stats, familySize, pValueHolm, v, seedsForPointOne, decision, stage, baselineLearningRate,
                candidateLearningRate, improvement);
    }

    /** The architecture, and the strategy where it is not per-task: how the report groups results. */
    public String setting() {
        return Snapshot.setting(architecture, strategy);
    }

    public boolean significant() {
        return verdict.significant();
    }
}

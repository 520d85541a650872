package org.activationbench.compare;

import org.activationbench.stats.FamilyInterval;
import org.activationbench.stats.MarginDecision;
import org.activationbench.stats.PairedResult;
import org.activationbench.stats.ProbabilityOfImprovement;
import org.activationbench.stats.SequentialDecision;

/**
 * One row of the comparisons table: a candidate against the baseline on one metric at one checkpoint.
 *
 * @param familySize  the comparisons adjusted together: the candidates of this metric at this checkpoint
 * @param interval    the interval the verdict is read from (Bonferroni t interval, or the sequential design's
 *                    repeated confidence interval), with the adjusted p-values that agree with it
 * @param margin      the smallest difference that matters for this metric (analysis.margins)
 * @param seedsToDecide for an undecided comparison, the seeds that would show equivalence with 80% power if there
 *                    were no difference; else null
 * @param primary     whether this is the grid's primary endpoint (analysis.primary)
 * @param sequential  the sequential decision, for the comparison a sequential grid runs its rounds on; else null
 * @param stage       {@code fixed} (one learning rate for all) or {@code tuned} (each activation at its chosen rate)
 * @param baselineLearningRate  the baseline's learning rate (NaN if unknown); likewise the candidate's
 * @param improvement the probability that the candidate improves on the baseline on a seed, with its interval
 * @param condition   the training settings both sides share besides the learning rate ({@code Condition.label()})
 * @param censored    of a metric that counts a trial not reaching its target by the checkpoint at a lower bound
 *                    ({@link Metric#censorable()}): the trials of the compared pairs (both sides) so counted; else null
 */
public record Comparison(String dataset, String architecture, String strategy, int epoch, Metric metric, String baseline,
        String candidate, String candidateActivation, Double candidateAlpha, PairedResult stats, int familySize,
        FamilyInterval interval, double margin, Verdict verdict, Integer seedsToDecide, boolean primary,
        SequentialDecision sequential, String stage, double baselineLearningRate, double candidateLearningRate,
        ProbabilityOfImprovement.Estimate improvement, String condition, Integer censored) {

    /** This comparison decided sequentially: the verdict and its interval are the sequential ones. */
    public Comparison withSequential(SequentialDecision decision, double level) {
        Verdict v = switch (decision.outcome()) {
            case GREATER -> metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
            case LESS -> metric.higherIsBetter() ? Verdict.WORSE : Verdict.BETTER;
            case EQUIVALENT -> Verdict.EQUIVALENT;
            case UNDECIDED -> Verdict.UNDECIDED;
            case OPEN -> Verdict.OPEN;
        };
        if (noneReached(censored, stats.pairs())) {
            v = Verdict.NOT_REACHED;
        }
        return new Comparison(dataset, architecture, strategy, epoch, metric, baseline, candidate, candidateActivation,
                candidateAlpha, stats, familySize, FamilyInterval.repeated(decision.low(), decision.high(), level), margin,
                v, v == Verdict.UNDECIDED ? seedsToDecide : null, primary, decision, stage, baselineLearningRate,
                candidateLearningRate, improvement, condition, censored);
    }

    /**
     * Whether no trial of the pairs reached the target: each of the {@code pairs} pairs has both trials counted at the
     * lower bound ({@code censored}, null for a metric that is never censored).
     */
    static boolean noneReached(Integer censored, int pairs) {
        return censored != null && pairs > 0 && censored == 2 * pairs;
    }

    /** Whether the difference shown is smaller than the margin: real, but too small to matter. */
    public boolean negligible() {
        return verdict.significant() && MarginDecision.negligible(interval.low(), interval.high(), margin);
    }

    /** The architecture, and the strategy where it is not per-task: how the report groups results. */
    public String setting() {
        return Snapshot.setting(architecture, strategy);
    }

    /** Whether the verdict found a significant difference. */
    public boolean significant() {
        return verdict.significant();
    }
}

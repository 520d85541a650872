package org.activationbench.results;

/**
 * What a {@code comparisons} row holds, one method per column (the column's name in camel case), so that the
 * package that computes comparisons fills every column by name. Null stands for a statistic that is undefined.
 */
public interface ComparisonRow {

    String dataset();

    String architecture();

    String strategy();

    String stage();

    /** The compared trials that did not learn (runs.learned false); null where not counted. */
    default Integer nUntrained() {
        return null;
    }

    Double baselineLearningRate();

    Double candidateLearningRate();

    Double probImprovement();

    Double probImprovementLow();

    Double probImprovementHigh();

    int epoch();

    String metric();

    boolean higherIsBetter();

    String baseline();

    String candidate();

    String candidateActivation();

    Double candidateAlpha();

    int nPairs();

    int nUnpairedBaseline();

    int nUnpairedCandidate();

    Integer nCensored();

    Double meanBaseline();

    Double meanCandidate();

    Double meanDifference();

    Double sdDifference();

    Double ciLow();

    Double ciHigh();

    double ciLevel();

    String ciMethod();

    double margin();

    Double bootstrapLow();

    Double bootstrapHigh();

    String bootstrapMethod();

    Double tStatistic();

    Double pValueT();

    Double pValue();

    Double pValueWilcoxon();

    String wilcoxonMethod();

    Double cohensDz();

    int familySize();

    Double pValueAdjusted();

    Double pValueEquivalence();

    String endpoint();

    String verdict();

    boolean negligible();

    Double minDetectableDifference();

    Integer seedsToDecide();

    Integer seedsUsed();

    Integer stoppedAtLook();

    String stoppedBecause();

    String condition();
}

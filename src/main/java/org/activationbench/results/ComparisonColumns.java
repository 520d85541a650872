package org.activationbench.results;

import static org.activationbench.results.Column.BOOLEAN;
import static org.activationbench.results.Column.DOUBLE;
import static org.activationbench.results.Column.INT;
import static org.activationbench.results.Column.STRING;
import static org.activationbench.results.Column.optional;
import static org.activationbench.results.Column.required;

import java.util.List;

/** The {@code comparisons} table: one row per comparison of a candidate activation with the baseline. */
final class ComparisonColumns {

    private ComparisonColumns() {}

    static final Table<ComparisonRow> TABLE = new Table<>("comparisons",
            "One row per dataset x architecture x condition x checkpoint epoch x metric x candidate activation: the candidate"
                    + " against the baseline, paired by seed. Differences are candidate - baseline.", List.of(
            required("dataset", STRING, "", "dataset of the compared trials", ComparisonRow::dataset),
            required("architecture", STRING, "", "architecture of the compared trials", ComparisonRow::architecture),
            required("strategy", STRING, "", "training strategy of the compared trials (per-task | data-parallel)",
                    ComparisonRow::strategy),
            required("stage", STRING, "", "fixed (every activation at one learning rate: protocol = fixed, or a tuned grid's"
                    + " confirmation seeds at training.learning-rate) | tuned (each activation at the learning rate chosen on"
                    + " the tuning seeds' validation accuracy, on the confirmation seeds)", ComparisonRow::stage),
            required("epoch", INT, "epochs", "checkpoint epoch", ComparisonRow::epoch),
            required("metric", STRING, "",
                    "test_accuracy | test_loss | train_accuracy | train_loss | inactive_fraction"
                            + " (epochs.network_inactive_fraction; in tables landed before it existed, dead_fraction: the"
                            + " unweighted epochs.mean_dead_fraction) | epochs_to_97 (first epoch reaching 97% test accuracy; a trial that had not by this checkpoint counts as epoch + 1)"
                            + " | examples_to_97, examples_to_98, examples_to_99 (grids with looks: training examples until the"
                            + " look subsample's accuracy reached the target; a trial that had not by this checkpoint counts as"
                            + " the examples seen at it plus one look's worth, examples per epoch / looks per epoch)"
                            + " | accuracy_auc_epoch1 (grids with looks: mean look-subsample accuracy over epoch 1's looks)",
                    ComparisonRow::metric),
            required("higher_is_better", BOOLEAN, "", "whether a larger value of the metric is an improvement",
                    ComparisonRow::higherIsBetter),
            required("baseline", STRING, "", "activation label every candidate is compared against (analysis.baseline)",
                    ComparisonRow::baseline),
            required("candidate", STRING, "", "activation label of the candidate, e.g. leakyrelu(0.1)",
                    ComparisonRow::candidate),
            required("candidate_activation", STRING, "", "activation of the candidate",
                    ComparisonRow::candidateActivation),
            optional("candidate_alpha", DOUBLE, "", "alpha of the candidate; null if it takes none",
                    ComparisonRow::candidateAlpha),
            optional("baseline_learning_rate", DOUBLE, "", "learning rate of the baseline's trials",
                    ComparisonRow::baselineLearningRate),
            optional("candidate_learning_rate", DOUBLE, "", "learning rate of the candidate's trials (in stage tuned, the"
                    + " rate chosen for it)", ComparisonRow::candidateLearningRate),
            required("n_pairs", INT, "seeds", "seeds present on both sides", ComparisonRow::nPairs),
            required("n_unpaired_baseline", INT, "seeds", "seeds with a baseline value but no candidate value (not compared)",
                    ComparisonRow::nUnpairedBaseline),
            required("n_unpaired_candidate", INT, "seeds", "seeds with a candidate value but no baseline value (not compared)",
                    ComparisonRow::nUnpairedCandidate),
            optional("n_untrained", INT, "trials", "trials of the baseline and the candidate, at their rates and on the"
                    + " compared seeds, whose runs.learned is false (chance accuracy, or a training loss above the initial"
                    + " one): their values are in the means as they are; null where not counted",
                    ComparisonRow::nUntrained),
            optional("n_censored", INT, "trials", "epochs_to_97 and examples_to_*: the trials of the pairs (both sides) that"
                    + " had not reached the target by this checkpoint and count at the lower bound the metric gives; null"
                    + " for other metrics, and in rows landed before it existed", ComparisonRow::nCensored),
            optional("mean_baseline", DOUBLE, "metric", "mean of the baseline over the paired seeds",
                    ComparisonRow::meanBaseline),
            optional("mean_candidate", DOUBLE, "metric", "mean of the candidate over the paired seeds",
                    ComparisonRow::meanCandidate),
            optional("mean_difference", DOUBLE, "metric", "mean paired difference, candidate - baseline",
                    ComparisonRow::meanDifference),
            optional("sd_difference", DOUBLE, "metric", "standard deviation of the paired differences (n - 1)",
                    ComparisonRow::sdDifference),
            optional("ci_low", DOUBLE, "metric", "the interval the verdict is read from, lower end: the paired t interval of the"
                    + " mean difference at level ci_level = 1 - 0.05 / family_size (Bonferroni), or on a sequential"
                    + " comparison (seeds_used not null) the repeated confidence interval at its last look; null with"
                    + " fewer than 3 pairs", ComparisonRow::ciLow),
            optional("ci_high", DOUBLE, "metric", "that interval's upper end", ComparisonRow::ciHigh),
            required("ci_level", DOUBLE, "fraction", "the interval's confidence level, 1 - 0.05 / family_size",
                    ComparisonRow::ciLevel),
            required("ci_method", STRING, "", "how the interval was computed", ComparisonRow::ciMethod),
            required("margin", DOUBLE, "metric", "the smallest difference that matters for this metric (analysis.margins)",
                    ComparisonRow::margin),
            optional("bootstrap_low", DOUBLE, "metric", "descriptive: 95% percentile bootstrap interval of the mean"
                    + " difference, unadjusted, lower end (not what the verdict is read from); null with fewer than 3 pairs",
                    ComparisonRow::bootstrapLow),
            optional("bootstrap_high", DOUBLE, "metric", "descriptive: the bootstrap interval's upper end",
                    ComparisonRow::bootstrapHigh),
            required("bootstrap_method", STRING, "", "how the bootstrap interval was computed (resamples, seed)",
                    ComparisonRow::bootstrapMethod),
            optional("prob_improvement", DOUBLE, "fraction", "probability of improvement: the share of paired seeds on which"
                    + " the candidate is better than the baseline (higher, or lower for losses and epochs; a tie counts 1/2)",
                    ComparisonRow::probImprovement),
            optional("prob_improvement_low", DOUBLE, "fraction", "95% percentile bootstrap interval of prob_improvement over"
                    + " the pairs (same resamples and seed as ci_low), lower end; null with fewer than 3 pairs",
                    ComparisonRow::probImprovementLow),
            optional("prob_improvement_high", DOUBLE, "fraction", "the interval's upper end",
                    ComparisonRow::probImprovementHigh),
            optional("t_statistic", DOUBLE, "", "paired t statistic", ComparisonRow::tStatistic),
            optional("p_value_t", DOUBLE, "", "two-sided paired t-test p-value; null when every pair differs by the same amount",
                    ComparisonRow::pValueT),
            optional("p_value", DOUBLE, "", "p_value_t, or when that is undefined the exact sign test"
                    + " 2 * 0.5^n (1 if every difference is 0)", ComparisonRow::pValue),
            optional("p_value_wilcoxon", DOUBLE, "", "two-sided Wilcoxon signed-rank p-value",
                    ComparisonRow::pValueWilcoxon),
            required("wilcoxon_method", STRING, "", "exact, or asymptotic with tie correction (ties, zero differences, n >= 50); zeros by Pratt",
                    ComparisonRow::wilcoxonMethod),
            optional("cohens_dz", DOUBLE, "", "effect size: mean difference / sd of differences",
                    ComparisonRow::cohensDz),
            required("family_size", INT, "tests", "the family adjusted together: the candidates of this metric at this"
                    + " checkpoint (dataset x architecture x strategy x condition x stage) with at least 3 pairs", ComparisonRow::familySize),
            optional("p_value_adjusted", DOUBLE, "", "min(1, family_size * p) with p the paired t-test's: below 0.05"
                    + " exactly when the interval excludes 0; null on a sequential comparison", ComparisonRow::pValueAdjusted),
            optional("p_value_equivalence", DOUBLE, "", "two one-sided t-tests against -margin and +margin, the larger"
                    + " p-value times 2 * family_size (at most 1): below 0.05 exactly when the interval lies inside"
                    + " plus or minus the margin; null on a sequential comparison", ComparisonRow::pValueEquivalence),
            required("endpoint", STRING, "", "primary (the grid's analysis.primary metric and checkpoint) | secondary",
                    ComparisonRow::endpoint),
            required("verdict", STRING, "", "read from the interval and the margin: better | worse (the interval excludes 0"
                    + " on that side) | equivalent (it covers 0 and lies inside plus or minus the margin) | undecided"
                    + " (neither) | not testable (fewer than 3 pairs) | not reached (epochs_to_97, examples_to_*: no trial"
                    + " of the pairs reached the target by this checkpoint, n_censored = 2 * n_pairs) | open (sequential,"
                    + " its next round has not landed)",
                    ComparisonRow::verdict),
            required("negligible", BOOLEAN, "", "better or worse, with the interval also inside plus or minus the margin:"
                    + " a real difference smaller than the one that matters", ComparisonRow::negligible),
            optional("min_detectable_difference", DOUBLE, "metric",
                    "smallest true mean difference these pairs detect with 80% power at alpha 0.05 (paired t, unadjusted)",
                    ComparisonRow::minDetectableDifference),
            optional("seeds_to_decide", INT, "seeds", "undecided comparisons: the seeds whose interval would lie inside plus"
                    + " or minus the margin with 80% power if the true difference were 0, at this sd; null otherwise",
                    ComparisonRow::seedsToDecide),
            optional("seeds_used", INT, "seeds", "sequential grids (analysis.sequential), test accuracy at its checkpoint:"
                    + " the seeds (0 .. n - 1) the comparison used, up to where it stopped; null otherwise",
                    ComparisonRow::seedsUsed),
            optional("stopped_at_look", INT, "looks", "sequential: the look (1 = after min-seeds, then one per round) at"
                    + " which it stopped, or the last one made while open", ComparisonRow::stoppedAtLook),
            optional("stopped_because", STRING, "", "sequential: decided (its interval excluded 0) | equivalent (its"
                    + " interval lay inside plus or minus the margin) | narrower than the margin (but reaching past one"
                    + " of its edges: undecided) | max seeds | open (its next round has not landed)",
                    ComparisonRow::stoppedBecause),
            optional("condition", STRING, "", "the training settings both sides share besides the learning rate (runs.condition;"
                    + " a family is one condition's); null in rows written before the column existed",
                    ComparisonRow::condition)));
}

package org.activationbench.report;

import java.util.List;
import org.activationbench.compare.Snapshot;

/**
 * The articles' own figures beside this run's: the single-run CNN comparison of ReLU and Leaky ReLU on MNIST that
 * the popular claims rest on, and what paired seeds show for the same comparison, including the spread of single-seed
 * differences (what one run per activation could have shown).
 */
final class PublishedFigures {

    static final String SOURCE = "A. K. Dubey and V. Jain, \"Comparative Study of Convolution Neural Network's Relu and"
            + " Leaky-Relu Activation Functions\", in *Applications of Computing, Automation and Wireless Systems in Electrical"
            + " Engineering*, LNEE 553, Springer, 2019";

    private PublishedFigures() {}

    /** Whether the run holds the comparison the article made: a CNN on MNIST, Leaky ReLU against ReLU. */
    static boolean applies(Snapshot snapshot, String baseline) {
        return baseline.equals("relu") && snapshot.epochs().stream().anyMatch(e -> e.dataset().equals("mnist")
                && e.architecture().equals("cnn") && e.activation().equals("leakyrelu"));
    }

    static void add(Page page, String baseline) {
        page.text("## Against the published single-run figures");
        page.text(SOURCE + ", trained one CNN per activation on MNIST and report Leaky ReLU ahead of ReLU by 0.019 to 0.52"
                + " percentage points at 1, 10, 100 and 1,000 epochs, each from a single run. Here the same comparison is"
                + " repeated on paired seeds. *mean* and *interval* are those of the paired comparison above (its verdict's interval); *single"
                + " seeds* is the range of the per-seed differences, i.e. what a study of one run per activation could have"
                + " reported; *leaky ahead* counts the seeds on which Leaky ReLU scored higher.");
        page.table("CNN on MNIST: Leaky ReLU − " + baseline + ", test accuracy in percentage points.",
                List.of("epoch", "candidate", "seeds", "mean", "interval", "single seeds", "leaky ahead"), """
                WITH differences AS (
                    SELECT c.epoch, c.activation_label AS candidate, c.alpha, c.test_accuracy - b.test_accuracy AS difference
                    FROM epochs c JOIN epochs b USING (dataset, architecture, strategy, epoch, seed)
                    WHERE c.dataset = 'mnist' AND c.architecture = 'cnn' AND c.strategy = 'per-task'
                      AND c.activation = 'leakyrelu' AND b.activation_label = %s)
                SELECT d.epoch, d.candidate, count(*) AS seeds, points(avg(d.difference)) AS mean,
                       any_value(points(k.ci_low) || ' to ' || points(k.ci_high)) AS interval,
                       points(min(d.difference)) || ' to ' || points(max(d.difference)) AS single_seeds,
                       count(*) FILTER (WHERE d.difference > 0) || ' of ' || count(*) AS leaky_ahead
                FROM differences d
                LEFT JOIN comparisons k ON k.dataset = 'mnist' AND k.architecture = 'cnn' AND k.strategy = 'per-task'
                    AND k.metric = 'test_accuracy' AND k.epoch = d.epoch AND k.candidate = d.candidate
                GROUP BY d.epoch, d.candidate, d.alpha
                ORDER BY d.epoch, d.alpha""".formatted(RunOutline.literal(baseline)));
    }
}

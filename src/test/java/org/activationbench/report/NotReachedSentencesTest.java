package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.compare.Analysis;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Observation;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence about epochs to 97% says how many trials had not reached 97% (and count at the lower bound), and where
 * none had, it gives no speed at all: "3.00 vs 3.00 epochs to 97%" must not be read as an observation.
 */
class NotReachedSentencesTest {

    /**
     * Checkpoint 3. relu reached 97% at epochs 2, never, 3, 2 (values 2, 4, 3, 2: mean 2.75); leakyrelu(0.01) at 1, 2,
     * never, 1 (1, 2, 4, 1: mean 2.00). Two of the 8 trials count at epoch 4.
     */
    @Test
    void someTrialsNotReachedAreCountedAndNamedAsLowerBounds() {
        Comparison c = speed(3, new Integer[] {2, null, 3, 2}, new Integer[] {1, 2, null, 1});
        assertEquals(2, c.censored());
        String sentence = Conclusion.speed(c);
        assertTrue(sentence.startsWith(c.verdict() + " (2.75 vs 2.00 epochs to 97%, where 2 of the 8 trials had not reached"
                + " 97% test accuracy by epoch 3 and count as epoch 4, the soonest they could: a lower bound, not an observed"
                + " speed; interval "), sentence);
    }

    @Test
    void noTrialReachedGivesNoSpeed() {
        Comparison c = speed(1, new Integer[] {null, null, null, null}, new Integer[] {null, null, null, null});
        assertEquals(Verdict.NOT_REACHED, c.verdict(), "its interval [0, 0] would otherwise read as equivalent");
        assertEquals("not reached (none of the 8 trials of the pairs reached 97% test accuracy by epoch 1: no speed to"
                + " compare)", Conclusion.speed(c));
    }

    @Test
    void allReachedReadsAsObserved() {
        Comparison c = speed(3, new Integer[] {2, 3, 3, 2}, new Integer[] {1, 2, 2, 1});
        assertEquals(0, c.censored());
        String sentence = Conclusion.speed(c);
        assertTrue(sentence.startsWith(c.verdict() + " (2.50 vs 1.50 epochs to 97%; interval "), sentence);
        assertFalse(sentence.contains("not reached"), sentence);
    }

    /** The findings read n_censored from the published table where it has one; a table without it reads as before. */
    @Test
    void findingsSayHowManyTrialsHadNotReachedTheTarget(@TempDir Path reports) throws Exception {
        Path comparisons = Files.createDirectories(reports.resolve("mnist-mlp/tables/comparisons"));
        write(comparisons, "('not reached', 0.0, 0.0, 0.0, 20)");
        List<String> rows = Findings.generate(reports).lines().toList();
        String row = rows.stream().filter(r -> r.startsWith("| converges faster | [mnist-mlp]")).findFirst().orElseThrow();
        assertTrue(row.contains("| not reached | none of the 20 trials of the pairs reached 97% test accuracy by epoch 20:"
                + " no speed to compare |"), row);
        String sentence = rows.stream().filter(r -> r.startsWith("- *\"converges faster\"*")).findFirst().orElseThrow();
        assertTrue(sentence.contains("**not reached** for epochs to 97% test accuracy") && !sentence.contains("+0.00 epochs"),
                sentence);

        write(comparisons, "('undecided', 0.1, -0.2, 0.4, 3)");
        row = Findings.generate(reports).lines().filter(r -> r.startsWith("| converges faster | [mnist-mlp]")).findFirst()
                .orElseThrow();
        assertTrue(row.contains("| undecided | +0.10 epochs [-0.20, +0.40] (3 of the 20 trials had not reached 97% test"
                + " accuracy by epoch 20 and count as epoch 21, the soonest they could: a lower bound, not an observed"
                + " speed) |"), row);

        write(comparisons, "('undecided', 0.1, -0.2, 0.4, NULL)");
        row = Findings.generate(reports).lines().filter(r -> r.startsWith("| converges faster | [mnist-mlp]")).findFirst()
                .orElseThrow();
        assertTrue(row.contains("| undecided | +0.10 epochs [-0.20, +0.40] |"), row);
    }

    /** One published epochs_to_97 row of mnist-mlp at one rate, epoch 20, 10 pairs: verdict, mean, interval, n_censored. */
    private static void write(Path comparisons, String values) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("""
                    COPY (SELECT 'mlp' AS architecture, 'per-task' AS strategy, 20 AS epoch, 'fixed' AS stage,
                                 'epochs_to_97' AS metric, 'leakyrelu(0.01)' AS candidate, mean_difference, ci_low, ci_high,
                                 0.9833 AS ci_level, 0.5 AS margin, 10 AS n_pairs, verdict, false AS negligible,
                                 'secondary' AS endpoint, 0.001 AS baseline_learning_rate,
                                 CAST(n_censored AS INTEGER) AS n_censored, 'mnist-mlp' AS experiment
                          FROM (VALUES %s) t(verdict, mean_difference, ci_low, ci_high, n_censored))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment), OVERWRITE_OR_IGNORE)""".formatted(values, comparisons));
        }
    }

    /** The epochs-to-97% comparison of leakyrelu(0.01) with relu at checkpoint {@code epoch}, seeds 0 to 3. */
    private static Comparison speed(int epoch, Integer[] relu, Integer[] leaky) {
        List<EpochRow> rows = new ArrayList<>();
        for (int seed = 0; seed < relu.length; seed++) {
            rows.add(new EpochRow("r" + seed, "mnist", "mlp", "per-task", "relu", null, "relu", seed, epoch, 0.1, 0.9, 0.1,
                    0.95, List.of(0.0), 0.0, relu[seed]));
            rows.add(new EpochRow("l" + seed, "mnist", "mlp", "per-task", "leakyrelu", 0.01, "leakyrelu(0.01)", seed, epoch,
                    0.1, 0.9, 0.1, 0.95, List.of(0.0), 0.0, leaky[seed]));
        }
        List<Observation> observations = new Snapshot("speed", "", List.of(), rows).observations();
        return new Analysis(new Analysis.Settings("relu", 1000, 1, epoch)).compare(observations).stream()
                .filter(c -> c.metric() == Metric.EPOCHS_TO_97).findFirst().orElseThrow();
    }
}

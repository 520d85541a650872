package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.activationbench.compare.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsTest {

    /** The README's findings are the table the published reports give today: regenerate with `findings --write`. */
    @Test
    void theReadmesFindingsAreThoseOfThePublishedReports() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertEquals(Findings.generate(Path.of("notebooks-out")), Findings.section(readme).orElseThrow(),
                "README.md's findings are out of date: run jobs/run-local.sh findings --write");
    }

    /** A claim's row holds its comparison's figures at the experiment's last checkpoint, or at the one it names. */
    @Test
    void aRowHoldsTheComparisonOfItsClaim(@TempDir Path reports) throws Exception {
        Path comparisons = Files.createDirectories(reports.resolve("mnist-cnn/tables/comparisons"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("""
                    COPY (SELECT * FROM (VALUES
                            ('cnn', 'per-task', 1, 'fixed', 'test_accuracy', 'leakyrelu(0.01)', 0.0012, 0.0003, 0.0021, 0.975,
                             0.001, 10, 'better', false, 'secondary', 0.001),
                            ('cnn', 'per-task', 10, 'fixed', 'test_accuracy', 'leakyrelu(0.01)', -0.0004, -0.0011, 0.0003,
                             0.975, 0.001, 10, 'undecided', false, 'primary', 0.001),
                            ('cnn', 'data-parallel', 10, 'fixed', 'test_accuracy', 'leakyrelu(0.01)', 0.5, 0.4, 0.6, 0.975,
                             0.001, 10, 'better', false, 'primary', 0.001),
                            ('mlp', 'per-task', 20, 'fixed', 'test_accuracy', 'leakyrelu(0.01)', 0.5, 0.4, 0.6, 0.975, 0.001,
                             10, 'better', false, 'secondary', 0.001),
                            ('mlp', 'per-task', 20, 'tuned', 'test_accuracy', 'leakyrelu(0.01)', 0.0001, -0.0002, 0.0004,
                             0.9833, 0.001, 10, 'equivalent', false, 'primary', 0.0003),
                            ('mlp', 'per-task', 20, 'fixed', 'epochs_to_97', 'leakyrelu(0.01)', 0.1, -0.2, 0.4, 0.9833, 0.5,
                             10, 'equivalent', false, 'secondary', 0.001),
                            ('mlp', 'per-task', 20, 'tuned', 'epochs_to_97', 'leakyrelu(0.01)', -2.5, -3.0, -2.0, 0.9833, 0.5,
                             10, 'better', false, 'secondary', 0.0003))
                          t(architecture, strategy, epoch, stage, metric, candidate, mean_difference, ci_low, ci_high,
                            ci_level, margin, n_pairs, verdict, negligible, endpoint, baseline_learning_rate),
                          (SELECT 'mnist-cnn' AS experiment))
                    TO '%s' (FORMAT parquet, PARTITION_BY (experiment))""".formatted(comparisons));
        }
        List<String> rows = Findings.generate(reports).lines().toList();
        String all = String.join("\n", rows);
        assertTrue(rows.contains("| converges faster | [mnist-cnn](notebooks-out/mnist-cnn/report.ipynb) | test accuracy,"
                + " leakyrelu(0.01), cnn, epoch 1 | better | +0.12 points [+0.03, +0.21] | 97.5% | ±0.10 points | 10 |"
                + " secondary |"), all);
        assertTrue(rows.contains("| better accuracy | [mnist-cnn](notebooks-out/mnist-cnn/report.ipynb) | test accuracy,"
                + " leakyrelu(0.01), cnn, epoch 10 | undecided | -0.04 points [-0.11, +0.03] | 97.5% | ±0.10 points | 10 |"
                + " primary |"), all);
        assertTrue(rows.contains("| better accuracy | [mnist-cnn](notebooks-out/mnist-cnn/report.ipynb) | test accuracy,"
                + " leakyrelu(0.3), cnn | not in the published tables | | | | | |"), all);
        assertTrue(rows.contains("| better accuracy | mnist-mlp | test accuracy, leakyrelu(0.01), mlp | not yet published | | | | | |"),
                all);
        String sentence = rows.stream().filter(r -> r.startsWith("- *\"better accuracy\"*: ")).findFirst().orElseThrow();
        assertTrue(sentence.contains("; **undecided** for test accuracy, leakyrelu(0.01), cnn, epoch 10 (mnist-cnn), -0.04"
                + " points [-0.11, +0.03] at 97.5%, margin ±0.10 points; test accuracy, leakyrelu(0.3), cnn (mnist-cnn): not"
                + " in the published tables"), sentence);
        assertTrue(sentence.startsWith("- *\"better accuracy\"*: test accuracy, leakyrelu(0.01), mlp (mnist-mlp): not yet"
                + " published;"), "the claims' rows in their order: " + sentence);
        Files.move(comparisons.getParent().getParent(), reports.resolve("mnist-mlp"));
        rows = Findings.generate(reports).lines().toList();
        all = String.join("\n", rows);
        assertTrue(rows.contains("| better accuracy | [mnist-mlp](notebooks-out/mnist-mlp/report.ipynb) | test accuracy,"
                + " leakyrelu(0.01), mlp, epoch 20, learning rates tuned per activation | equivalent | +0.01 points"
                + " [-0.02, +0.04] | 98.3% | ±0.10 points | 10 | primary |"), all);
        // Speed at rates tuned apart would be the rates' speed: that claim reads the one-rate comparison.
        assertTrue(rows.contains("| converges faster | [mnist-mlp](notebooks-out/mnist-mlp/report.ipynb) | epochs to 97% test"
                + " accuracy, leakyrelu(0.01), mlp, epoch 20, one learning rate (0.001) for every activation | equivalent |"
                + " +0.10 epochs [-0.20, +0.40] | 98.3% | ±0.50 epochs | 10 | secondary |"), all);
    }

    @Test
    void differencesReadInTheMetricsUnits() {
        assertEquals("+0.12 points [+0.03, +0.21]", Findings.difference(Metric.TEST_ACCURACY, 0.0012, 0.0003, 0.0021));
        assertEquals("-1.50 epochs [-2.00, -1.00]", Findings.difference(Metric.EPOCHS_TO_97, -1.5, -2, -1));
    }

    @Test
    void onlyTheSectionBetweenTheMarkersIsReplaced() {
        String readme = "# title\n\n" + Findings.START + "\nold table\n" + Findings.END + "\n\nthe rest\n";
        String updated = Findings.replaced(readme, "| new |\n").orElseThrow();
        assertEquals("# title\n\n" + Findings.START + "\n| new |\n" + Findings.END + "\n\nthe rest\n", updated);
        assertEquals("| new |\n", Findings.section(updated).orElseThrow());
        assertTrue(Findings.replaced("no section", "| new |\n").isEmpty());
    }
}

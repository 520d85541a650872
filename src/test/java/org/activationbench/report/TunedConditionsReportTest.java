package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.Observation;
import org.activationbench.compare.Snapshot;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.TrialStatus;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a tuned grid of two conditions, without and with batch normalisation, whose tuning trials choose 0.001
 * for every label without it and 0.01 with it: the rates it shows, the trials of its confirmation and the cost of its
 * stage 2 are keyed on the condition, as learning_rates stores them, never mixing one condition's rate with the other's.
 */
class TunedConditionsReportTest {

    static final String GRID = """
            experiment = "tuned-conditions"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 3 }
            grid.batch-norm = [false, true]
            data.validation-examples = 1000
            grid.learning-rates = [0.001, 0.01]
            protocol = tuned
            tuning.seeds = 2
            """;

    @TempDir
    Path dir;

    /**
     * The landed rows of the trials the driver runs: every tuning trial (validation accuracy 0.97 at the rate that
     * suits the condition, 0.95 at the other), every fixed-rate trial at 0.001, and with batch normalisation the
     * confirmation trials at 0.01; leakyrelu(0.1) 0.3 points ahead of relu on every seed.
     */
    static Snapshot snapshot(GridSpec grid) {
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        List<Snapshot.RunRow> runs = new ArrayList<>();
        List<Snapshot.EpochRow> epochs = new ArrayList<>();
        for (TrialConfig t : grid.trials()) {
            boolean suits = (t.learningRate() == 0.01) == t.batchNorm();
            if (t.stage() == Stage.CONFIRMATION && !suits) {
                continue;
            }
            double test = 0.96 + 0.001 * t.seed() + (t.activation().equals("relu") ? 0 : 0.003);
            runs.add(new Snapshot.RunRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(),
                    t.alpha(), t.activationLabel(), t.seed(), TrialStatus.OK, null, null, 1, 10, 12, 1, t0, t0.plusSeconds(12),
                    List.of("dense1", "dense2"), "0.1.0", "abc1234", "1.0.0-M2", "3.5.3", "CpuBackend", "17", "Linux",
                    "host-0", t.learningRate(), t.stage().label(), t.condition().label()));
            epochs.add(new Snapshot.EpochRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(),
                    t.alpha(), t.activationLabel(), t.seed(), 1, 0.1, test + 0.01, 0.12, test, List.of(0.1, 0.2), 0.15, null,
                    t.learningRate(), t.stage().label(), suits ? 0.97 : 0.95, t.condition().label()));
        }
        return new Snapshot("tuned-conditions", GRID, runs, epochs);
    }

    @Test
    void theChosenRatesTheConfirmationAndItsCostAreKeyedOnTheCondition() throws Exception {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("test", GRID);
        Path output = dir.resolve("results");
        ComparedRun run = SyntheticTables.land(snapshot(grid), grid, output);

        try (LandedTables tables = new LandedTables(output, "tuned-conditions", true)) {
            // 2 conditions x 2 labels x 3 confirmation seeds, each at its own condition's rate: without batch
            // normalisation the fixed-rate trials themselves, with it those at 0.01 and not its fixed-rate trials.
            LandedTables.Rows runs = tables.query("SELECT condition, learning_rate, count(*) AS trials FROM runs"
                    + " GROUP BY ALL ORDER BY ALL");
            assertEquals(List.of(List.of("adam, xavier", "0.001", "6"), List.of("adam, xavier, bn", "0.01", "6")),
                    runs.strings());
            assertEquals(List.of(List.of("12")), tables.query("SELECT count(*) FROM epochs").strings());
            LandedTables.Rows chosen = tables.query("SELECT condition, activation_label, learning_rate FROM chosen_rates"
                    + " ORDER BY ALL");
            assertEquals(List.of(List.of("adam, xavier", "leakyrelu(0.1)", "0.001"), List.of("adam, xavier", "relu", "0.001"),
                    List.of("adam, xavier, bn", "leakyrelu(0.1)", "0.01"), List.of("adam, xavier, bn", "relu", "0.01")),
                    chosen.strings());
        }

        // The comparisons were made at the stored rates, per condition.
        List<Comparison> tuned = run.comparisons().stream().filter(c -> c.stage().equals(Observation.TUNED)).toList();
        assertEquals(List.of("adam, xavier", "adam, xavier, bn"), tuned.stream().map(Comparison::condition).distinct()
                .sorted().toList());
        for (Comparison c : tuned) {
            double rate = c.condition().endsWith("bn") ? 0.01 : 0.001;
            assertEquals(rate, c.baselineLearningRate(), c.toString());
            assertEquals(rate, c.candidateLearningRate(), c.toString());
            assertEquals(3, c.stats().pairs(), c.toString());
        }

        Path report = dir.resolve("report");
        Reporter.write(run, output.toString(), report);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("Rates chosen on validation accuracy: mlp (adam, xavier): leakyrelu(0.1) 0.001, relu 0.001;"
                + " mlp (adam, xavier, bn): leakyrelu(0.1) 0.01, relu 0.01."), html);
        // Stage 1: 2 conditions x 2 labels x 2 rates x 2 tuning seeds; stage 2 and the fixed run: 12 trials each.
        assertTrue(html.contains("The tuned protocol cost 28 trial-epochs (stage 1 16 + stage 2 12) against 12 for the"
                + " fixed one (2.33x)."), html);
        assertTrue(html.contains("<tr><td>mlp</td><td>adam, xavier, bn</td><td>relu</td><td>0.001: 95.00% (2), 0.01: 97.00%"
                + " (2)</td><td>0.01</td></tr>"), html);
        assertTrue(html.contains("<tr><td>mlp</td><td>adam, xavier</td><td>relu</td><td>0.001: 97.00% (2), 0.01: 95.00%"
                + " (2)</td><td>0.001</td></tr>"), html);
    }
}

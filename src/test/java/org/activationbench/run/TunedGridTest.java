package org.activationbench.run;

import static org.activationbench.run.GridDriverTest.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.activationbench.compare.ChoiceConflict;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.StoredChoices;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.LearningRateRow;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.rounds.TunedRounds;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tuned grid through the driver in local[2], on a 1,000-example MNIST subset with 500 validation examples: stage 1,
 * the choice, stage 2 and the fixed-rate trials land in the same tables; the choice is stored in learning_rates once,
 * when made, and a run stopped after it resumes into stage 2 reading it back; a stored choice edited away from what the
 * tuning trials give is refused.
 */
class TunedGridTest {

    static final String GRID = """
            experiment = "tuned"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 2 }
            data { train-examples = 1000, validation-examples = 500 }
            grid.learning-rates = [0.001, 0.01]
            protocol = tuned
            tuning.seeds = 2
            """;

    private static SparkSession spark;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("tuned-grid-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private GridDriver driver(GridSpec grid, Path out, boolean resume, NextRound rounds) {
        return new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data")).resume(resume)
                .afterGrid((store, g, output) -> ComparisonsTable.write(store, g)).nextRound(rounds).build(), console);
    }

    @Test
    void stageOneThenTheChosenRatesOnFreshSeedsAndAResumeAcrossTheStages() throws java.io.IOException {
        GridSpec grid = GridDriverTest.grid(GRID);
        // 2 labels x (2 rates x 2 tuning seeds + 2 rates x 2 confirmation seeds): the most it may run.
        assertEquals(16, grid.trialCount());
        Path out = dir.resolve("out");
        // Stopped once the rates are chosen, before stage 2 runs, as a kill between the stages would leave it: round 2
        // is asked for, which chooses and stores the rates, and nothing of it runs.
        AtomicInteger rounds = new AtomicInteger();
        TunedRounds tunedRounds = new TunedRounds(console);
        NextRound untilChosen = (store, g, settled, unsettled) -> {
            List<TrialConfig> next = tunedRounds.next(store, g, settled, unsettled);
            return rounds.getAndIncrement() == 0 ? next : List.of();
        };
        GridDriver.Summary first = driver(grid, out, false, untilChosen).run(spark);
        assertEquals(8 + 4, first.ok() + first.diverged(), printed.toString());
        // The first round: the tuning seeds (1000, 1001) and the fixed-rate trials on the confirmation seeds (0, 1).
        assertTrue(printed.toString().contains("round 1, 12 trials (seeds 0-1, 1000-1001; stages [fixed, tuning])"),
                printed.toString());

        ResultStore store = new ResultStore(spark, out.toString(), "tuned");
        Map<String, Double> chosen = storedChoice(store);
        long moved = chosen.values().stream().filter(r -> r != 0.001).count();
        assertEquals(resource("/schemas/learning_rates.txt"),
                spark.read().parquet(out.resolve("learning_rates").toString()).schema().treeString());
        Map<Path, byte[]> files = files(out.resolve("learning_rates/experiment=tuned"));
        assertEquals(2, files.size(), "a file per choice: " + files.keySet());

        GridDriver.Summary resumed = driver(grid, out, true, new TunedRounds(console)).run(spark);
        assertEquals(2 * moved, resumed.ok() + resumed.diverged(), printed.toString());
        String rates = "mlp leakyrelu(0.1) " + TrialConfig.number(chosen.get("leakyrelu(0.1)")) + ", mlp relu "
                + TrialConfig.number(chosen.get("relu"));
        assertEquals(List.of("tuned: learning rates chosen on validation accuracy at epoch 1 and stored in learning_rates: "
                + rates), printed.toString().lines().filter(l -> l.contains("learning rates chosen")).toList(),
                "chosen once, in the first run, not again on --resume: " + printed);
        assertTrue(printed.toString().contains("tuned: learning rates as chosen before, read back from learning_rates: "
                + rates), printed.toString());
        assertEquals(files.keySet(), files(out.resolve("learning_rates/experiment=tuned")).keySet());
        files(out.resolve("learning_rates/experiment=tuned")).forEach((f, bytes) -> assertArrayEquals(files.get(f), bytes,
                f + " was written once"));
        assertEquals(12 + 2 * moved, store.read(Tables.RUNS).count(), "a chosen rate equal to the fixed one is not trained twice");
        assertEquals(8, store.read(Tables.RUNS).where("stage = 'tuning'").count());
        assertEquals(4, store.read(Tables.RUNS).where("stage = 'fixed' AND learning_rate = 0.001 AND seed < 2").count());
        assertEquals(0, store.read(Tables.EPOCHS).where("validation_accuracy IS NULL").count());
        assertEquals(0, store.read(Tables.RUNS).where("validation_examples <> 500").count());

        // The comparisons are at the stored rates.
        List<Row> tuned = store.read(Tables.COMPARISONS).where("stage = 'tuned' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, tuned.size());
        Row t = tuned.get(0);
        assertEquals(2, t.<Integer>getAs("n_pairs"));
        assertEquals(chosen.get("relu"), t.<Double>getAs("baseline_learning_rate"));
        assertEquals(chosen.get("leakyrelu(0.1)"), t.<Double>getAs("candidate_learning_rate"));
        assertTrue(t.<Double>getAs("prob_improvement") >= 0 && t.<Double>getAs("prob_improvement") <= 1);
        List<Row> fixed = store.read(Tables.COMPARISONS).where("stage = 'fixed' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, fixed.size());
        assertEquals(0.001, fixed.get(0).<Double>getAs("candidate_learning_rate"));
        assertEquals(2, fixed.get(0).<Integer>getAs("n_pairs"));

        Path report = dir.resolve("report");
        org.activationbench.report.Reporter.write(ComparisonsTable.write(store, grid), out.toString(), report);
        String html = java.nio.file.Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("A fixed against a tuned learning rate"), "the conclusion compares the verdicts");
        assertTrue(html.contains("Rates chosen on validation accuracy: mlp: leakyrelu(0.1) "
                + TrialConfig.number(chosen.get("leakyrelu(0.1)")) + ", relu " + TrialConfig.number(chosen.get("relu"))
                + "."), "the report states the stored rates: " + html);
        // Stage 2 is 2 labels x 2 seeds at the chosen rates, whether or not a trial is shared with the fixed run.
        assertTrue(html.contains("The tuned protocol cost 12 trial-epochs (stage 1 8 + stage 2 4) against 4 for the fixed"
                + " one (3.00x)."), "and states the cost");
        assertTrue(java.nio.file.Files.exists(report.resolve("figures/sensitivity-mlp.png")));
        // The final accuracy table has a row per chosen rate, and says which, where the activations' rates differ.
        boolean ratesDiffer = chosen.values().stream().distinct().count() > 1;
        assertEquals(ratesDiffer, html.contains("<th>learning rate</th>"), html);
        assertTrue(html.contains("Compared at one learning rate, 0.001, for every activation"),
                "the speed claim is read where every activation trains at one rate");

        GridDriver.Summary again = driver(grid, out, true, new TunedRounds()).run(spark);
        assertEquals(0, again.ok() + again.failed() + again.diverged(), "nothing left to run");
        assertFalse(printed.toString().contains("FAILED 1"), printed.toString());

        // relu's file edited to choose its other rate: the tuning trials do not give it, and the run is refused before
        // any round, as is the report's comparison.
        Path reluFile = files.keySet().stream().filter(f -> readRows(f).get(0).activationLabel().equals("relu")).findFirst()
                .orElseThrow();
        List<LearningRateRow> edited = readRows(reluFile).stream().map(r -> new LearningRateRow(r.dataset(),
                r.architecture(), r.strategy(), r.condition(), r.activationLabel(), r.learningRate(), r.tuningEpoch(),
                r.tuningSeeds(), r.meanValidationAccuracy(), !r.chosen())).toList();
        java.nio.file.Files.delete(reluFile);
        assertTrue(store.learningRates().write(edited));
        ChoiceConflict refused = assertThrows(ChoiceConflict.class,
                () -> driver(grid, out, true, new TunedRounds(console)).run(spark));
        assertTrue(refused.getMessage().startsWith("learning_rates holds the rate chosen for relu on mlp (mnist, adam, xavier), "
                + TrialConfig.number(edited.stream().filter(LearningRateRow::chosen).findFirst().orElseThrow().learningRate())
                + " of ") && refused.getMessage().contains("but its tuning trials in runs and epochs now give "
                        + TrialConfig.number(chosen.get("relu")) + " of ")
                && refused.getMessage().endsWith("restore them, or run the grid again into another --output (or with"
                        + " --overwrite)"), refused.getMessage());
        assertThrows(ChoiceConflict.class, () -> ComparisonsTable.write(store, grid));
    }

    /**
     * The rates stored in learning_rates, per label, after checking every row against the mean validation accuracy
     * computed here from the tuning trials' runs and epochs rows (a trial without a row at the tuning epoch counting
     * as 0), and the chosen rate against the best mean.
     */
    private static Map<String, Double> storedChoice(ResultStore store) {
        Map<String, Double> accuracy = new HashMap<>();
        for (Row e : store.read(Tables.EPOCHS).where("stage = 'tuning' AND epoch = 1").collectAsList()) {
            accuracy.put(e.getAs("trial_id"), e.getAs("validation_accuracy"));
        }
        Map<String, List<Double>> byLabelAndRate = new HashMap<>();
        for (Row r : store.read(Tables.RUNS).where("stage = 'tuning'").collectAsList()) {
            byLabelAndRate.computeIfAbsent(r.getAs("activation_label") + " " + r.<Double>getAs("learning_rate"),
                    k -> new ArrayList<>()).add(accuracy.getOrDefault(r.<String>getAs("trial_id"), 0.0));
        }
        List<Row> rows = store.read(Tables.LEARNING_RATES).collectAsList();
        assertEquals(2 * 2, rows.size(), "2 labels x 2 rates");
        Map<String, Double> chosen = new HashMap<>();
        for (Row r : rows) {
            List<Double> values = byLabelAndRate.get(r.getAs("activation_label") + " " + r.<Double>getAs("learning_rate"));
            assertEquals(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    r.<Double>getAs("mean_validation_accuracy"), 1e-12, r.toString());
            assertEquals(2, r.<Integer>getAs("tuning_seeds"));
            assertEquals(1, r.<Integer>getAs("tuning_epoch"));
            assertEquals("adam, xavier", r.getAs("condition"));
            if (r.<Boolean>getAs("chosen")) {
                assertEquals(null, chosen.put(r.getAs("activation_label"), r.getAs("learning_rate")), "one chosen per label");
            }
        }
        for (Row r : rows) {
            double best = rows.stream().filter(o -> o.getAs("activation_label").equals(r.getAs("activation_label")))
                    .mapToDouble(o -> o.<Double>getAs("mean_validation_accuracy")).max().orElseThrow();
            if (r.<Boolean>getAs("chosen")) {
                assertEquals(best, r.<Double>getAs("mean_validation_accuracy"), "the chosen rate has the best mean");
            }
        }
        assertEquals(2, chosen.size());
        return chosen;
    }

    private static Map<Path, byte[]> files(Path partition) throws java.io.IOException {
        Map<Path, byte[]> out = new java.util.TreeMap<>();
        try (var list = java.nio.file.Files.list(partition)) {
            for (Path f : list.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                out.put(f, java.nio.file.Files.readAllBytes(f));
            }
        }
        return out;
    }

    private List<LearningRateRow> readRows(Path file) {
        return spark.read().parquet(file.toString()).collectAsList().stream().map(r -> new LearningRateRow(
                r.getAs("dataset"), r.getAs("architecture"), r.getAs("strategy"), r.getAs("condition"),
                r.getAs("activation_label"), r.<Double>getAs("learning_rate"), r.<Integer>getAs("tuning_epoch"),
                r.<Integer>getAs("tuning_seeds"), r.<Double>getAs("mean_validation_accuracy"), r.<Boolean>getAs("chosen")))
                .toList();
    }

    @Test
    void withSeedsOnDemandTheTunedComparisonChoosesTheSeedsAndTheFixedRunFollowsThem() throws java.io.IOException {
        // Decided at the first look (3 seeds): an interval narrower than 50 points is precise enough.
        GridSpec grid = GridDriverTest.grid(GRID.replace("experiment = \"tuned\"", "experiment = \"tuned-sequential\"")
                .replace(", seeds = 2 }", " }")
                + "analysis.sequential { min-seeds = 3, max-seeds = 5, round-size = 2, target-half-width = 0.5 }\n");
        assertTrue(grid.tuned() && grid.sequential() != null);
        Path out = dir.resolve("out");
        GridDriver.Summary summary = driver(grid, out, false, new TunedRounds()).run(spark);
        ResultStore store = new ResultStore(spark, out.toString(), "tuned-sequential");
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> chosen = StoredChoices.read(store);
        assertEquals(2, chosen.size(), "both labels' rates stored");
        long moved = chosen.values().stream().filter(c -> c.learningRate() != 0.001).count();
        // 8 tuning trials; then seeds 0..2 of both labels at the fixed rate, and at the chosen rate where it differs.
        assertEquals(8 + 6 + 3 * moved, summary.ok() + summary.diverged(), printed.toString());
        assertEquals(0, store.read(Tables.RUNS).where("stage <> 'tuning' AND seed >= 3").count(), "seeds 3 and 4 not needed");
        assertEquals(6, store.read(Tables.RUNS).where("stage = 'fixed' AND seed < 3").count());
        assertTrue(printed.toString().contains("round 1, 8 trials"), "the tuning trials run alone first: " + printed);

        List<Row> tuned = store.read(Tables.COMPARISONS).where("stage = 'tuned' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, tuned.size());
        assertEquals(3, tuned.get(0).<Integer>getAs("seeds_used"));
        assertEquals(3, tuned.get(0).<Integer>getAs("n_pairs"));
        List<Row> fixed = store.read(Tables.COMPARISONS).where("stage = 'fixed' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, fixed.size());
        assertEquals(3, fixed.get(0).<Integer>getAs("n_pairs"), "the fixed run pairs the seeds the tuned one used");
        assertTrue(fixed.get(0).isNullAt(fixed.get(0).fieldIndex("seeds_used")), "and is not itself decided on demand");

        Path report = dir.resolve("report");
        org.activationbench.report.Reporter.write(ComparisonsTable.write(store, grid), out.toString(), report);
        String html = java.nio.file.Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("Seeds on demand") && html.contains("learning rates tuned on validation data"),
                "the report shows both the sequential decisions and the protocol");

        GridDriver.Summary again = driver(grid, out, true, new TunedRounds()).run(spark);
        assertEquals(0, again.ok() + again.failed() + again.diverged(), "nothing left to run");
    }
}

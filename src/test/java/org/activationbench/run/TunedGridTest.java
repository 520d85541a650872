package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
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
 * the choice, stage 2 and the fixed-rate trials land in the same tables; a run stopped after stage 1 resumes into stage 2.
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
        // Stopped after its first round (stage 1 and the fixed-rate trials), as a kill between the stages would.
        AtomicInteger rounds = new AtomicInteger();
        NextRound firstOnly = (store, g, settled, unsettled) -> rounds.getAndIncrement() == 0
                ? new TunedRounds().next(store, g, settled, unsettled) : List.of();
        GridDriver.Summary first = driver(grid, out, false, firstOnly).run(spark);
        assertEquals(8 + 4, first.ok() + first.diverged(), printed.toString());

        ResultStore store = new ResultStore(spark, out.toString(), "tuned");
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> chosen =
                TunedProtocol.choices(Snapshot.load(store, "tuned", grid.render()), grid);
        assertEquals(2, chosen.size());
        long moved = chosen.values().stream().filter(c -> c.learningRate() != 0.001).count();

        // The first round: the tuning seeds (1000, 1001) and the fixed-rate trials on the confirmation seeds (0, 1).
        assertTrue(printed.toString().contains("round 1, 12 trials (seeds 0-1, 1000-1001; stages [fixed, tuning])"),
                printed.toString());
        GridDriver.Summary resumed = driver(grid, out, true, new TunedRounds(console)).run(spark);
        assertEquals(2 * moved, resumed.ok() + resumed.diverged(), printed.toString());
        assertEquals(1, printed.toString().lines().filter(l -> l.startsWith("tuned: learning rates chosen")).count(),
                "said once, when chosen, not again after the confirmation round: " + printed);
        assertTrue(printed.toString().contains("tuned: learning rates chosen on validation accuracy at epoch 1: mlp"
                + " leakyrelu(0.1) " + TrialConfig.number(chosen.get(TunedProtocol.key("mnist", "mlp", "per-task",
                        Snapshot.DEFAULT_CONDITION, "leakyrelu(0.1)")).learningRate()) + ", mlp relu " + TrialConfig.number(chosen.get(
                        TunedProtocol.key("mnist", "mlp", "per-task", Snapshot.DEFAULT_CONDITION, "relu")).learningRate())), printed.toString());
        assertEquals(12 + 2 * moved, store.read(Tables.RUNS).count(), "a chosen rate equal to the fixed one is not trained twice");
        assertEquals(8, store.read(Tables.RUNS).where("stage = 'tuning'").count());
        assertEquals(4, store.read(Tables.RUNS).where("stage = 'fixed' AND learning_rate = 0.001 AND seed < 2").count());
        assertEquals(0, store.read(Tables.EPOCHS).where("validation_accuracy IS NULL").count());
        assertEquals(0, store.read(Tables.RUNS).where("validation_examples <> 500").count());

        List<Row> tuned = store.read(Tables.COMPARISONS).where("stage = 'tuned' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, tuned.size());
        Row t = tuned.get(0);
        assertEquals(2, t.<Integer>getAs("n_pairs"));
        assertEquals(chosen.get(TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier", "relu")).learningRate(),
                t.<Double>getAs("baseline_learning_rate"));
        assertEquals(chosen.get(TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier", "leakyrelu(0.1)")).learningRate(),
                t.<Double>getAs("candidate_learning_rate"));
        assertTrue(t.<Double>getAs("prob_improvement") >= 0 && t.<Double>getAs("prob_improvement") <= 1);
        List<Row> fixed = store.read(Tables.COMPARISONS).where("stage = 'fixed' AND metric = 'test_accuracy'").collectAsList();
        assertEquals(1, fixed.size());
        assertEquals(0.001, fixed.get(0).<Double>getAs("candidate_learning_rate"));
        assertEquals(2, fixed.get(0).<Integer>getAs("n_pairs"));

        Path report = dir.resolve("report");
        org.activationbench.report.Reporter.write(ComparisonsTable.write(store, grid), out.toString(), report);
        String html = java.nio.file.Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("A fixed against a tuned learning rate"), "the conclusion compares the verdicts");
        // Stage 2 is 2 labels x 2 seeds at the chosen rates, whether or not a trial is shared with the fixed run.
        assertTrue(html.contains("The tuned protocol cost 12 trial-epochs (stage 1 8 + stage 2 4) against 4 for the fixed"
                + " one (3.00x)."), "and states the cost");
        assertTrue(java.nio.file.Files.exists(report.resolve("figures/sensitivity-mlp.png")));
        // The final accuracy table has a row per chosen rate, and says which, where the activations' rates differ.
        boolean ratesDiffer = chosen.values().stream().map(LearningRateChoice.Chosen::learningRate).distinct().count() > 1;
        assertEquals(ratesDiffer, html.contains("<th>learning rate</th>"), html);
        assertTrue(html.contains("Compared at one learning rate, 0.001, for every activation"),
                "the speed claim is read where every activation trains at one rate");

        GridDriver.Summary again = driver(grid, out, true, new TunedRounds()).run(spark);
        assertEquals(0, again.ok() + again.failed() + again.diverged(), "nothing left to run");
        assertFalse(printed.toString().contains("FAILED 1"), printed.toString());
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
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> chosen =
                TunedProtocol.choices(Snapshot.load(store, "tuned-sequential", grid.render()), grid);
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

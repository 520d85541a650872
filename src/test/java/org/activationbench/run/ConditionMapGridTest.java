package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridSpec;
import org.activationbench.report.Reporter;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.rounds.SequentialRounds;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grid of condition blocks through the driver in local[2], on a 500-example MNIST subset, with seeds on demand: Adam
 * at two learning rates and Nesterov SGD at one are three families, each paired on its own seeds and rate.
 */
class ConditionMapGridTest {

    /**
     * Seeds 0..5 at most, in rounds of 3. The target half-width, 20 points, is reached at the first look by any
     * comparison not decided there, so every family stops after one round: 3 x 2 labels x 3 seeds = 18 of 36 trials.
     */
    static final String GRID = """
            experiment = "map"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.3], epochs = [1] }
            grid.conditions = [
              { optimizer = adam, learning-rates = [0.001, 0.01] }
              { optimizer = nesterovs, learning-rate = 0.05 }
            ]
            data.train-examples = 500
            analysis.sequential { min-seeds = 3, max-seeds = 6, round-size = 3, target-half-width = 0.2 }
            """;

    private static SparkSession spark;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("condition-map-grid-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void eachConditionAtEachRateIsComparedOnItsOwnPairs() throws IOException {
        GridSpec grid = GridDriverTest.grid(GRID);
        assertEquals(36, grid.trialCount());
        Path out = dir.resolve("out");
        GridDriver.Summary summary = new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data"))
                .afterGrid((store, g, output) -> Reporter.write(ComparisonsTable.write(store, g), output, dir.resolve("report")))
                .nextRound(new SequentialRounds()).build(), console).run(spark);
        assertEquals(18, summary.ok() + summary.diverged(), printed.toString());
        assertTrue(printed.toString().contains("map: round 1, 18 trials (seeds 0-2)"), printed.toString());
        ResultStore store = new ResultStore(spark, out.toString(), "map");

        // The paired differences computed here from the runs rows: leakyrelu(0.3) - relu per condition, rate and seed.
        Map<String, Map<Long, Double>> relu = new HashMap<>();
        Map<String, Map<Long, Double>> leaky = new HashMap<>();
        for (Row r : store.read(Tables.RUNS).collectAsList()) {
            String setting = r.<String>getAs("condition") + " at " + r.<Double>getAs("learning_rate");
            (r.<String>getAs("activation").equals("relu") ? relu : leaky).computeIfAbsent(setting, k -> new HashMap<>())
                    .put(r.<Long>getAs("seed"), r.<Double>getAs("test_accuracy"));
        }
        assertEquals(Set.of("adam, xavier at 0.001", "adam, xavier at 0.01", "nesterovs, xavier at 0.05"), relu.keySet());

        List<Row> sequential = store.read(Tables.COMPARISONS).where("seeds_used IS NOT NULL").collectAsList();
        assertEquals(3, sequential.size(), "one comparison per condition and rate");
        for (Row c : sequential) {
            assertEquals(c.<Double>getAs("baseline_learning_rate"), c.<Double>getAs("candidate_learning_rate"));
            String setting = c.<String>getAs("condition") + " at " + c.<Double>getAs("baseline_learning_rate");
            double expected = relu.get(setting).keySet().stream()
                    .mapToDouble(seed -> leaky.get(setting).get(seed) - relu.get(setting).get(seed)).average().orElseThrow();
            assertEquals(expected, c.<Double>getAs("mean_difference"), 1e-12, setting);
            assertEquals(3, c.<Integer>getAs("seeds_used"));
            assertEquals(3, c.<Integer>getAs("n_pairs"), setting);
        }
        assertEquals(Set.of("adam, xavier", "nesterovs, xavier"), sequential.stream().map(c -> c.<String>getAs("condition"))
                .collect(Collectors.toSet()));

        // The report's seeds-on-demand rows (seeds used 3, look 1) name their condition and rate, and the fixed design
        // is max-seeds for each of the three: 3 x 2 labels x 6 seeds = 36 trials of 1 epoch, of which the 18 run are 50%.
        String html = Files.readString(dir.resolve("report").resolve("report.html"));
        for (String condition : List.of("adam, xavier, lr 0.001", "adam, xavier, lr 0.01", "nesterovs, xavier, lr 0.05")) {
            assertTrue(html.contains("<td>mlp</td><td>" + condition + "</td><td>1</td><td>leakyrelu(0.3)</td><td>3</td><td>1</td>"),
                    condition + " in " + html);
        }
        assertTrue(html.contains("<tr><td>18</td><td>18</td><td>36</td><td>36</td><td>50%</td></tr>"), html);
    }
}

package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.rounds.SequentialRounds;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sequential grid through the driver in local[2], on a 1,000-example MNIST subset: rounds, tables, resume. */
class SequentialGridTest {

    /**
     * Seeds 0..8 at most, in rounds of 3. The target half-width, 20 points, is reached at the first look by any
     * comparison not decided there (the spread of paired differences on this subset is about a point), so every
     * comparison stops after the first round and the grid runs 9 of its 27 trials.
     */
    static final String GRID = """
            experiment = "seq"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01, 0.3], epochs = [1] }
            data.train-examples = 1000
            analysis.sequential { min-seeds = 3, max-seeds = 9, round-size = 3, target-half-width = 0.2 }
            """;

    private static SparkSession spark;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("sequential-grid-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private GridDriver driver(GridSpec grid, Path out, boolean resume) {
        return new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data")).resume(resume)
                .afterGrid((store, g, output) -> ComparisonsTable.write(store, g)).nextRound(new SequentialRounds())
                .build(), console);
    }

    @Test
    void runsOnlyTheRoundsTheComparisonsNeedAndResumesToNothingMore() {
        GridSpec grid = GridDriverTest.grid(GRID);
        assertEquals(27, grid.trialCount());
        Path out = dir.resolve("out");
        GridDriver.Summary summary = driver(grid, out, false).run(spark);
        assertEquals(9, summary.ok(), printed.toString());
        assertTrue(printed.toString().contains("seq: round 1, 9 trials (seeds 0-2)"), printed.toString());
        ResultStore store = new ResultStore(spark, out.toString(), "seq");
        assertEquals(9, store.read(Tables.RUNS).count());
        List<Row> sequential = store.read(Tables.COMPARISONS).where("seeds_used IS NOT NULL").collectAsList();
        assertEquals(2, sequential.size());
        for (Row r : sequential) {
            assertEquals(3, r.<Integer>getAs("seeds_used"));
            assertEquals(1, r.<Integer>getAs("stopped_at_look"));
            assertTrue(List.of("decided", "equivalent", "narrower than the margin").contains(r.<String>getAs("stopped_because")),
                    r.toString());
            assertEquals("test_accuracy", r.getAs("metric"));
            assertTrue(r.<Double>getAs("ci_low") <= r.<Double>getAs("mean_difference"));
            assertEquals(r.<String>getAs("stopped_because").equals("decided"),
                    r.<Double>getAs("ci_low") > 0 || r.<Double>getAs("ci_high") < 0, "decided exactly where the interval says");
        }

        GridDriver.Summary resumed = driver(grid, out, true).run(spark);
        assertEquals(0, resumed.ok() + resumed.failed() + resumed.diverged(), "nothing left to run");
        assertEquals(9, store.read(Tables.RUNS).count());
    }
}

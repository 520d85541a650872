package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.GridDriver;
import org.activationbench.run.RunOptions;
import org.activationbench.run.Sessions;
import org.activationbench.stats.LeastSquaresLine;
import org.activationbench.train.Vocabularies;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run of three conditions (weight initialisation xavier, he and torch-default) in local[2], on 2,000 MNIST
 * examples, 3 seeds, one epoch: its report's condition figures hold the numbers computed here from the landed rows,
 * read through Spark rather than through the report's DuckDB queries.
 */
class ConditionReportRunTest {

    static final String GRID = """
            experiment = "condition-maps"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01], epochs = [1], seeds = 3 }
            grid.weight-inits = [xavier, he, torch-default]
            data.train-examples = 2000
            """;

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("condition-report-run-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theFiguresOfARealRunHoldItsNumbers() throws Exception {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("test", GRID);
        Path out = dir.resolve("out");
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        GridDriver.Summary summary = new GridDriver(grid, RunOptions.builder(out.toString(), Path.of("data")).build(), console).run(spark);
        assertEquals(18, summary.total());
        ResultStore store = new ResultStore(spark, out.toString(), "condition-maps");
        ComparedRun run = ComparisonsTable.write(store, grid);

        // Computed here from the epochs rows Spark reads: per condition, relu's mean inactive fraction and the mean
        // paired difference leakyrelu(0.01) − relu in test accuracy, both at epoch 1, in percent and points.
        Map<String, Map<Long, Double>> reluAccuracy = new TreeMap<>();
        Map<String, Map<Long, Double>> leakyAccuracy = new TreeMap<>();
        Map<String, List<Double>> reluInactive = new TreeMap<>();
        for (Row r : store.read(Tables.EPOCHS).collectAsList()) {
            String condition = r.getAs("condition");
            boolean relu = r.<String>getAs("activation_label").equals("relu");
            (relu ? reluAccuracy : leakyAccuracy).computeIfAbsent(condition, c -> new TreeMap<>())
                    .put(r.<Long>getAs("seed"), r.<Double>getAs("test_accuracy"));
            if (relu) {
                reluInactive.computeIfAbsent(condition, c -> new java.util.ArrayList<>())
                        .add(r.<Double>getAs("network_inactive_fraction"));
            }
        }
        assertEquals(List.of("adam, he", "adam, torch-default", "adam, xavier"), List.copyOf(reluAccuracy.keySet()));
        Map<String, Double> inactive = new TreeMap<>();
        Map<String, Double> gain = new TreeMap<>();
        for (String c : reluAccuracy.keySet()) {
            inactive.put(c, 100 * reluInactive.get(c).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            gain.put(c, 100 * leakyAccuracy.get(c).entrySet().stream()
                    .mapToDouble(e -> e.getValue() - reluAccuracy.get(c).get(e.getKey())).average().orElseThrow());
        }

        ConditionScope scope = new ConditionScope("mlp", 1, true, "relu", false);
        String slopeShown;
        try (LandedTables tables = new LandedTables(out, "condition-maps")) {
            List<ConditionMaps.AccuracyCell> cells = ConditionMaps.accuracyCells(tables.query(ConditionMaps.accuracySql(scope)));
            assertEquals(3, cells.size());
            Map<String, String> verdicts = store.read(Tables.COMPARISONS).where("metric = 'test_accuracy'").collectAsList()
                    .stream().collect(Collectors.toMap(r -> r.<String>getAs("condition"), r -> r.<String>getAs("verdict")));
            TileMap.Tile[][] tiles = ConditionMaps.accuracyTiles(cells);
            for (int i = 0; i < cells.size(); i++) {
                ConditionMaps.AccuracyCell cell = cells.get(i);
                assertEquals(gain.get(cell.condition()), cell.difference(), 1e-9, cell.toString());
                assertEquals(verdicts.get(cell.condition()), cell.verdict(), cell.toString());
                assertEquals(3, cell.pairs());
                assertEquals(Charts.verdictColour(cell.verdict()), tiles[i][0].fill());
                System.out.printf("accuracy map: %s, %s %+.3f points [%+.3f, %+.3f] %s%n", cell.condition(), cell.candidate(),
                        cell.difference(), cell.low(), cell.high(), cell.verdict());
            }
            for (ConditionMaps.InactiveCell cell : ConditionMaps.inactiveCells(tables.query(ConditionMaps.inactiveSql(scope,
                    true)))) {
                if (cell.layer().equals("network")) {
                    assertEquals(inactive.get(cell.condition()), cell.percent(), 1e-9, cell.toString());
                }
                System.out.printf("inactive map: %s, %s %.2f%% (%d seeds)%n", cell.condition(), cell.layer(), cell.percent(),
                        cell.seeds());
            }
            List<MechanismFigure.Point> points = MechanismFigure.points(tables.query(MechanismFigure.sql(scope)));
            LeastSquaresLine line = MechanismFigure.fit(points);
            double[] x = inactive.values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = gain.values().stream().mapToDouble(Double::doubleValue).toArray();
            double mx = (x[0] + x[1] + x[2]) / 3;
            double my = (y[0] + y[1] + y[2]) / 3;
            double slope = ((x[0] - mx) * (y[0] - my) + (x[1] - mx) * (y[1] - my) + (x[2] - mx) * (y[2] - my))
                    / ((x[0] - mx) * (x[0] - mx) + (x[1] - mx) * (x[1] - mx) + (x[2] - mx) * (x[2] - mx));
            assertEquals(3, line.n());
            assertEquals(slope, line.slope(), 1e-9);
            slopeShown = "leakyrelu(0.01), " + Format.signed(slope, 3) + ", 95% interval " + Format.signed(line.slopeLow(), 3)
                    + " to " + Format.signed(line.slopeHigh(), 3) + ", n = 3 conditions";
            System.out.printf("mechanism: slope %+.4f [%+.4f, %+.4f], n = %d%n", line.slope(), line.slopeLow(),
                    line.slopeHigh(), line.n());

            List<BaselineTrouble.Count> counts = BaselineTrouble.counts(tables.query(BaselineTrouble.sql(scope)));
            for (BaselineTrouble.Count c : counts) {
                assertEquals(store.read(Tables.RUNS).where("activation_label = 'relu' AND status = 'DIVERGED' AND condition = '"
                        + c.condition() + "'").count(), c.diverged());
                assertEquals(store.read(Tables.RUNS).where("activation_label = 'relu' AND NOT learned AND condition = '"
                        + c.condition() + "'").count(), c.notLearned());
            }
            System.out.println("trouble: " + BaselineTrouble.sentence(scope, counts));
        }

        Path report = dir.resolve("report");
        Reporter.write(run, out.toString(), report);
        String notebook = Files.readString(report.resolve("report.ipynb"));
        assertTrue(notebook.contains("This run trains under 3 conditions"), notebook);
        assertTrue(notebook.contains(slopeShown), "the caption's slope: " + slopeShown);
        NotebookRun.run(report);
    }
}

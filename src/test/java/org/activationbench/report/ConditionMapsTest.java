package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.SyntheticRuns;
import org.activationbench.stats.LeastSquaresLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of four conditions (ConditionRuns) opens with its condition figures, whose data are checked against numbers
 * computed here from the made-up rows themselves, not through the tables or the report's queries.
 */
class ConditionMapsTest {

    private static final ConditionScope SCOPE = new ConditionScope("mlp", 2, true, "relu", false);

    @TempDir
    Path dir;

    /** Where the run's tables land, once for the class: every test reads them. */
    @TempDir
    static Path shared;
    private static Snapshot snapshot;
    private static ComparedRun run;

    @BeforeAll
    static void landTheRun() throws Exception {
        snapshot = ConditionRuns.snapshot();
        run = SyntheticTables.land(snapshot, output());
    }

    private static Path output() {
        return shared.resolve("results").resolve("conditions");
    }

    /** The mean over seeds of relu's network inactive fraction at epoch 2 under condition k, in percent. */
    private static double reluInactive(Snapshot s, String condition) {
        return 100 * rows(s, condition, "relu").mapToDouble(EpochRow::networkInactiveFraction).average().orElseThrow();
    }

    /** The mean paired difference candidate − relu in test accuracy at epoch 2, over the seeds both have, in points. */
    private static double gain(Snapshot s, String condition, String candidate) {
        Map<Long, Double> relu = rows(s, condition, "relu").collect(java.util.stream.Collectors.toMap(EpochRow::seed,
                EpochRow::testAccuracy));
        OptionalDouble mean = rows(s, condition, candidate).filter(e -> relu.containsKey(e.seed()))
                .mapToDouble(e -> e.testAccuracy() - relu.get(e.seed())).average();
        return 100 * mean.orElseThrow();
    }

    private static java.util.stream.Stream<EpochRow> rows(Snapshot s, String condition, String label) {
        return s.epochs().stream().filter(e -> e.epoch() == 2 && e.condition().equals(condition) && e.label().equals(label));
    }

    @Test
    void theMapsHoldEachConditionsDifferenceVerdictAndInactiveUnits() throws Exception {
        try (LandedTables tables = new LandedTables(output(), "conditions")) {
            List<ConditionMaps.AccuracyCell> cells = ConditionMaps.accuracyCells(tables.query(ConditionMaps.accuracySql(SCOPE)));
            assertEquals(8, cells.size(), "4 conditions x 2 candidates");
            assertEquals(ConditionRuns.CONDITIONS, cells.stream().map(ConditionMaps.AccuracyCell::condition).distinct().toList());
            TileMap.Tile[][] tiles = ConditionMaps.accuracyTiles(cells);
            for (int i = 0; i < cells.size(); i++) {
                ConditionMaps.AccuracyCell cell = cells.get(i);
                Comparison c = run.comparisons().stream().filter(x -> x.metric() == Metric.TEST_ACCURACY && x.epoch() == 2
                        && x.condition().equals(cell.condition()) && x.candidate().equals(cell.candidate())).findFirst()
                        .orElseThrow();
                assertEquals(gain(snapshot, cell.condition(), cell.candidate()), cell.difference(), 1e-9, cell.toString());
                assertEquals(c.verdict().text(), cell.verdict(), cell.toString());
                assertEquals(100 * c.interval().low(), cell.low(), 1e-9);
                assertEquals(cell.condition().equals("nesterovs, he") ? 5 : 6, cell.pairs(), "relu's seed 5 diverged there");
                assertEquals(0.1, cell.margin(), 1e-12, "the default test-accuracy margin, in points");
                assertEquals(Charts.verdictColour(cell.verdict()), tiles[i / 2][i % 2].fill(), "coloured by its verdict");
            }
            assertTrue(cells.stream().anyMatch(c -> c.verdict().equals("better")) && cells.stream()
                    .anyMatch(c -> c.verdict().equals("worse")), "the planted effects show: " + cells);

            List<ConditionMaps.InactiveCell> inactive = ConditionMaps.inactiveCells(tables.query(ConditionMaps.inactiveSql(SCOPE,
                    true)));
            assertEquals(4 * 3, inactive.size(), "network, dense1 and dense2 per condition");
            for (ConditionMaps.InactiveCell c : inactive) {
                double network = reluInactive(snapshot, c.condition());
                double expected = switch (c.layer()) {
                    case "network" -> network;
                    case "dense1" -> network / 2;
                    case "dense2" -> 2 * network;
                    default -> throw new AssertionError(c);
                };
                assertEquals(expected, c.percent(), 1e-9, c.toString());
                assertEquals(c.condition().equals("nesterovs, he") ? 5 : 6, c.seeds(), c.toString());
            }
        }
    }

    /** The slope of the mechanism figure is the least-squares slope of the four conditions' numbers, computed here. */
    @Test
    void theMechanismLineIsTheLeastSquaresFitOfTheConditions() throws Exception {
        double[] x = ConditionRuns.CONDITIONS.stream().mapToDouble(c -> reluInactive(snapshot, c)).toArray();
        double[] y = ConditionRuns.CONDITIONS.stream().mapToDouble(c -> gain(snapshot, c, "leakyrelu(0.01)")).toArray();
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        assertEquals(0.02, slope, 0.005, "the planted 0.02 points of accuracy per point of inactive units");
        try (LandedTables tables = new LandedTables(output(), "conditions")) {
            List<MechanismFigure.Point> points = MechanismFigure.points(tables.query(MechanismFigure.sql(SCOPE)));
            assertEquals(8, points.size());
            List<MechanismFigure.Point> leaky = MechanismFigure.byCandidate(points).get("leakyrelu(0.01)");
            LeastSquaresLine line = MechanismFigure.fit(leaky);
            assertNotNull(line);
            assertEquals(4, line.n());
            assertEquals(slope, line.slope(), 1e-9);
            assertTrue(line.slopeLow() < slope && slope < line.slopeHigh());
            String caption = MechanismFigure.caption(SCOPE, points);
            assertTrue(caption.contains("leakyrelu(0.01), " + Format.signed(slope, 3) + ", 95% interval "
                    + Format.signed(line.slopeLow(), 3) + " to " + Format.signed(line.slopeHigh(), 3) + ", n = 4 conditions"),
                    caption);
        }
    }

    @Test
    void theSentenceNamesTheConditionsWhereReluDivergedOrDidNotLearn() throws Exception {
        try (LandedTables tables = new LandedTables(output(), "conditions")) {
            List<BaselineTrouble.Count> counts = BaselineTrouble.counts(tables.query(BaselineTrouble.sql(SCOPE)));
            assertEquals(List.of(new BaselineTrouble.Count("adam, he", 6, 0, 0), new BaselineTrouble.Count("adam, xavier", 6, 0, 0),
                    new BaselineTrouble.Count("nesterovs, he", 6, 1, 0), new BaselineTrouble.Count("nesterovs, xavier", 6, 0, 2)),
                    counts);
            assertEquals("**mlp**: relu diverged under `nesterovs, he` (1 of 6 trials), and did not learn (chance accuracy,"
                    + " or a training loss above the initial one) under `nesterovs, xavier` (2 of 6); its trials in the other 2"
                    + " conditions trained.", BaselineTrouble.sentence(SCOPE, counts));
            Predicate<BaselineTrouble.Count> clean = c -> c.diverged() == 0 && c.notLearned() == 0;
            assertEquals("**mlp**: relu trained in every condition: none of its 12 finished trials diverged, and every one"
                    + " learned.", BaselineTrouble.sentence(SCOPE, counts.stream().filter(clean).toList()));
        }
    }

    /** The figures come first, the notebook's queries return what the report shows, and one condition has none of it. */
    @Test
    void theReportOpensWithTheConditionFigures() throws Exception {
        Path report = shared.resolve("notebooks-out").resolve("conditions");
        Reporter.write(run, output().toString(), report);
        String html = Files.readString(report.resolve("report.html"));
        int maps = html.indexOf("conditions-accuracy-mlp.png");
        assertTrue(maps > 0 && maps < html.indexOf("conditions-inactive-mlp.png")
                && html.indexOf("conditions-inactive-mlp.png") < html.indexOf("conditions-mechanism-mlp.png")
                && html.indexOf("conditions-mechanism-mlp.png") < html.indexOf("The answer: test accuracy"), "pictures first");
        assertTrue(html.contains("This run trains under 4 conditions"), html);
        assertTrue(html.contains("relu diverged under <code>nesterovs, he</code> (1 of 6 trials)"), html);
        for (String f : List.of("accuracy", "inactive", "mechanism")) {
            assertTrue(Files.size(report.resolve("figures").resolve("conditions-" + f + "-mlp.png")) > 1000, f);
        }
        NotebookRun.run(report);

        Path single = dir.resolve("notebooks-out").resolve("synthetic");
        Path singleOutput = dir.resolve("results").resolve("synthetic");
        Reporter.write(SyntheticTables.land(SyntheticRuns.snapshot(), singleOutput), singleOutput.toString(), single);
        assertFalse(Files.readString(single.resolve("report.html")).contains("conditions-"), "one condition: no maps");
    }
}

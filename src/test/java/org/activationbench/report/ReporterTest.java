package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.SyntheticRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterTest {

    @TempDir
    Path dir;

    /** Where the reports most tests only read are written, once for the class. */
    @TempDir
    static Path shared;
    /** The reports of the made-up MLP run, of two deep MLPs with two strategies, and of a CNN run. */
    private static Path mlp;
    private static Path deep;
    private static Path cnn;

    @BeforeAll
    static void writeTheReportsTheTestsRead() throws Exception {
        mlp = write(shared.resolve("mlp"), SyntheticRuns.snapshot());
        deep = write(shared.resolve("deep"), deepWithTwoStrategies());
        cnn = write(shared.resolve("cnn"), cnn());
    }

    /** Lands the snapshot's tables under results/synthetic and writes the report to notebooks-out/synthetic. */
    private Path write(Snapshot snapshot) throws Exception {
        return write(dir, snapshot);
    }

    private static Path write(Path root, Snapshot snapshot) throws Exception {
        Path output = root.resolve("results").resolve("synthetic");
        ComparedRun run = SyntheticTables.land(snapshot, output);
        Path report = root.resolve("notebooks-out").resolve("synthetic");
        Reporter.write(run, output.toString(), report);
        return report;
    }

    private static Snapshot cnn() {
        return SyntheticRuns.snapshot(List.of("cnn"), List.of("per-task"));
    }

    /** A CNN run on MNIST is set beside the article's single-run figures, with the spread of its single seeds. */
    @Test
    void aCnnRunIsComparedWithThePublishedSingleRunFigures() throws Exception {
        String html = Files.readString(cnn.resolve("report.html"));
        assertTrue(html.contains("Against the published single-run figures") && html.contains("Dubey and V. Jain"), html);
        // The made-up leakyrelu(0.1) is 0.5 points ahead on every seed, so every seed shows it ahead.
        assertTrue(html.contains("<td>8 of 8</td>"), html);
        assertFalse(Files.readString(mlp.resolve("report.html")).contains("Against the published single-run figures"));
    }

    private static Snapshot deepWithTwoStrategies() {
        return SyntheticRuns.snapshot(List.of("mlp-deep-2", "mlp-deep-3"), List.of("per-task", "data-parallel"));
    }

    /** The structure nbformat 4.5 requires of a notebook and its cells (the full schema check is jobs/check-report.sh). */
    @Test
    void notebookHasTheNbformatStructureAndFilledOutputs() throws Exception {
        JsonNode nb = new ObjectMapper().readTree(mlp.resolve("report.ipynb").toFile());
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals(5, nb.get("nbformat_minor").asInt());
        assertEquals("python3", nb.at("/metadata/kernelspec/name").asText());
        Set<String> ids = new HashSet<>();
        int images = 0;
        int tables = 0;
        for (JsonNode cell : nb.get("cells")) {
            String type = cell.get("cell_type").asText();
            assertTrue(type.equals("markdown") || type.equals("code"), type);
            assertTrue(ids.add(cell.get("id").asText()), "cell ids must be unique");
            assertTrue(cell.get("metadata").isObject() && cell.get("source").isArray());
            if (type.equals("code")) {
                assertTrue(cell.get("execution_count").isInt() && cell.get("outputs").isArray());
                for (JsonNode output : cell.get("outputs")) {
                    String kind = output.get("output_type").asText();
                    assertTrue(kind.equals("display_data") || kind.equals("execute_result"), kind);
                    images += output.at("/data/image~1png").isTextual() ? 1 : 0;
                    tables += output.at("/data/text~1html").isArray() ? 1 : 0;
                }
            } else {
                assertFalse(cell.has("outputs"));
            }
        }
        // primary endpoint, forest, accuracy and loss curves, seeds, inactive units, activations and derivatives
        assertEquals(8, images);
        // primary verdicts, final accuracy, accuracy comparisons, other metrics, units followed across checkpoints,
        // provenance
        assertEquals(6, tables);
        String text = nb.toString();
        assertTrue(text.contains("leakyrelu(0.1) **better**, +0.5"), "the conclusion names the planted difference");
        // relu's inactive units are dead; leakyrelu's only inactive (they still pass a gradient).
        assertTrue(text.contains("of relu's hidden units dead vs 0.00% inactive"), "the conclusion says which units are dead");
        assertTrue(text.contains("Inactive units followed across checkpoints"), "the recovery table");
        assertTrue(text.contains("read_parquet('{RESULTS}/epochs/*/*.parquet'"));
    }

    @Test
    void htmlIsSelfContainedWithEveryFigureAndTheConclusion() throws Exception {
        String html = Files.readString(mlp.resolve("report.html"));
        Matcher images = Pattern.compile("<img alt=\"[^\"]+\" src=\"data:image/png;base64,").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
        }
        assertEquals(8, count);
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external resources");
        assertTrue(html.contains("<h2>Conclusion</h2>"));
        assertTrue(html.contains("<tr class=\"better\">"));
        try (var files = Files.list(mlp.resolve("figures"))) {
            assertEquals(8, files.count());
        }
        assertFalse(Files.exists(mlp.resolveSibling(".synthetic.writing")), "the staging folder is gone");
    }

    /**
     * Every query cell of each report runs on the report's own DuckDB connection and returns the table shown under
     * it (NotebookRun); a MNIST CNN run's report has the extra table beside the published figures.
     */
    @Test
    void everyQueryCellRunsAndReturnsTheTableItShows() throws Exception {
        for (Path report : List.of(mlp, deep, cnn)) {
            NotebookRun.Shown shown = NotebookRun.run(report);
            // Final accuracy, comparisons, other metrics, units followed across checkpoints, provenance; and a CNN's run
            // beside the published figures.
            assertEquals(report == cnn ? 7 : 6, shown.tables());
            assertTrue(shown.figures() >= 5, "figures: " + shown.figures());
        }
    }

    /**
     * Depths read as numbers wherever the report lists settings: in the conclusion, in the tables (ordered in SQL, so
     * a reader's own run of the notebook agrees) and in the figures' order.
     */
    @Test
    void settingsAreInTheOrderOfTheirDepth() throws Exception {
        Path report = write(SyntheticRuns.snapshot(List.of("mlp-deep-16", "mlp-deep-2", "mlp-deep-4"), List.of("per-task")));
        String html = Files.readString(report.resolve("report.html"));
        Matcher setting = Pattern.compile("<tr[^>]*><td>(mlp-deep-\\d+)</td>").matcher("");
        int tables = 0;
        for (String table : html.split("<table")) {
            List<Integer> depths = new ArrayList<>();
            setting.reset(table);
            while (setting.find()) {
                depths.add(Integer.parseInt(setting.group(1).substring("mlp-deep-".length())));
            }
            if (!depths.isEmpty()) {
                assertEquals(depths.stream().sorted().toList(), depths, "a table's rows by depth");
                assertEquals(Set.of(2, 4, 16), Set.copyOf(depths));
                tables++;
            }
        }
        assertTrue(tables >= 3, "tables with settings: " + tables);
        int said2 = html.indexOf("<strong>mlp-deep-2, test accuracy");
        int said16 = html.indexOf("<strong>mlp-deep-16, test accuracy");
        assertTrue(said2 >= 0 && said2 < said16, "conclusion: " + said2 + ", " + said16);
        int forest4 = html.indexOf("forest-mlp-deep-4.png");
        assertTrue(forest4 >= 0 && forest4 < html.indexOf("forest-mlp-deep-16.png"), "figures");
        // Beyond 3 hidden layers, one line per activation and layer over epochs would be too many: inactive units by layer.
        assertTrue(html.contains("Inactive units per hidden layer by epoch, <strong>mlp-deep-2</strong>"), html);
        assertTrue(html.contains("Inactive units in each hidden layer (1 is next to the input) after epoch 2,"
                + " <strong>mlp-deep-16</strong>"), html);
        assertTrue(Files.size(report.resolve("figures").resolve("inactive-mlp-deep-16.png")) > 0);
        NotebookRun.run(report);
    }

    /**
     * A sequential grid's report shows, per comparison, the seeds used, the look it stopped at and why, from the
     * comparisons table, and the trials run against the fixed design. Only the first round (4 seeds) has landed. The
     * made-up leakyrelu(0.1) is 0.5 points better on every seed, with a spread of 0.07 points: decided at the first
     * look; elu equals relu up to the same spread, and 4 seeds leave its interval wider than ±0.1 point: it is open,
     * waiting for the next round. 12 trials so far of the fixed design's 24.
     */
    @Test
    void aSequentialRunShowsSeedsUsedAndWhyEachStopped() throws Exception {
        String gridText = """
                experiment = "synthetic"
                grid { architectures = [mlp], activations = [relu, leakyrelu, elu], alphas = [0.1], epochs = [1, 2] }
                analysis.sequential { min-seeds = 4, max-seeds = 8, round-size = 4, target-half-width = 0.001 }
                """;
        org.activationbench.grid.GridSpec grid = new org.activationbench.grid.GridParser(
                org.activationbench.train.Vocabularies.standard()).parse("synthetic", gridText);
        Snapshot all = SyntheticRuns.snapshot();
        Snapshot firstRound = new Snapshot(all.experiment(), gridText,
                all.runs().stream().filter(r -> r.seed() < 4).toList(), all.epochs().stream().filter(e -> e.seed() < 4).toList());
        Path output = dir.resolve("results").resolve("synthetic");
        ComparedRun run = SyntheticTables.land(firstRound, grid, output);
        Path report = dir.resolve("notebooks-out").resolve("synthetic");
        Reporter.write(run, output.toString(), report);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<h2>Seeds on demand</h2>"), "the section is there");
        assertTrue(html.contains("<tr class=\"better\"><td>mlp</td><td>2</td><td>leakyrelu(0.1)</td><td>4</td><td>1</td>"
                + "<td>decided</td>"), html);
        assertTrue(html.contains("<tr><td>mlp</td><td>2</td><td>elu</td><td>4</td><td>1</td><td>open</td>"), html);
        assertTrue(html.contains(", decided after 4 seeds)"), "the conclusion cites the sequential evidence");
        assertTrue(html.contains("<tr><td>12</td><td>24</td><td>24</td><td>48</td><td>50%</td></tr>"), html);
        assertFalse(Files.readString(mlp.resolve("report.html")).contains("Seeds on demand"),
                "a fixed grid's report has no such section");
    }

    /** Two strategies of one architecture are two rows of the summary, each the mean over its own trials only. */
    @Test
    void summaryKeepsStrategiesApart() throws Exception {
        Snapshot snapshot = deepWithTwoStrategies();
        String html = Files.readString(deep.resolve("report.html"));
        for (String strategy : List.of("per-task", "data-parallel")) {
            double mean = snapshot.epochs().stream().filter(e -> e.architecture().equals("mlp-deep-2")
                    && e.strategy().equals(strategy) && e.label().equals("relu") && e.epoch() == 2)
                    .mapToDouble(EpochRow::testAccuracy).average().orElseThrow();
            String setting = strategy.equals("per-task") ? "mlp-deep-2" : "mlp-deep-2 · data-parallel";
            String row = "<tr><td>" + setting + "</td><td>relu</td><td>2</td><td>8</td><td>"
                    + String.format(Locale.ROOT, "%.2f%%", 100 * mean) + "</td>";
            assertTrue(html.contains(row), row);
        }
    }

    /** A resumed run's tables before compaction: each trial counts once, with its final attempt, as in compare. */
    @Test
    void theViewsKeepOneAttemptPerTrial() throws Exception {
        Snapshot snapshot = SyntheticRuns.snapshot();
        Path output = dir.resolve("results").resolve("synthetic");
        ComparedRun run = SyntheticTables.land(snapshot, output);
        SyntheticTables.landEarlierAttempts(snapshot, 3, output);
        Path report = dir.resolve("notebooks-out").resolve("synthetic");
        Reporter.write(run, output.toString(), report);
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<tr><td>trials</td><td>24</td></tr>"), "24 trials, not 27");
        assertTrue(html.contains("<tr><td>mlp</td><td>relu</td><td>2</td><td>8</td>"), "8 seeds, not 9");
        assertFalse(html.contains("Trials that did not finish"), "the FAILED attempts were superseded");
    }

    @Test
    void depthClaimReadsTheDepthFromTheArchitectureWhateverTheStrategy() throws Exception {
        String html = Files.readString(deep.resolve("report.html"));
        assertTrue(html.contains("mlp-deep-2 · data-parallel leakyrelu(0.1) +"), "the depth claim lists the data-parallel depths");
        assertTrue(html.contains("mlp-deep-3 leakyrelu(0.1) +"), "and the per-task ones");
    }

    @Test
    void resultsPathIsRelativeToTheReport() {
        assertEquals("../../results/quick", Reporter.resultsAsSeenFrom(Path.of("notebooks-out/quick"), "results/quick"));
        assertEquals("hdfs://nn/results/q", Reporter.resultsAsSeenFrom(Path.of("notebooks-out/q"), "hdfs://nn/results/q"));
    }
}

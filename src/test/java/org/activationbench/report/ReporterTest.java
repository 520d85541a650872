package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterTest {

    @TempDir
    Path dir;

    private Path write() {
        Snapshot snapshot = SyntheticRuns.snapshot();
        Analysis.Settings settings = new Analysis.Settings("relu", 10_000, 1);
        List<Comparison> comparisons = new Analysis(settings).compare(snapshot.observations());
        Path report = dir.resolve("synthetic");
        Reporter.write(snapshot, comparisons, settings, report, "../../results/synthetic");
        return report;
    }

    /** The structure nbformat 4.5 requires of a notebook and its cells (the full schema check is jobs/check-report.sh). */
    @Test
    void notebookHasTheNbformatStructureAndFilledOutputs() throws Exception {
        JsonNode nb = new ObjectMapper().readTree(write().resolve("report.ipynb").toFile());
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
        // forest, accuracy and loss curves, seeds, dead units, activations and derivatives
        assertEquals(7, images);
        assertTrue(tables >= 3, "tables: " + tables);
        String text = nb.toString();
        assertTrue(text.contains("leakyrelu(0.1) is **better** than relu"), "the conclusion names the planted difference");
        assertTrue(text.contains("read_parquet('{RESULTS}/{name}/*/*.parquet'"));
    }

    @Test
    void htmlIsSelfContainedWithEveryFigureAndTheConclusion() throws Exception {
        Path report = write();
        String html = Files.readString(report.resolve("report.html"));
        Matcher images = Pattern.compile("<img alt=\"[^\"]+\" src=\"data:image/png;base64,").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
        }
        assertEquals(7, count);
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external resources");
        assertTrue(html.contains("<h2>Conclusion</h2>"));
        assertTrue(html.contains("<tr class=\"better\">"));
        try (var files = Files.list(report.resolve("figures"))) {
            assertEquals(7, files.count());
        }
        assertFalse(Files.exists(dir.resolve(".synthetic.writing")), "the staging folder is gone");
    }

    @Test
    void resultsPathIsRelativeToTheReport() {
        assertEquals("../../results/quick", Reporter.resultsAsSeenFrom(Path.of("notebooks-out/quick"), "results/quick"));
        assertEquals("hdfs://nn/results/q", Reporter.resultsAsSeenFrom(Path.of("notebooks-out/q"), "hdfs://nn/results/q"));
    }
}

package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reports checked in under notebooks-out/ (those with their tables beside them) run as they stand: every query
 * cell, on the report's own tables, returns the table the notebook and the page show.
 */
class PublishedReportsTest {

    @Test
    void everyPublishedReportRunsOnItsOwnTables() throws Exception {
        List<Path> published;
        try (Stream<Path> folders = Files.list(Path.of("notebooks-out"))) {
            published = folders.filter(f -> Files.isDirectory(f.resolve("tables"))).sorted().toList();
        }
        assertEquals(Findings.CLAIMS.stream().map(Findings.Claim::experiment).distinct().count(), published.size(),
                "a published report for each experiment the findings cite: " + published);
        for (Path report : published) {
            NotebookRun.Shown shown = NotebookRun.run(report);
            assertTrue(shown.tables() >= 4 && shown.figures() >= 5, report + ": " + shown);
        }
    }
}

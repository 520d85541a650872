package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.storage.ReportFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reports the README's findings cite are checked in with their tables beside them, and run as they stand: every
 * query cell, on the report's own tables, returns the table the notebook and the page show.
 */
class PublishedReportsTest {

    @Test
    void everyCitedReportRunsOnItsOwnTables() throws Exception {
        for (String experiment : Findings.CLAIMS.stream().map(Findings.Claim::experiment).distinct().toList()) {
            Path report = Path.of("notebooks-out", experiment);
            assertTrue(Files.isDirectory(report.resolve(ReportFolder.PUBLISHED_TABLES)), report + " has no published tables");
            NotebookRun.Shown shown = NotebookRun.run(report);
            assertTrue(shown.tables() >= 4 && shown.figures() >= 5, report + ": " + shown);
        }
    }
}

package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.activationbench.compare.SyntheticRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report goes only where nothing of the user's can be lost, and replacing one removes only its own files. */
class ReportFolderTest {

    @TempDir
    Path dir;

    private void write(Path reportDir) {
        Path output = dir.resolve("results").resolve("synthetic");
        try {
            Reporter.write(SyntheticTables.land(SyntheticRuns.snapshot(), output), output.toString(), reportDir);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFolderHoldingSomethingElseIsRefusedAndKeptWhole() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("thesis.tex"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(docs));
        assertTrue(e.getMessage().contains("--report-dir " + docs + " holds files that are not an activation-bench report")
                && e.getMessage().contains("choose a new or empty folder"), e.getMessage());
        assertEquals("mine", Files.readString(docs.resolve("thesis.tex")));
        try (var entries = Files.list(docs)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aFolderOverlappingTheOutputIsRefused() {
        assertTrue(ReportFolder.problem(dir.resolve("results/quick/report"), dir.resolve("results/quick").toString())
                .orElseThrow().contains("overlaps the output folder"));
        assertTrue(ReportFolder.problem(dir.resolve("results"), dir.resolve("results/quick").toString()).isPresent());
        assertTrue(ReportFolder.problem(dir, dir.resolve("results/quick").toString()).isPresent(), "the parent of the output");
        assertFalse(ReportFolder.problem(dir.resolve("notebooks-out/quick"), dir.resolve("results/quick").toString()).isPresent());
    }

    @Test
    void replacingAReportRemovesOnlyItsOwnFiles() throws IOException {
        Path report = dir.resolve("report");
        write(report);
        assertTrue(Files.exists(report.resolve(ReportFolder.MARKER)));
        Files.writeString(report.resolve("my-notes.md"), "mine");
        Files.writeString(report.resolve("figures/my-sketch.png"), "mine");
        write(report);
        assertEquals("mine", Files.readString(report.resolve("my-notes.md")));
        assertEquals("mine", Files.readString(report.resolve("figures/my-sketch.png")));
        assertTrue(Files.exists(report.resolve("report.html")));
        try (var entries = Files.list(report)) {
            assertEquals(List.of(".activation-bench-report", "figures", "my-notes.md", "report.html", "report.ipynb"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** A report written before the marker existed is recognised by its layout and replaced, not refused. */
    @Test
    void aReportFromBeforeTheMarkerIsAdopted() throws IOException {
        Path report = dir.resolve("old");
        write(report);
        Files.delete(report.resolve(ReportFolder.MARKER));
        Files.writeString(report.resolve("figures/stale-figure.png"), "an old figure");
        write(report);
        assertTrue(Files.exists(report.resolve(ReportFolder.MARKER)));
        assertFalse(Files.exists(report.resolve("figures/stale-figure.png")), "the old report's figures are its own");
    }

    /** A published report holds its run's tables: the one output folder a report folder may hold, at tables/. */
    @Test
    void aReportMayHoldItsPublishedTablesAndNoOtherOutputFolder() throws IOException {
        Path report = Files.createDirectories(dir.resolve("notebooks-out").resolve("depth"));
        Files.createDirectories(report.resolve(ReportFolder.PUBLISHED_TABLES).resolve("runs"));
        assertTrue(ReportFolder.problem(report, report.resolve(ReportFolder.PUBLISHED_TABLES).toString()).isEmpty());
        assertTrue(ReportFolder.problem(report, report.resolve("results").toString()).orElseThrow().contains("overlaps"));
        assertTrue(ReportFolder.problem(report.resolve(ReportFolder.PUBLISHED_TABLES), report.toString()).orElseThrow()
                .contains("overlaps"));
        Files.writeString(report.resolve("notes.txt"), "mine");
        assertTrue(ReportFolder.problem(report, dir.resolve("results").toString()).orElseThrow()
                .contains("holds files that are not an activation-bench report"));
    }
}

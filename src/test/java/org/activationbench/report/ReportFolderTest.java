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
import org.activationbench.storage.ReportFolder;
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
    void aFolderOverlappingTheOutputIsRefusedButItsOwnReportFolder() {
        assertTrue(ReportFolder.problem(dir.resolve("results/quick/runs"), dir.resolve("results/quick").toString())
                .orElseThrow().contains("overlaps the output folder"));
        assertTrue(ReportFolder.problem(dir.resolve("results/quick/report/x"), dir.resolve("results/quick").toString())
                .isPresent());
        assertFalse(ReportFolder.problem(dir.resolve("results/quick/report"), dir.resolve("results/quick").toString())
                .isPresent(), "the run's own report folder");
        assertTrue(ReportFolder.publishProblem(dir.resolve("results/quick/report"), dir.resolve("results/quick").toString())
                .isPresent(), "a published report's tables are its own copy, never the run's folder");
        assertEquals(dir.resolve("results/quick/report"), ReportFolder.defaultFor(dir.resolve("results/quick").toString(), "quick"));
        assertEquals(Path.of("reports", "quick"), ReportFolder.defaultFor("hdfs://nn:8020/results/quick", "quick"));
        assertTrue(ReportFolder.problem(dir.resolve("results"), dir.resolve("results/quick").toString()).isPresent());
        assertTrue(ReportFolder.problem(dir, dir.resolve("results/quick").toString()).isPresent(), "the parent of the output");
        assertFalse(ReportFolder.problem(dir.resolve("notebooks-out/quick"), dir.resolve("results/quick").toString()).isPresent());
    }

    /** A published report: its notebook beside its tables, as the checked-in ones under notebooks-out/ are. */
    private Path published(String name) throws IOException {
        Path report = Files.createDirectories(dir.resolve("notebooks-out").resolve(name));
        Files.createDirectories(report.resolve("tables/runs"));
        Files.writeString(report.resolve("tables/grid.conf"), "experiment = \"" + name + "\"\n");
        Files.writeString(report.resolve("report.ipynb"), "{}");
        return report;
    }

    @Test
    void onlyPublishWritesAPublishedReportOrItsTables() throws IOException {
        Path report = published("depth");
        String output = dir.resolve("results/depth").toString();
        assertTrue(ReportFolder.isPublished(report));
        String refused = ReportFolder.problem(report, output).orElseThrow();
        assertTrue(refused.contains("is the published report " + report) && refused.contains("only `publish` writes"), refused);
        assertTrue(ReportFolder.problem(report.resolve("figures"), output).orElseThrow().contains("is inside the published report"));
        assertFalse(ReportFolder.publishProblem(report, output).isPresent());
        String tables = ReportFolder.outputProblem(report.resolve("tables").toString()).orElseThrow();
        assertTrue(tables.contains("inside the published report " + report) && tables.contains("publish --output"), tables);
        assertFalse(ReportFolder.outputProblem(output).isPresent());
        assertFalse(ReportFolder.outputProblem("hdfs://nn:8020/results/depth").isPresent());
        assertFalse(ReportFolder.isPublished(dir.resolve("notebooks-out")), "the folder around it is not itself published");
    }

    @Test
    void aReportWrittenByPublishIsMarkedPublished() throws Exception {
        Path output = dir.resolve("results").resolve("synthetic");
        Reporter.publish(SyntheticTables.land(SyntheticRuns.snapshot(), output), output.toString(), dir.resolve("pub"));
        assertTrue(ReportFolder.isPublished(dir.resolve("pub")), "marked by its marker alone, without tables beside it");
        Path plain = dir.resolve("plain");
        write(plain);
        assertFalse(ReportFolder.isPublished(plain));
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
        assertTrue(ReportFolder.publishProblem(report, report.resolve(ReportFolder.PUBLISHED_TABLES).toString()).isEmpty());
        assertTrue(ReportFolder.publishProblem(report, report.resolve("results").toString()).orElseThrow().contains("overlaps"));
        assertTrue(ReportFolder.publishProblem(report.resolve(ReportFolder.PUBLISHED_TABLES), report.toString()).orElseThrow()
                .contains("overlaps"));
        Files.writeString(report.resolve("notes.txt"), "mine");
        assertTrue(ReportFolder.publishProblem(report, dir.resolve("results").toString()).orElseThrow()
                .contains("holds files that are not an activation-bench report"));
    }
}

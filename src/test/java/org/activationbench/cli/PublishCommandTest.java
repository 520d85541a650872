package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} on a tuned grid: finished once its chosen rates' confirmation trials have landed, although the
 * grid lists a confirmation trial at every rate; cut short, or trained with other trials than its grid file's, it is
 * refused and writes nothing; published again, it says what it replaced; on its own tables, it re-analyses them.
 */
class PublishCommandTest {

    private static final String GRID = """
            experiment = "published"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 2 }
            data { train-examples = 1000, validation-examples = 500 }
            grid.learning-rates = [0.001, 0.01]
            protocol = tuned
            tuning.seeds = 2
            """;

    @TempDir
    Path dir;

    @Test
    void aFinishedTunedRunIsPublishedAndOneCutShortIsRefused() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        CommandRun ran = CommandRun.of("run", grid.toString(), "--output", out.toString(), "--no-report", "--master", "local[2]");
        assertEquals(0, ran.code(), ran.out() + ran.err());

        Path cut = dir.resolve("cut");
        CommandRun stage1 = CommandRun.of("run", grid.toString(), "--output", cut.toString(), "--no-report", "--master", "local[2]",
                "--set", "tuning.seeds=[1000]");
        assertEquals(0, stage1.code(), stage1.out() + stage1.err());
        Files.writeString(cut.resolve("grid.conf"), Files.readString(cut.resolve("grid.conf")).replace("[1000]", "[1000, 1001]"));
        CommandRun refused = CommandRun.of("publish", "--output", cut.toString(), "--grid", grid.toString(), "--report-dir",
                dir.resolve("cut-report").toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("trials the grid needs have not finished"), refused.err());
        assertFalse(Files.exists(dir.resolve("cut-report")), "a refused publication writes nothing");

        Path report = dir.resolve("report");
        CommandRun noGridFile = CommandRun.of("publish", "--output", out.toString(), "--report-dir", report.toString());
        assertEquals(2, noGridFile.code(), noGridFile.out() + noGridFile.err());
        assertTrue(noGridFile.err().contains("no grid file conf/grids/published.conf"), noGridFile.err());

        Path fewerSeeds = Files.writeString(dir.resolve("fewer.conf"), GRID.replace("seeds = 2 }", "seeds = 1 }"));
        CommandRun other = CommandRun.of("publish", "--output", out.toString(), "--grid", fewerSeeds.toString(),
                "--report-dir", report.toString());
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.err().contains("is not a run of " + fewerSeeds) && other.err().contains("grid.seeds is [0] there,"
                + " [0,1] in the run"), other.err());
        assertFalse(Files.exists(report), "a refused publication writes nothing");

        CommandRun published = CommandRun.of("publish", "--output", out.toString(), "--grid", grid.toString(), "--report-dir",
                report.toString());
        assertEquals(0, published.code(), published.out() + published.err());
        assertTrue(Files.exists(report.resolve("report.ipynb")));
        assertTrue(Files.isDirectory(report.resolve("tables/runs")));
        assertFalse(published.out().contains("replaced"), published.out());

        CommandRun again = CommandRun.of("publish", "--output", out.toString(), "--grid", grid.toString(), "--report-dir",
                report.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().matches("(?s).*replaced the published published \\(16 trials trained at commit \\S+\\) by 16"
                + " trials trained at commit \\S+\\n.*"), again.out());

        Path reanalysed = Files.writeString(dir.resolve("margins.conf"), GRID + "analysis.baseline = relu\n");
        CommandRun inPlace = CommandRun.of("publish", "--output", report.resolve("tables").toString(), "--grid",
                reanalysed.toString(), "--report-dir", report.toString());
        assertEquals(0, inPlace.code(), inPlace.out() + inPlace.err());
        assertTrue(inPlace.out().contains("(re-analysed in place)"), inPlace.out());
        assertTrue(Files.isDirectory(report.resolve("tables/runs/experiment=published")));
    }
}

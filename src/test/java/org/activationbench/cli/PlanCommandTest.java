package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --plan}: the grid's cost printed, exit 0, nothing written and no Spark; a bad grid exits 2 as in a run. */
class PlanCommandTest {

    private static final String GRID = """
            experiment = "planned"
            dataset = mnist
            grid { architectures = [mlp, cnn], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 3], seeds = 2 }
            """;

    @TempDir
    Path dir;

    @Test
    void printsTheCostAndExitsZeroWithoutWriting() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        // A bench folder without figures: the built-in ones are used.
        Path bench = Files.createDirectory(dir.resolve("no-figures"));
        CommandRun o = CommandRun.of("run", grid.toString(), "--plan", "--cores", "2", "--output", out.toString(),
                "--bench-dir", bench.toString(), "--report-dir", dir.resolve("report").toString());
        assertEquals(0, o.code(), o.err());
        // 8 trials of 3 epochs; on 2 cores the GridPlanTest arithmetic: 0.09 core-hours, 0:02:41.
        assertTrue(o.out().contains("plan of planned: 8 trials, 24 trial-epochs"), o.out());
        assertTrue(o.out().matches("(?s).*mlp\\s+per-task\\s+4\\s+12\\s+.*"), o.out());
        assertTrue(o.out().matches("(?s).*cnn\\s+per-task\\s+4\\s+12\\s+.*"), o.out());
        assertTrue(o.out().contains("estimate: 0.09 core-hours; wall time 0:02:41 on 2 cores"), o.out());
        assertTrue(o.out().contains("cost model: built-in figures"), o.out());
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(dir.resolve("report")), "nothing written");
    }

    @Test
    void aGridOverTheLimitIsRefusedWithItsCount() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        CommandRun o = CommandRun.of("run", grid.toString(), "--plan", "--max-trials", "5");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("grid: 8 trials") && o.err().contains("exceed the limit of 5"), o.err());
        assertEquals("", o.out());
    }
}

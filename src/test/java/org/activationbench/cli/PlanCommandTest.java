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

    /** Seeds on demand: the plan at the fewest seeds and at the most, core-hours and wall time each. */
    @Test
    void aSequentialGridIsPricedAtMinSeedsAndAtMaxSeeds() throws IOException {
        Path grid = Files.writeString(dir.resolve("seq.conf"), """
                experiment = "planned"
                dataset = mnist
                grid { architectures = [mlp, cnn], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1, 3] }
                analysis.sequential { min-seeds = 3, max-seeds = 6, round-size = 3 }
                """);
        Path bench = Files.createDirectory(dir.resolve("no-figures"));
        CommandRun o = CommandRun.of("run", grid.toString(), "--plan", "--cores", "2", "--bench-dir", bench.toString());
        assertEquals(0, o.code(), o.err());
        // The trials of printsTheCostAndExitsZeroWithoutWriting on 3 and on 6 seeds (GridPlanTest's arithmetic): at
        // min-seeds 6 x 4.49175 s (mlp) + 6 x 63.9975 s (cnn) = 410.94 s on one thread, / 0.85 = 0.134 core-hours, and
        // 410.94 / 2 / 0.85 = 241.7 s on 2 cores; at max-seeds twice that.
        assertTrue(o.out().contains("plan of planned: 24 trials, 72 trial-epochs"), o.out());
        assertTrue(o.out().contains("  at min-seeds (3), every comparison decided at its first look: 12 trials, 36 trial-epochs,"
                + " 0.13 core-hours, wall time 0:04:02 on 2 cores"), o.out());
        assertTrue(o.out().contains("  at max-seeds (6), no comparison decided before its last look: 24 trials, 72"
                + " trial-epochs, 0.27 core-hours, wall time 0:08:03 on 2 cores"), o.out());
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

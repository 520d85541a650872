package org.activationbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    /** The tail of what a JDK 17 JVM prints at exit with -XX:+CITime. */
    private static final String CITIME = """
            bench: 8 trials run: OK 8, DIVERGED 0, FAILED 0 in 00:21; results in target/bench/grid-local2; driver peak RSS 1237 MiB
            Accumulated compiler times
            ----------------------------------------------------------
              Total compilation time   :  16.245 s
                Standard compilation   :  15.803 s, Average : 0.001 s
                On stack replacement   :   0.443 s, Average : 0.005 s
            """;

    @Test
    void theJitsTotalIsReadFromTheLog() {
        assertEquals(16.245, Benchmark.compileSeconds(CITIME), 1e-9);
        assertTrue(Double.isNaN(Benchmark.compileSeconds("no compiler statistics here")));
    }

    @Test
    void warmTrialsAreThoseAfterTheFirstOnEachCore() {
        // started out of order: the two earliest (t = 0 and 1, 9 s each: the JVM's warm-up) are left out
        List<double[]> trials = List.of(new double[] {10, 5}, new double[] {1, 9}, new double[] {9.5, 4},
                new double[] {0, 9}, new double[] {14, 6});
        assertEquals(5.0, Benchmark.warmTaskSeconds(trials, 2), 1e-12);
        assertEquals(6.0, Benchmark.warmTaskSeconds(trials, 1), 1e-12);
        assertTrue(Double.isNaN(Benchmark.warmTaskSeconds(trials.subList(0, 2), 2)));
    }

    @Test
    void roundsBelowOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Benchmark.Settings(Path.of("data"), 2, 4, 600, 4, 2, 0, 2, Path.of("target/bench"), List.of()));
        assertTrue(e.getMessage().contains("--grid-rounds"), e.getMessage());
    }
}

package org.activationbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.activationbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step timing of {@code bench --step-activations}: its options, what it prints and what it writes. */
class StepBenchmarkTest {

    @TempDir
    Path dir;

    /** A bad value ends the command before any work, with code 2 and nothing written. */
    @Test
    void badOptionsAreRefusedBeforeWorking() throws Exception {
        assertEquals(2, Main.commandLine().execute("bench", "--step-activations", "leakyrelu,gelu", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--step-activations", "prelu", "--steps", "4", "--out", dir.toString()));
        assertEquals(2, Main.commandLine().execute("bench", "--step-activations", "prelu", "--warmup-steps", "-1", "--out",
                dir.toString()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /** A few steps of each network on MNIST: one timing per network and activation, the first activation's ratio 1. */
    @Test
    void eachNetworkAndActivationIsTimedAndComparedWithTheFirstActivation() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<StepTiming> timings = new StepBenchmark(new StepBenchmark.Settings(Path.of("data"), List.of("leakyrelu", "prelu"), 2,
                7, dir), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        assertEquals(List.of("mlp leakyrelu(0.01)", "mlp prelu", "cnn leakyrelu(0.01)", "cnn prelu"),
                timings.stream().map(t -> t.architecture() + " " + t.activation()).toList());
        for (StepTiming t : timings) {
            assertEquals(7, t.millisMeasured().size(), t.toString());
            assertTrue(t.millisMeasured().stream().allMatch(ms -> ms > 0), t.toString());
            assertEquals(StepBenchmark.median(t.millisMeasured()), t.medianMillis(), 0);
        }
        assertEquals(1.0, timings.get(0).ratioToFirst(), 0);
        assertEquals(timings.get(3).medianMillis() / timings.get(2).medianMillis(), timings.get(3).ratioToFirst(), 1e-12);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cnn  prelu") && text.contains("x leakyrelu(0.01)'s"), text);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).matches("steps-.*\\.csv") && names.get(1).matches("steps-.*\\.json"), names.toString());
            List<String> csv = Files.readAllLines(dir.resolve(names.get(0)));
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("cnn_prelu.median_millis,")), csv.toString());
            assertFalse(csv.stream().anyMatch(l -> l.contains("millis_measured")), "lists of numbers stay in the JSON");
        }
    }
}

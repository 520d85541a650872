package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code train} refuses what a grid refuses, and sizes that cannot work, as {@code run} does: exit 2, one line naming
 * the option, before the data are read; options that would have no effect are refused; every command lists its exit
 * codes.
 */
class OneSetOfChecksTest {

    private static final String GRID = """
            experiment = "checks"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu], epochs = [1], seeds = 2 }
            data.train-examples = 2000
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--train-examples 1 --batch-size 1         | --train-examples: 1 training example; a trial needs at least 2",
            "--validation-examples 59999 --batch-size 1 | --validation-examples: 59999 leaves 1 training example after 59999 held out",
            "--validation-examples 60000               | --validation-examples: 60000 would hold out all 60000 training examples",
            "--train-examples 2000 --batch-size 3000   | --batch-size: 3000 is larger than the 2000 training examples used",
            "--learning-rate 1e6                       | --learning-rate: 1000000.0 is above 10",
            "--seed -5                                 | --seed: seeds must be whole numbers >= 0",
            "--epochs 0                                | --epochs: 0 is not a positive number of epochs",
            "--checkpoints 0,2                         | --checkpoints: 0 is not a positive whole number of epochs",
            "--train-examples 100000                   | --train-examples: 100000 is more than the 60000 training examples mnist has",
            "--validation-examples 59000 --train-examples 2000 | --train-examples: 2000 is more than the 1000 training examples mnist has after 59000 held out",
            "--activation relu --alpha 0.1             | --alpha: no activation in --activation takes an alpha",
            "--optimizer adamw                         | --optimizer: unknown value 'adamw'",
            "--engine turbo                            | --engine: unknown value 'turbo'",
            "--data nowhere                            | nowhere/mnist"})
    void trainRefusesOnOneLineWithExitTwo(String options, String message) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(Arrays.asList(options.strip().split(" +")));
        CommandRun r = CommandRun.of(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("train: ") && r.err().contains(message.strip()), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertEquals("", r.out(), "nothing trained");
    }

    /** The same values in a grid: run, and run --plan, refuse them before any work. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data.train-examples=100000 | data.train-examples: 100000 is more than the 60000 training examples mnist has",
            "training.batch-size=4000   | training.batch-size: 4000 is larger than the 2000 training examples used",
            "data.train-examples=1      | data.train-examples: 1 training example; a trial needs at least 2"})
    void runAndPlanRefuseTheSameSizes(String override, String message) throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        for (boolean plan : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("run", grid.toString(), "--set", override.strip(), "--output",
                    out.toString(), "--no-report"));
            if (plan) {
                args.add("--plan");
            }
            CommandRun r = CommandRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), (plan ? "--plan: " : "") + r.err());
            assertTrue(r.err().contains(message.strip()), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void optionsWithoutEffectAreRefused() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        CommandRun both = CommandRun.of("run", grid.toString(), "--plan", "--resume", "--overwrite");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--resume and --overwrite exclude each other"), both.err());
        CommandRun cores = CommandRun.of("run", grid.toString(), "--cores", "1", "--output", out.toString());
        assertEquals(2, cores.code());
        assertTrue(cores.err().contains("--cores is for --plan only"), cores.err());
        assertFalse(Files.exists(out), "nothing written");
        CommandRun bench = CommandRun.of("run", grid.toString(), "--plan", "--bench-dir", dir.resolve("nowhere").toString());
        assertEquals(2, bench.code());
        assertTrue(bench.err().contains("--bench-dir: " + dir.resolve("nowhere") + " is not a folder"), bench.err());
        CommandRun plan = CommandRun.of("run", grid.toString(), "--plan", "--cores", "2");
        assertEquals(0, plan.code(), plan.err());
        CommandRun findings = CommandRun.of("findings", "--reports", dir.resolve("nowhere").toString());
        assertEquals(2, findings.code());
        assertTrue(findings.err().contains("--reports: " + dir.resolve("nowhere") + " is not a folder"), findings.err());
    }

    @Test
    void trainHelpDescribesEveryOptionWithItsDefaultAndAllowedValues() {
        String help = CommandRun.of("train", "--help").out();
        for (String option : List.of("--batch-size", "--learning-rate", "--optimizer", "--seed", "--weight-init")) {
            String line = help.lines().filter(l -> l.strip().startsWith(option)).findFirst().orElseThrow();
            int at = help.indexOf(line);
            String entry = help.substring(at, help.indexOf("\n  -", at + 1));
            assertTrue(entry.contains("default:"), entry);
        }
        var v = Vocabularies.standard();
        for (List<String> allowed : List.of(v.optimizers(), v.weightInits(), v.activations(), v.datasets())) {
            allowed.forEach(value -> assertTrue(help.contains(value), value + " in\n" + help));
        }
        assertTrue(help.contains("0 the trial ended OK or DIVERGED"), help);
    }

    /**
     * A trial whose loss turns NaN ran, and its status says so: train exits 0, as run does for a grid of such trials.
     * Nesterov momentum at learning rate 10 with ELU and He initialisation diverges within the first 500 examples.
     */
    @Test
    void trainExitsZeroOnADivergedTrial() {
        CommandRun r = CommandRun.of("train", "--train-examples", "500", "--batch-size", "50", "--optimizer", "nesterovs",
                "--learning-rate", "10", "--activation", "elu", "--weight-init", "he");
        List<String> lines = r.out().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("status DIVERGED: "), r.out() + r.err());
        assertEquals(0, r.code(), r.out() + r.err());
        // the trial's seconds, training alone and in all (what the bench's independent trainings read)
        assertTrue(lines.get(lines.size() - 1).matches(".*, \\d+\\.\\d s training, \\d+\\.\\d\\d s in all"), lines.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "run", "analyze", "report", "publish", "findings", "bench"})
    void everyCommandListsItsExitCodes(String command) {
        String help = CommandRun.of(command, "--help").out();
        assertTrue(help.contains("Exit codes: 0 "), help);
        assertTrue(help.contains(" 2 "), help);
    }
}

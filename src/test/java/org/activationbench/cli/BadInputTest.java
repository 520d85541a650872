package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input on the command line: exit 2, a message naming the key, the value and the fix, nothing written, quickly. */
class BadInputTest {

    /** 100,000 trials: exactly the default limit, so each override below is what gets refused. */
    private static final String GRID = """
            experiment = "bad"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu], epochs = [1], seeds = 100000 }
            data.train-examples = 1000
            """;

    @TempDir
    Path dir;

    private record Outcome(int code, String err, long millis) {}

    private Outcome run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            int code = Main.commandLine().execute(args);
            return new Outcome(code, captured.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
        } finally {
            System.setErr(err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "training.batch-size=3000000           | training.batch-size: 3000000 is larger than the 1000 training examples used",
            "training.learning-rate=1e999          | training.learning-rate: Infinity is not positive",
            "training.learning-rate=50             | training.learning-rate: 50.0 is above 10",
            "experiment=__HIVE_DEFAULT_PARTITION__ | experiment: '__HIVE_DEFAULT_PARTITION__' starts with '_'",
            "grid.architectures=[mlp,cnn]          | grid: 200,000 trials",
            "grid.activations=[relu,elu,tanh,sigmoid,swish,mish,selu] | grid: 700,000 trials",
            "data.validation-examples=60000        | data.validation-examples: 60000 would hold out all 60000 training examples",
            "protocol=tuned                        | protocol: tuned chooses each learning rate on validation accuracy"})
    void isRefusedWithExitTwoBeforeAnythingIsWritten(String override, String message) throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        Outcome o = run("run", grid.toString(), "--set", override.strip(), "--output", out.toString(), "--data", "data",
                "--report-dir", dir.resolve("report").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(message.strip()), o.err());
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(Files.exists(dir.resolve("report")), "nothing written");
        assertTrue(o.millis() < 30_000, "refused in " + o.millis() + " ms");
    }

    @Test
    void anUnsetOfAKeyTheGridDoesNotSetIsRefusedWithExitTwo() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        Outcome o = run("run", grid.toString(), "--unset", "grid.alphas", "--output", out.toString(), "--data", "data");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("grid.alphas: --unset names a key the grid file does not set"), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefused() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID.replace("100000", "1"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = run("run", grid.toString(), "--output", file.resolve("out").toString(), "--data", "data", "--no-report");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(file.resolve("out") + " cannot be written") && o.err().contains("choose another --output"),
                o.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aReportFolderHoldingAUsersFilesOrInsideTheOutputIsRefusedBeforeTraining() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID.replace("100000", "1"));
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("paper.tex"), "mine");
        Outcome o = run("run", grid.toString(), "--output", dir.resolve("out").toString(), "--data", "data", "--report-dir",
                docs.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--report-dir " + docs + " holds files that are not an activation-bench report"), o.err());
        assertFalse(Files.exists(dir.resolve("out")));
        Outcome inside = run("run", grid.toString(), "--output", dir.resolve("out").toString(), "--data", "data",
                "--report-dir", dir.resolve("out/runs").toString());
        assertEquals(2, inside.code(), inside.err());
        assertTrue(inside.err().contains("overlaps the output folder"), inside.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** Where trials keep their state is checked before any work, and a cluster needs a folder every executor reaches. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--master=spark://192.0.2.1:9 | on the driver's own disk, but master spark://192.0.2.1:9",
            "--no-state --keep-state       | --no-state keeps no state, so it takes neither --state-dir nor --keep-state",
            "--state-dir=nosuchfs://b/s    | the state folder nosuchfs://b/s cannot be reached"})
    void aStateFolderThatCannotServeIsRefusedWithExitTwo(String options, String message) throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID.replace("100000", "1"));
        Path out = dir.resolve("out");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", grid.toString(), "--output",
                out.toString(), "--data", "data", "--no-report"));
        args.addAll(java.util.List.of(options.strip().split(" ")));
        Outcome o = run(args.toArray(String[]::new));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(message.strip()), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A sequential grid's keys are checked like the others, and its trial count is taken at max-seeds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "analysis.sequential.min-seeds=2      | analysis.sequential.min-seeds: 2 is not a whole number of at least 3",
            "analysis.sequential={max-seeds=60000, round-size=1000} | grid: 120,000 trials (1 strategies x 1 architectures x 2 activation settings x 60000 seeds)"})
    void aBadSequentialGridIsRefusedWithExitTwo(String override, String message) throws IOException {
        Path grid = Files.writeString(dir.resolve("s.conf"), """
                experiment = "bad"
                grid { architectures = [mlp], activations = [relu, elu], epochs = [1] }
                data.train-examples = 1000
                analysis.sequential { min-seeds = 5, max-seeds = 30, round-size = 5, target-half-width = 0.001 }
                """);
        Path out = dir.resolve("out");
        Outcome o = run("run", grid.toString(), "--set", override.strip(), "--output", out.toString(), "--data", "data",
                "--no-report");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(message.strip()), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}

package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridParserTest {

    private static final String VALID = """
            experiment = "quick"
            dataset = mnist
            grid {
              architectures = [mlp, cnn]
              activations = [relu, leakyrelu]
              alphas = [0.01, 0.1, 0.3]
              epochs = [5, 1, 2]
              seeds = 3
            }
            training { optimizer = adam, learning-rate = 0.001, batch-size = 128, weight-init = xavier }
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    @Test
    void expandsArchitecturesActivationsAlphasAndSeeds() {
        GridSpec grid = parser.parse("test", VALID);
        List<TrialConfig> trials = grid.trials();
        // 2 architectures x (relu + leakyrelu x 3 alphas) x 3 seeds
        assertEquals(2 * 4 * 3, trials.size());
        assertEquals(trials.size(), grid.trialCount());
        assertEquals(List.of(1, 2, 5), trials.get(0).checkpoints());
        assertTrue(trials.stream().filter(t -> t.activation().equals("relu")).allMatch(t -> t.alpha() == null));
        assertEquals(List.of(0.01, 0.1, 0.3), trials.stream().filter(t -> t.activation().equals("leakyrelu"))
                .map(TrialConfig::alpha).distinct().toList());
        assertEquals(trials.size(), trials.stream().map(TrialConfig::trialId).distinct().count());
    }

    @Test
    void renderedGridParsesBackToTheSameGrid() {
        GridSpec grid = parser.parse("test", VALID);
        GridSpec again = parser.parse("rendered", grid.render());
        assertEquals(grid, again);
        assertEquals(grid.render(), again.render());
    }

    @Test
    void theStateIntervalIsTenMinutesByDefaultAndNoPartOfTheStoredGridOrTheTrials() {
        GridSpec grid = parser.parse("test", VALID);
        assertEquals(10.0, grid.training().stateEveryMinutes());
        GridSpec often = parser.parse("test", VALID + "training.state-every = 0.5\n");
        assertEquals(0.5, often.training().stateEveryMinutes());
        assertEquals(grid.render(), often.render(), "a resume may change it");
        assertEquals(grid.trials(), often.trials());
        assertEquals(0.0, parser.parse("test", VALID + "training.state-every = 0\n").training().stateEveryMinutes());
    }

    @Test
    void overridesWinOverTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.conf");
        Files.writeString(file, VALID);
        GridSpec grid = parser.parse(file, List.of("grid.seeds=[7, 9]", "grid.architectures=[mlp-deep-4]"));
        assertEquals(List.of(7L, 9L), grid.seeds());
        assertEquals(List.of("mlp-deep-4"), grid.architectures());
    }

    /** A grid narrowed to activations without a slope must lose its alphas, which --set cannot do. */
    @Test
    void unsetRemovesAKeyOrSectionTheFileSetsBeforeTheOverrides(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("g.conf");
        Files.writeString(file, VALID + "data-parallel { averaging-frequency = 20 }\n");
        GridException withAlphas = assertThrows(GridException.class,
                () -> parser.parse(file, List.of(), List.of("grid.activations=[relu, elu]")));
        assertTrue(withAlphas.problems().stream().anyMatch(p -> p.startsWith("grid.alphas: no activation")), withAlphas.problems().toString());
        List<String> narrowed = List.of("grid.activations=[relu, elu]", "grid.strategies=[data-parallel]");
        assertEquals(20, parser.parse(file, List.of("grid.alphas"), narrowed).trials().get(0).strategy().averagingFrequency());
        GridSpec grid = parser.parse(file, List.of("grid.alphas", "data-parallel"), narrowed);
        assertEquals(2 * 2 * 3, grid.trials().size(), "2 architectures x relu, elu x 3 seeds");
        assertTrue(grid.trials().stream().allMatch(t -> t.alpha() == null));
        assertEquals(5, grid.trials().get(0).strategy().averagingFrequency(), "the section's default once removed");

        GridException e = assertThrows(GridException.class,
                () -> parser.parse(file, List.of("grid.alpha", "training.momentum", "analysis.baseline"), List.of()));
        assertEquals(List.of("grid.alpha: --unset names an unknown key or section; allowed: ",
                        "training.momentum: --unset names an unknown key or section; allowed: ",
                        "analysis.baseline: --unset names a key the grid file does not set; nothing to remove"),
                e.problems().stream().map(p -> p.contains("allowed: ") ? p.substring(0, p.indexOf("allowed: ") + 9) : p).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "grid.activatons = [relu]                | grid.activatons: unknown key; did you mean grid.activations?",
            "grid.activations = [relu, gelu]         | grid.activations: unknown value 'gelu'; allowed: relu, leakyrelu, prelu",
            "grid.architectures = [resnet]           | grid.architectures: unknown value 'resnet'; allowed: mlp, cnn, mlp-deep-N",
            "grid.architectures = [mlp-deep-64]      | grid.architectures: unknown value 'mlp-deep-64'",
            "grid.epochs = [1, 0]                    | grid.epochs: 0 is not a positive whole number of epochs",
            "grid.epochs = [2.5]                     | grid.epochs: a non-integer value is not a positive whole number",
            "grid.alphas = [0.1, -0.2]               | grid.alphas: -0.2 is not positive",
            "training.learning-rate = 0                | training.learning-rate: 0.0 is not positive",
            "training.learning-rate = 1e999            | training.learning-rate: Infinity is not positive",
            "training.learning-rate = 11               | training.learning-rate: 11.0 is above 10",
            "experiment = __HIVE_DEFAULT_PARTITION__  | experiment: '__HIVE_DEFAULT_PARTITION__' starts with '_'",
            "experiment = _hidden                     | experiment: '_hidden' starts with '_'",
            "experiment = \".hidden\"                  | experiment: '.hidden' may use only letters",
            "training.batch-size = -4                  | training.batch-size: must be a positive whole number",
            "training.state-every = -1                 | training.state-every: -1.0 is not a number of minutes >= 0",
            "training.state-every = ten                | training.state-every: expected a number",
            "grid.seeds = [1, 2, 1]                  | grid.seeds: duplicate value 1",
            "grid.activations = [relu, relu]         | grid.activations: duplicate value relu",
            "grid.epochs = []                        | grid.epochs: the list is empty",
            "grid.seeds = 0                          | grid.seeds: a count must be a whole number from 1",
            "grid.seeds = three                      | grid.seeds: expected a count such as 5 (seeds 0 to 4) or a list of seeds such as [0, 7], found \"three\"",
            "dataset = cifar                         | dataset: unknown value 'cifar'; allowed: mnist, fashion-mnist",
            "training.optimizer = lbfgs               | training.optimizer: unknown value 'lbfgs'; allowed: adam",
            "experiment = \"a b\"                     | experiment: 'a b' may use only letters, digits",
            "grid.activations = relu                 | grid.activations: expected a list such as [a, b]",
            "analysis.baseline = elu                 | analysis.baseline: 'elu' is not in grid.activations"})
    void eachInvalidGridNamesTheKeyAndTheAllowedValues(String line, String message) {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", VALID + line + "\n"));
        assertTrue(e.getMessage().startsWith("bad.conf: "), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(message.strip())), e.problems().toString());
    }

    @Test
    void anExperimentNameOverAHundredCharactersIsRefused() {
        String name = "x".repeat(101);
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", VALID + "experiment = " + name + "\n"));
        assertTrue(e.problems().get(0).contains("has 101 characters; use at most 100"), e.problems().toString());
        assertEquals("x".repeat(100), parser.parse("ok", VALID + "experiment = " + "x".repeat(100) + "\n").experiment());
    }

    /** A listed seeds array of 25,000 makes 2 x 4 x 25,000 = 200,000 trials: refused without expanding them. */
    @Test
    void aGridOverTheTrialLimitIsRefusedFromItsSizesAlone() {
        String seeds = "grid.seeds = [" + String.join(", ", java.util.stream.IntStream.range(0, 25_000)
                .mapToObj(String::valueOf).toList()) + "]\n";
        long start = System.nanoTime();
        GridException e = assertThrows(GridException.class, () -> parser.parse("big.conf", VALID + seeds));
        assertTrue(e.problems().get(0).startsWith("grid: 200,000 trials (1 strategies x 2 architectures x 4 activation"
                + " settings x 25000 seeds) exceed the limit of 100,000"), e.problems().toString());
        assertTrue(e.problems().get(0).contains("--max-trials"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused in under 5 s");
        assertEquals(200_000, new GridParser(Vocabularies.standard(), 200_000).parse("big.conf", VALID + seeds).trialCount());
        GridException count = assertThrows(GridException.class,
                () -> new GridParser(Vocabularies.standard(), 23).parse("small.conf", VALID));
        assertTrue(count.problems().get(0).startsWith("grid: 24 trials"), count.problems().toString());
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf",
                VALID + "grid.activations = [relu, leakyrelu, gelu]\ngrid.epochs = [0]\ntypo = 1\n"));
        assertEquals(4, e.problems().size(), "three, and the keys a grid may set for the typo: " + e.problems());
    }

    @Test
    void alphasWithoutASlopeActivationAreAMistake() {
        GridException e = assertThrows(GridException.class,
                () -> parser.parse("bad.conf", VALID + "grid.activations = [relu, elu]\n"));
        assertTrue(e.problems().get(0).startsWith("grid.alphas: no activation in grid.activations takes an alpha"));
    }

    @Test
    void strategiesAreAGridDimension() {
        GridSpec grid = parser.parse("test", VALID + "grid.strategies = [per-task, data-parallel]\n"
                + "data-parallel { averaging-frequency = 10, workers = 4, batch-size-per-worker = 32 }\n");
        assertEquals(2 * 2 * 4 * 3, grid.trials().size());
        TrialConfig dp = grid.trials().stream().filter(t -> t.strategy().dataParallel()).findFirst().orElseThrow();
        assertEquals(new Strategy("data-parallel", 10, 4, 32), dp.strategy());
        assertTrue(dp.canonical().contains(";strategy=data-parallel;averaging_frequency=10;workers=4;batch_size_per_worker=32"));
        assertEquals(grid, parser.parse("rendered", grid.render()));
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf",
                VALID + "grid.strategies = [per-task, horovod]\ndata-parallel.averaging-frequency = 0\n"));
        assertEquals(2, e.problems().size(), e.problems().toString());
    }

    @Test
    void aMissingGridFileIsReported(@TempDir Path dir) {
        GridException e = assertThrows(GridException.class, () -> parser.parse(dir.resolve("none.conf"), List.of()));
        assertTrue(e.getMessage().contains("grid file not found"));
    }

    @Test
    void shippedGridsAreValid() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("conf/grids"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                GridSpec grid = parser.parse(file, List.of());
                assertEquals(file.getFileName().toString().replace(".conf", ""), grid.experiment(), file.toString());
            }
        }
        // The canonical experiments' sizes, as their comments state them.
        assertEquals(3 * 10, parser.parse(Path.of("conf/grids/mnist-cnn.conf"), List.of()).trials().size());
        assertEquals(2 * 4 * 10, parser.parse(Path.of("conf/grids/fashion-mnist.conf"), List.of()).trials().size());
        assertEquals(5 * 3 * 10, parser.parse(Path.of("conf/grids/depth.conf"), List.of()).trials().size());
        assertEquals(5 * 3 * 10, parser.parse(Path.of("conf/grids/depth-xavier.conf"), List.of()).trials().size());
        GridSpec replication = parser.parse(Path.of("conf/grids/seed-replication.conf"), List.of());
        // mlp, cnn x (relu, 4 leakyrelu, elu, tanh, sigmoid) x 10 seeds
        assertEquals(2 * 8 * 10, replication.trials().size());
        assertEquals(List.of(1, 10, 100, 1000), replication.epochs());
    }

    private static final String SEQUENTIAL = VALID.replace("  seeds = 3\n", "")
            + "analysis.sequential { min-seeds = 5, max-seeds = 30, round-size = 5, target-half-width = 0.001 }\n";

    /** The trial count, and so the trial limit, counts every seed a sequential grid may run: max-seeds. */
    @Test
    void aSequentialGridRunsSeedsUpToMaxSeedsAndCountsThemAll() {
        GridSpec grid = parser.parse("seq", SEQUENTIAL);
        assertEquals(new SequentialSettings(5, 30, 5, 0.001, 5, "pocock"), grid.sequential());
        assertEquals(java.util.stream.LongStream.range(0, 30).boxed().toList(), grid.seeds());
        assertEquals(2 * 4 * 30, grid.trialCount());
        assertEquals(grid, parser.parse("rendered", grid.render()));
        GridException e = assertThrows(GridException.class,
                () -> new GridParser(Vocabularies.standard(), 239).parse("seq", SEQUENTIAL));
        assertTrue(e.problems().get(0).startsWith("grid: 240 trials (1 strategies x 2 architectures x 4 activation settings"
                + " x 30 seeds) exceed the limit of 239"), e.problems().toString());
        GridSpec atTwo = parser.parse("seq", SEQUENTIAL + "analysis.sequential { epoch = 2, spending = obrien-fleming }\n");
        assertEquals(new SequentialSettings(5, 30, 5, 0.001, 2, "obrien-fleming"), atTwo.sequential());
        assertEquals(null, parser.parse("fixed", VALID).sequential());
    }

    @Test
    void everySequentialProblemIsReportedInOnePass() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", SEQUENTIAL
                + "grid.seeds = 4\n"
                + "analysis.sequential { min-seeds = 2, max-seeds = 1, round-size = 0, target-half-width = 0,"
                + " epoch = 7, spending = haybittle, rounds = 3 }\n"));
        List<String> expected = List.of(
                "analysis.sequential.rounds: unknown key",
                "grid.seeds: a sequential grid's seeds are 0 .. analysis.sequential.max-seeds - 1",
                "analysis.sequential.spending: unknown value 'haybittle'; allowed: pocock, obrien-fleming",
                "analysis.sequential.min-seeds: 2 is not a whole number of at least 3",
                "analysis.sequential.max-seeds: 1 is below min-seeds 2",
                "analysis.sequential.round-size: 0 is not a whole number >= 1",
                "analysis.sequential.target-half-width: 0.0 is not in (0, 1)",
                "analysis.sequential.epoch: 7 is not a checkpoint in grid.epochs [5, 1, 2]");
        assertEquals(expected.size(), e.problems().size(), e.problems().toString());
        for (String start : expected) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(start)), start + " in " + e.problems());
        }
    }

    @Test
    void aSequentialGridNeedsACandidateAndFewerThanAHundredLooks() {
        GridException none = assertThrows(GridException.class, () -> parser.parse("bad.conf", SEQUENTIAL
                + "grid.activations = [relu]\ngrid.alphas = null\n"));
        assertTrue(none.problems().stream().anyMatch(p -> p.startsWith("analysis.sequential: the grid has no candidate")),
                none.problems().toString());
        GridException looks = assertThrows(GridException.class, () -> parser.parse("bad.conf", SEQUENTIAL
                + "analysis.sequential { min-seeds = 3, max-seeds = 1000, round-size = 1 }\n"));
        assertEquals(List.of("analysis.sequential.round-size: 1 makes 998 looks from 3 to 1000 seeds, more than 100;"
                + " use a round size of at least 11"), looks.problems());
    }

    @Test
    void marginsAndThePrimaryEndpointHaveDefaultsAndMayBeDeclared() {
        GridSpec defaults = parser.parse("test", VALID);
        assertEquals(Margins.standard(), defaults.margins());
        assertEquals(new PrimaryEndpoint("test_accuracy", 5), defaults.primary(), "test accuracy at the last checkpoint");
        GridSpec declared = parser.parse("test", VALID + """
                analysis.margins { test_accuracy = 0.002, inactive_fraction = 0.05 }
                analysis.primary { metric = inactive_fraction, epoch = 2 }
                """);
        assertEquals(0.002, declared.margins().of("test_accuracy"));
        assertEquals(0.05, declared.margins().of("inactive_fraction"));
        assertEquals(0.01, declared.margins().of("test_loss"), "the others keep their defaults");
        assertEquals(new PrimaryEndpoint("inactive_fraction", 2), declared.primary());
        assertEquals(declared, parser.parse("rendered", declared.render()), "the stored grid keeps them");
        assertEquals(defaults.trials(), declared.trials(), "analysis settings change no trial");
    }

    @Test
    void badMarginsAndEndpointsAreNamed() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("test", VALID + """
                analysis.margins { test_accuracy = 0, epochs_to_97 = "soon" }
                analysis.primary { metric = speed, epoch = 4 }
                """));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("analysis.margins.test_accuracy: 0.0 is not a positive")),
                e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("analysis.margins.epochs_to_97: expected a number")),
                e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("analysis.primary.metric: unknown value 'speed'")),
                e.problems().toString());
        assertTrue(e.problems().stream().noneMatch(p -> p.startsWith("analysis.primary.epoch")), e.problems().toString());
        GridSpec fewerEpochs = parser.parse("test", VALID + "analysis.primary { epoch = 10 }\n");
        assertEquals(new PrimaryEndpoint("test_accuracy", 10), fewerEpochs.primary(),
                "a declared endpoint the checkpoints do not reach stays declared: the run has no primary comparison");
        assertTrue(assertThrows(GridException.class, () -> parser.parse("test", VALID + "analysis.primary.epoch = 0\n"))
                .problems().get(0).startsWith("analysis.primary.epoch: 0 is not a positive whole number"));
    }

    /** The sequential design's target half-width is the test-accuracy margin under its older name. */
    @Test
    void theTargetHalfWidthIsTheTestAccuracyMargin() {
        String sequential = VALID.replace("  seeds = 3\n", "") + "analysis.sequential { target-half-width = 0.003 }\n";
        GridSpec grid = parser.parse("test", sequential);
        assertEquals(0.003, grid.margins().of("test_accuracy"));
        assertEquals(0.003, grid.sequential().targetHalfWidth());
        GridException both = assertThrows(GridException.class,
                () -> parser.parse("test", sequential + "analysis.margins.test_accuracy = 0.002\n"));
        assertTrue(both.problems().get(0).contains("keep only analysis.margins.test_accuracy"), both.problems().toString());
        GridException primary = assertThrows(GridException.class,
                () -> parser.parse("test", sequential + "analysis.primary.metric = test_loss\n"));
        assertTrue(primary.problems().get(0).startsWith("analysis.primary: a sequential grid decides test accuracy"),
                primary.problems().toString());
    }

    /** A near miss gets the name meant, once; only keys with no near match list every allowed key, and only once. */
    @Test
    void typosGetTheNearestNameOnce() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("test",
                VALID.replace("activations = [relu, leakyrelu]", "activations = [relu, lekyrelu]") + """
                grid.architecture = [mlp]
                trainig.optimizer = adam
                grid.seed = 3
                colour = blue
                shade = dark
                """));
        List<String> problems = e.problems();
        assertTrue(problems.contains("grid.architecture: unknown key; did you mean grid.architectures?"), problems.toString());
        assertTrue(problems.contains("trainig.optimizer: unknown key; did you mean training.optimizer?"), problems.toString());
        assertTrue(problems.contains("grid.seed: unknown key; did you mean grid.seeds?"), problems.toString());
        assertTrue(problems.contains("colour: unknown key") && problems.contains("shade: unknown key"), problems.toString());
        assertEquals(1, problems.stream().filter(p -> p.startsWith("the keys a grid may set: ")).count(), problems.toString());
        assertTrue(problems.contains("grid.activations: unknown value 'lekyrelu'; did you mean leakyrelu?"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.startsWith("grid.alphas")), "the alphas are for the mistyped"
                + " leakyrelu, not a second problem: " + problems);
    }
}

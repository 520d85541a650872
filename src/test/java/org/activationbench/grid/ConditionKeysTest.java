package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The training settings a grid crosses as conditions: training.* for one value, grid.* lists for several. */
class ConditionKeysTest {

    private static final String BASE = """
            experiment = "map"
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01, 0.1], epochs = [1, 2], seeds = 3 }
            """;

    private static final String CROSSED = BASE + """
            grid.optimizers = [adam, nesterovs]
            grid.weight-inits = [xavier, he, torch-default]
            grid.bias-inits = [0, 0.01]
            grid.weight-decays = [0, 1e-4]
            grid.batch-norm = [false, true]
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    private static Set<String> ids(GridSpec grid) {
        return grid.trials().stream().map(TrialConfig::trialId).collect(Collectors.toSet());
    }

    @Test
    void aGridWithoutTheKeysHasOneConditionAndStoresTheGridFileItDidBefore() {
        GridSpec grid = parser.parse("test", BASE);
        assertEquals(List.of(new Condition("adam", "xavier", 0, 0, false)), grid.conditions().conditions());
        for (String key : List.of("optimizers", "weight-inits", "bias-init", "weight-decay", "batch-norm")) {
            assertFalse(grid.render().contains(key), grid.render());
        }
        assertFalse(grid.dimensions().contains("condition"), grid.dimensions());
    }

    /** A published grid still lists the trials of its published rows (ids pinned in TrialConfigTest). */
    @Test
    void thePublishedGridsListTheirPublishedTrialIds() {
        assertTrue(ids(parser.parse(Path.of("conf/grids/mnist-cnn.conf"), List.of())).contains("2120944e176e27a0"));
        assertTrue(ids(parser.parse(Path.of("conf/grids/mnist-mlp.conf"), List.of())).contains("0781ee36f4c6d868"));
        assertTrue(ids(parser.parse(Path.of("conf/grids/depth.conf"), List.of())).contains("0dd8395fcb749100"));
        assertTrue(ids(parser.parse(Path.of("conf/grids/strategies.conf"), List.of())).contains("59cabc0e27759443"));
    }

    /**
     * 2 optimizers x (2 inits x 2 bias inits + torch-default, which draws its biases) x 2 decays x 2 = 40 conditions,
     * each with every activation setting on every seed, so that within a condition the activations pair by seed.
     */
    @Test
    void everyCombinationIsAConditionAndTorchDefaultTakesNoBiasInit() {
        GridSpec grid = parser.parse("test", CROSSED);
        assertEquals(40, grid.conditions().conditions().size());
        assertEquals(40, grid.conditions().count());
        assertEquals(40L * 3 * 3, grid.trialCount());
        List<TrialConfig> trials = grid.trials();
        assertEquals(grid.trialCount(), trials.size());
        assertEquals(trials.size(), ids(grid).size(), "every trial has an id of its own");
        assertTrue(trials.stream().noneMatch(t -> t.weightInit().equals("torch-default") && t.biasInit() != 0));
        Map<Condition, Map<String, Set<Long>>> seeds = trials.stream().collect(Collectors.groupingBy(TrialConfig::condition,
                Collectors.groupingBy(TrialConfig::activationLabel, Collectors.mapping(TrialConfig::seed, Collectors.toSet()))));
        assertEquals(40, seeds.size());
        seeds.values().forEach(labels -> assertEquals(Map.of("relu", Set.of(0L, 1L, 2L), "leakyrelu(0.01)",
                Set.of(0L, 1L, 2L), "leakyrelu(0.1)", Set.of(0L, 1L, 2L)), labels));
        assertTrue(grid.dimensions().contains("40 conditions"), grid.dimensions());
        assertEquals(Set.of("adam, xavier", "nesterovs, torch-default, wd 0.0001, bn", "adam, he, bias 0.01"),
                trials.stream().map(t -> t.condition().label()).filter(l -> l.equals("adam, xavier")
                        || l.equals("nesterovs, torch-default, wd 0.0001, bn") || l.equals("adam, he, bias 0.01"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void theStoredGridFileParsesBackToTheSameTrials() {
        GridSpec grid = parser.parse("test", CROSSED);
        assertEquals(ids(grid), ids(parser.parse("grid.conf", grid.render())));
        GridSpec single = parser.parse("test", BASE + "training { optimizer = nesterovs, bias-init = 0.01, weight-decay = 5e-4,"
                + " batch-norm = true }\n");
        assertEquals(ids(single), ids(parser.parse("grid.conf", single.render())));
        assertEquals(Set.of(new Condition("nesterovs", "xavier", 0.01, 5e-4, true)),
                single.trials().stream().map(TrialConfig::condition).collect(Collectors.toSet()));
    }

    /** A training.* key is a one-element axis: the same trials as the grid.* list of that value. */
    @Test
    void aScalarKeyIsAOneElementAxis() {
        assertEquals(ids(parser.parse("a", BASE + "training.weight-decay = 1e-4\ntraining.optimizer = sgd\n")),
                ids(parser.parse("b", BASE + "grid.weight-decays = [1e-4]\ngrid.optimizers = [sgd]\n")));
        assertEquals(ids(parser.parse("a", BASE + "training.batch-norm = false\n")), ids(parser.parse("b", BASE)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "training.optimizer = adam\\ngrid.optimizers = [adam, sgd] | grid.optimizers: training.optimizer is set too",
            "training.batch-norm = true\\ngrid.batch-norm = [true] | grid.batch-norm: training.batch-norm is set too",
            "grid.optimizers = [adam, lbfgs] | grid.optimizers: unknown value 'lbfgs'",
            "grid.weight-inits = [xavier, orthogonal] | grid.weight-inits: unknown value 'orthogonal'",
            "grid.weight-decays = [0, -1e-4] | grid.weight-decays: -0.0001 is not in [0, 1]",
            "training.weight-decay = 5 | training.weight-decay: 5 is not in [0, 1]",
            "grid.batch-norm = [yes] | grid.batch-norm: expected true or false, found yes",
            "grid.bias-inits = [] | grid.bias-inits: the list is empty",
            "training.weight-init = torch-default\\ntraining.bias-init = 0.01 | training.bias-init: weight-init torch-default"
                    + " draws the biases itself",
            "grid.weight-inits = [torch-default]\\ngrid.bias-inits = [0, 0.1] | grid.bias-inits: weight-init torch-default"
                    + " draws the biases itself"})
    void senselessSettingsAreRefusedNamingTheKey(String lines, String problem) {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE + lines.replace("\\n", "\n")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)), e.problems().toString());
    }

    /** torch-default beside an initialisation that takes a bias: the bias axis applies to that one only. */
    @Test
    void torchDefaultBesideAnotherInitIsCrossedWithNoBias() {
        GridSpec grid = parser.parse("test", BASE + "grid.weight-inits = [he, torch-default]\ngrid.bias-inits = [0.01, 0.1]\n");
        assertEquals(List.of(new Condition("adam", "he", 0.01, 0, false), new Condition("adam", "he", 0.1, 0, false),
                new Condition("adam", "torch-default", 0, 0, false)), grid.conditions().conditions());
    }
}

package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code grid.conditions}: blocks of conditions, each crossed on its own at its own learning rates, their union the grid. */
class ConditionBlocksTest {

    private static final String BASE = """
            experiment = "map"
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01, 0.3], epochs = [1, 2], seeds = 3 }
            """;

    /** The map in small: Adam at two rates, Nesterov at two, batch normalisation under one rate of each. */
    private static final String MAP = BASE + """
            grid.weight-inits = [xavier, he, torch-default]
            grid.conditions = [
              { optimizer = adam, learning-rates = [0.001, 0.01] }
              { optimizer = nesterovs, learning-rates = [0.01, 0.1] }
              { optimizers = [adam], learning-rate = 0.001, weight-inits = [he], batch-norm = true, weight-decays = [0, 1e-4] }
              { optimizer = nesterovs, learning-rate = 0.01, weight-inits = [he], batch-norm = true, weight-decays = [0, 1e-4] }
            ]
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    private static Set<String> ids(GridSpec grid) {
        return grid.trials().stream().map(TrialConfig::trialId).collect(Collectors.toSet());
    }

    private static Map<String, Long> trialsByCondition(GridSpec grid) {
        return grid.trials().stream().collect(Collectors.groupingBy(t -> t.condition().label(t.learningRate()),
                TreeMap::new, Collectors.counting()));
    }

    /**
     * 2 x 3 inits x 2 rates + 2 x 1 init x 2 decays = 16 conditions at their rates, each with 3 activation settings on
     * 3 seeds: 144 trials, and within each the activations pair on the same seeds.
     */
    @Test
    void eachBlockIsCrossedOnItsOwnAndTheGridIsTheirUnion() {
        GridSpec grid = parser.parse("map.conf", MAP);
        assertEquals(16, grid.conditions().settings());
        assertEquals(144, grid.trialCount());
        List<TrialConfig> trials = grid.trials();
        assertEquals(144, trials.size());
        assertEquals(144, ids(grid).size(), "every trial has an id of its own");
        Map<String, Long> expected = new TreeMap<>();
        for (String init : List.of("xavier", "he", "torch-default")) {
            for (String rate : List.of("adam 0.001", "adam 0.01", "nesterovs 0.01", "nesterovs 0.1")) {
                expected.put(rate + ", " + init, 9L);
            }
        }
        expected.put("adam 0.001, he, bn", 9L);
        expected.put("adam 0.001, he, wd 0.0001, bn", 9L);
        expected.put("nesterovs 0.01, he, bn", 9L);
        expected.put("nesterovs 0.01, he, wd 0.0001, bn", 9L);
        assertEquals(expected, trialsByCondition(grid));
        Map<String, Map<String, Set<Long>>> seeds = trials.stream().collect(Collectors.groupingBy(
                t -> t.condition().label(t.learningRate()), Collectors.groupingBy(TrialConfig::activationLabel,
                        Collectors.mapping(TrialConfig::seed, Collectors.toSet()))));
        seeds.values().forEach(labels -> assertEquals(Map.of("relu", Set.of(0L, 1L, 2L), "leakyrelu(0.01)",
                Set.of(0L, 1L, 2L), "leakyrelu(0.3)", Set.of(0L, 1L, 2L)), labels));
        assertEquals("1 strategies x 1 architectures x 16 conditions at their learning rates (grid.conditions) x"
                + " 3 activation settings x 3 seeds", grid.dimensions());
    }

    /** The example of docs/conditions.md is a valid grid of the conditions it says. */
    @Test
    void theDocumentedExampleHoldsTheConditionsItSays() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/conditions.md"));
        int start = doc.indexOf("```hocon\n") + "```hocon\n".length();
        GridSpec grid = parser.parse("docs/conditions.md", BASE + doc.substring(start, doc.indexOf("```", start)));
        assertTrue(doc.contains("2 x 3 + 2 x 3 + 2 = 14 conditions"), "the count the document states");
        assertEquals(14, grid.conditions().settings());
        assertEquals(14, trialsByCondition(grid).size());
        assertEquals(9L, trialsByCondition(grid).get("nesterovs 0.3, torch-default"));
        assertEquals(9L, trialsByCondition(grid).get("adam 0.001, xavier, wd 0.0001, bn"));
    }

    /** conditions.conf and conditions-cnn.conf hold the conditions and trials their headers state. */
    @Test
    void theShippedMapsHoldTheConditionsTheirHeadersState() {
        GridSpec map = parser.parse(java.nio.file.Path.of("conf/grids/conditions.conf"), List.of());
        Map<String, Long> conditions = trialsByCondition(map);
        assertEquals(16, conditions.size(), conditions.toString());
        assertTrue(conditions.values().stream().allMatch(n -> n == 40), "relu and 3 slopes x 10 seeds each");
        for (String init : List.of("xavier", "he", "torch-default")) {
            for (String rate : List.of("adam 0.001", "adam 0.01", "nesterovs 0.03", "nesterovs 0.3")) {
                assertTrue(conditions.containsKey(rate + ", " + init), rate + ", " + init);
            }
        }
        for (String bn : List.of("adam 0.001, xavier, bn", "adam 0.001, xavier, wd 0.0001, bn", "nesterovs 0.03, xavier, bn",
                "nesterovs 0.03, xavier, wd 0.0001, bn")) {
            assertTrue(conditions.containsKey(bn), bn);
        }
        assertEquals(List.of(1, 2, 5, 10), map.epochs());
        assertEquals(320, map.trialsAtMinSeeds().size());
        GridSpec cnn = parser.parse(java.nio.file.Path.of("conf/grids/conditions-cnn.conf"), List.of());
        assertEquals(Map.of("adam 0.001, xavier", 30L, "adam 0.01, xavier", 30L, "adam 0.001, torch-default", 30L,
                "adam 0.01, torch-default", 30L), trialsByCondition(cnn));
        assertEquals(60, cnn.trialsAtMinSeeds().size());
    }

    /** A block names what differs; the rest is the grid's: training.*, or grid.* lists. */
    @Test
    void aSettingABlockDoesNotNameIsTheGrids() {
        GridSpec grid = parser.parse("map.conf", BASE + """
                training { learning-rate = 0.003, weight-init = he, weight-decay = 1e-4 }
                grid.conditions = [{ optimizer = sgd }, { batch-norm = [false, true], learning-rates = [0.01] }]
                """);
        assertEquals(Map.of("sgd 0.003, he, wd 0.0001", 9L, "adam 0.01, he, wd 0.0001", 9L,
                "adam 0.01, he, wd 0.0001, bn", 9L), trialsByCondition(grid));
    }

    /** The syntax is not part of a trial: the same settings give the same ids as the crossed keys and the defaults. */
    @Test
    void aTrialsIdDependsOnItsSettingsNotOnHowTheGridListsThem() {
        assertEquals(ids(parser.parse("a", BASE)), ids(parser.parse("b", BASE + "grid.conditions = [{}]\n")));
        assertEquals(ids(parser.parse("a", BASE + "grid.optimizers = [adam, nesterovs]\ngrid.learning-rates = [0.001, 0.01]\n")),
                ids(parser.parse("b", BASE + "grid.conditions = [{ optimizer = adam, learning-rates = [0.001, 0.01] },"
                        + " { optimizer = nesterovs, learning-rates = [0.01, 0.001] }]\n")));
        TrialConfig defaults = parser.parse("c", BASE + "grid.conditions = [{ optimizer = adam, learning-rate = 0.001,"
                + " weight-init = xavier, bias-init = 0, weight-decay = 0, batch-norm = false }]\n").trials().get(0);
        assertEquals("dataset=mnist;architecture=mlp;activation=relu;alpha=none;checkpoints=1,2;optimizer=adam;"
                + "learning_rate=0.001;batch_size=128;weight_init=xavier;seed=0", defaults.canonical(),
                "settings at their defaults add nothing to the canonical form");
    }

    @Test
    void theStoredGridFileParsesBackToTheSameTrials() {
        for (String text : List.of(MAP, BASE + "grid.conditions = [{ weight-inits = [torch-default] }, { bias-inits = [0.01] }]\n",
                BASE + """
                        data.validation-examples = 1000
                        grid.learning-rates = [0.001, 0.01]
                        protocol = tuned
                        tuning.seeds = 2
                        grid.conditions = [{ optimizer = adam }, { optimizer = adam, batch-norm = true }]
                        """)) {
            GridSpec grid = parser.parse("test", text);
            GridSpec stored = parser.parse("grid.conf", grid.render());
            assertEquals(ids(grid), ids(stored), grid.render());
            assertEquals(grid.trials().stream().map(t -> t.trialId() + " " + t.stage()).toList(),
                    stored.trials().stream().map(t -> t.trialId() + " " + t.stage()).toList(), "same order, same stages");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "grid.conditions = adam | grid.conditions: expected a list of blocks such as [{ optimizers = [adam],",
            "grid.conditions = [] | grid.conditions: the list is empty; give at least one block",
            "grid.conditions = [adam] | grid.conditions, block 1: expected a block such as { optimizers = [adam]",
            "grid.conditions = [{ optimisers = [adam] }] | grid.conditions, block 1, optimisers: unknown key; did you mean"
                    + " optimizers?",
            "grid.conditions = [{}, { rate = 0.1 }] | grid.conditions, block 2, rate: unknown key; a block may set optimizer,"
                    + " optimizers, learning-rate, learning-rates",
            "grid.conditions = [{ optimizer = nesterov }] | grid.conditions, block 1, optimizer: unknown value 'nesterov';"
                    + " did you mean nesterovs?",
            "grid.conditions = [{ weight-inits = [xavier, kaiming] }] | grid.conditions, block 1, weight-inits: unknown"
                    + " value 'kaiming'",
            "grid.conditions = [{ learning-rate = 0.1, learning-rates = [0.1] }] | grid.conditions, block 1,"
                    + " learning-rates: learning-rate is set too",
            "grid.conditions = [{ learning-rates = [0.1, 20] }] | grid.conditions, block 1, learning-rates: 20 is not in"
                    + " (0, 10]",
            "grid.conditions = [{ learning-rate = fast }] | grid.conditions, block 1, learning-rate: expected a number,"
                    + " found \"fast\"",
            "grid.conditions = [{ weight-decays = [0, 2] }] | grid.conditions, block 1, weight-decays: 2 is not in [0, 1]",
            "grid.conditions = [{ batch-norm = yes }] | grid.conditions, block 1, batch-norm: expected true or false",
            "grid.conditions = [{ weight-init = torch-default, bias-init = 0.01 }] | grid.conditions, block 1, bias-init:"
                    + " weight-init torch-default draws the biases itself",
            "grid.conditions = [{ learning-rates = [0.001, 0.01] }, { batch-norm = [false, true] }] | grid.conditions:"
                    + " blocks 1 and 2 both hold adam 0.001, xavier; a condition runs at a learning rate in one block only",
            "grid.weight-inits = [he, torch-default]\\ngrid.conditions = [{ bias-inits = [0, 0.1] }, { weight-inits ="
                    + " [torch-default, xavier] }] | grid.conditions: blocks 1 and 2 both hold adam 0.001, torch-default",
            "data.validation-examples = 1000\\ngrid.learning-rates = [0.001, 0.01]\\nprotocol = tuned\\ngrid.conditions ="
                    + " [{ learning-rates = [0.01, 0.1] }] | grid.conditions, block 1, learning-rates: protocol = tuned"
                    + " chooses each activation's rate among grid.learning-rates"})
    void aBadBlockIsRefusedNamingTheBlockAndTheKey(String lines, String problem) {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE + lines.replace("\\n", "\n")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)), e.problems().toString());
    }

    /** Blocks that share a condition only at different rates are disjoint: Adam at 1e-3 in one, at 1e-2 in another. */
    @Test
    void blocksMayShareAConditionAtDifferentRates() {
        GridSpec grid = parser.parse("map.conf", BASE
                + "grid.conditions = [{ learning-rate = 0.001 }, { learning-rate = 0.01 }, { weight-inits = [torch-default],"
                + " optimizer = sgd }]\n");
        assertEquals(Map.of("adam 0.001, xavier", 9L, "adam 0.01, xavier", 9L, "sgd 0.001, torch-default", 9L),
                trialsByCondition(grid));
    }

    /** Every problem of every block in one pass, besides those of the rest of the file. */
    @Test
    void everyProblemIsReportedAtOnce() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE + """
                grid.epoch = [1]
                grid.conditions = [
                  { optimizer = adamw, learning-rates = [0] }
                  { weight-decay = -1, batchnorm = true }
                ]
                """));
        List<String> problems = e.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("grid.epoch: unknown key; did you mean grid.epochs?"), problems.toString());
        assertTrue(problems.contains("grid.conditions, block 1, learning-rates: 0 is not in (0, 10]; learning rates are"
                + " typically 1e-4 to 1e-1"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("grid.conditions, block 1, optimizer: unknown value 'adamw'")),
                problems.toString());
        assertTrue(problems.contains("grid.conditions, block 2, batchnorm: unknown key; did you mean batch-norm?"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("grid.conditions, block 2, weight-decay: -1 is not in")),
                problems.toString());
    }
}

package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of looks between checkpoints: evaluation.looks-per-epoch and evaluation.examples. */
class EvaluationKeysTest {

    private static final String BASE = """
            experiment = "fine"
            grid { architectures = [mlp, cnn], activations = [relu, leakyrelu], alphas = [0.01], epochs = [1, 3], seeds = 2 }
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    /** Without the keys, the grid, its trials' ids and its stored grid.conf (which a resume compares) are as before. */
    @Test
    void aGridWithoutLooksIsTheGridItWasBefore() {
        GridSpec grid = parser.parse("test", BASE);
        assertEquals(EvaluationLooks.OFF, grid.looks());
        assertTrue(grid.trials().stream().allMatch(t -> !t.looks().on() && !t.canonical().contains("look")));
        for (String text : new String[] {"evaluation", "examples_to", "accuracy_auc"}) {
            assertFalse(grid.render().contains(text), grid.render());
        }
    }

    @Test
    void looksReachEveryTrialAndTheStoredGrid() {
        GridSpec grid = parser.parse("test", BASE + "evaluation { looks-per-epoch = 10, examples = 1000 }\n");
        assertEquals(new EvaluationLooks(10, 1000), grid.looks());
        assertEquals(2 * 2 * 2, grid.trials().size());
        assertTrue(grid.trials().stream().allMatch(t -> t.looks().equals(new EvaluationLooks(10, 1000))));
        assertTrue(grid.trials().get(0).canonical().contains(";looks_per_epoch=10;look_examples=1000;seed="));
        assertEquals(grid, parser.parse("rendered", grid.render()));
        assertTrue(grid.render().contains("examples_to_97 = 15000"), "the looks' margins are stored with them");
        assertEquals(2000, parser.parse("test", BASE + "evaluation.looks-per-epoch = 4\n").looks().examples(),
                "2,000 examples by default");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "evaluation.looks-per-epoch = -1   | evaluation.looks-per-epoch: -1 is not a whole number >= 0",
            "evaluation.looks-per-epoch = 2.5  | evaluation.looks-per-epoch: 2.5 is not a whole number >= 0",
            "evaluation.looks-per-epoch = many | evaluation.looks-per-epoch: expected a number",
            "evaluation.examples = 0           | evaluation.examples: 0 is not a positive whole number of examples",
            "evaluation.examples = 500         | evaluation.examples: set, but evaluation.looks-per-epoch is 0",
            "grid.strategies = [per-task, data-parallel]\\nevaluation.looks-per-epoch = 10 | evaluation.looks-per-epoch:"
                    + " looks are taken between the minibatches of one task"})
    void eachInvalidKeyIsNamedWithItsValue(String line, String message) {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE + line.replace("\\n", "\n") + "\n"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(message.strip())), e.problems().toString());
    }
}

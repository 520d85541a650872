package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;

class GridChangeTest {

    private static final String GRID = """
            experiment = "e"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1, 0.2], epochs = [1, 2], seeds = [0, 7] }
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    private GridSpec grid(String extra) {
        return parser.parse("test", GRID + extra);
    }

    private Optional<String> change(String stored, String edited) {
        return GridChange.refusal(grid(stored), grid(edited), parser);
    }

    @Test
    void listsMayGrowShrinkOrBeReordered() {
        assertEquals(Optional.empty(), change("", "grid.seeds = [0, 7, 9]"));
        assertEquals(Optional.empty(), change("", "grid.seeds = [7, 0]"));
        assertEquals(Optional.empty(), change("", "grid.activations = [leakyrelu, relu]"));
        assertEquals(Optional.empty(), change("", "grid.alphas = [0.2]"));
        assertEquals(Optional.empty(), change("", "grid.activations = [relu, leakyrelu, elu]"));
        assertEquals(Optional.empty(), change("", "grid.architectures = [mlp, cnn]"));
        assertEquals(Optional.empty(), change("", "grid.learning-rates = [0.001, 0.01]"));
        assertEquals(Optional.empty(), change("", "analysis.baseline = leakyrelu"));
    }

    @Test
    void aSettingThatLeavesEveryTrialAsItWasMayChange() {
        // With the rates listed, training.learning-rate sets no trial of a fixed-protocol grid.
        assertEquals(Optional.empty(), change("grid.learning-rates = [0.01, 0.1]",
                "grid.learning-rates = [0.01, 0.1]\ntraining.learning-rate = 0.05"));
    }

    @Test
    void aChangeToFinishedTrialsIsRefusedWithItsKeys() {
        String why = change("", "grid.epochs = [1, 3]\ntraining.batch-size = 32\ngrid.seeds = [0, 7, 9]").orElseThrow();
        assertTrue(why.contains("grid.epochs was [1,2], now [1,3]; training.batch-size was 128, now 32"), why);
        assertTrue(!why.contains("grid.seeds was"), why);
        assertTrue(change("", "data.train-examples = 500").orElseThrow().contains("data.train-examples was 0, now 500"));
        assertTrue(change("", "data.validation-examples = 1000").orElseThrow()
                .contains("data.validation-examples was unset, now 1000"));
        assertTrue(change("", "experiment = \"f\"").orElseThrow().contains("experiment is \"e\""));
    }

    @Test
    void aSequentialDesignCannotChange() {
        String sequential = "grid.seeds = null\nanalysis.sequential { min-seeds = 4, max-seeds = 12, round-size = 4, epoch = 2 }\n";
        assertEquals(Optional.empty(), change(sequential, sequential + "grid.activations = [relu, leakyrelu, elu]"));
        String why = change(sequential, sequential.replace("max-seeds = 12", "max-seeds = 16")).orElseThrow();
        assertTrue(why.contains("analysis.sequential.max-seeds was 12, now 16") && why.contains("error rates"), why);
        assertTrue(change(sequential, sequential + "analysis.margins.test_accuracy = 0.02").orElseThrow()
                .contains("analysis.margins.test_accuracy"));
    }

    @Test
    void growthNamesWhatIsReusedAddedAndLeftOut() {
        GridSpec stored = grid("");
        GridSpec edited = grid("grid.seeds = [7, 9]\ngrid.activations = [relu]\ngrid.alphas = null");
        Set<String> landed = stored.trials().stream().map(TrialConfig::trialId).collect(Collectors.toSet());
        GridChange.Growth g = GridChange.Growth.of(stored, edited, landed);
        // Stored: relu x 2 seeds + leakyrelu x 2 alphas x 2 seeds = 6, all landed. Edited: relu at seeds 7 and 9.
        assertEquals(1, g.kept().size());
        assertEquals(List.of(9L), g.added().stream().map(TrialConfig::seed).toList());
        assertEquals(5, g.leftOut().size());
        assertTrue(g.line().startsWith("resume: 1 landed trial(s) reused, 1 of the grid's trials not landed yet; 5 landed"
                + " trial(s) no longer in the grid"), g.line());
        assertTrue(g.line().contains("mlp relu lr 0.001 seed 0") && g.line().contains("mlp leakyrelu(0.2) lr 0.001 seed 7"),
                g.line());
    }
}

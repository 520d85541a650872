package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of the tuned protocol: data.validation-*, grid.learning-rates, protocol and tuning.*. */
class ProtocolKeysTest {

    private static final String BASE = """
            experiment = "fair"
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.01, 0.1], epochs = [1, 2], seeds = 3 }
            """;

    private static final String TUNED = BASE + """
            data.validation-examples = 10000
            grid.learning-rates = [0.003, 0.0003, 0.001]
            protocol = tuned
            tuning { seeds = 2, epoch = 1 }
            """;

    private final GridParser parser = new GridParser(Vocabularies.standard());

    @Test
    void aGridWithoutTheNewKeysIsTheGridItWasBefore() {
        GridSpec grid = parser.parse("test", BASE);
        assertFalse(grid.tuned());
        assertNull(grid.validation());
        assertEquals(List.of(0.001), grid.learningRates());
        assertTrue(grid.trials().stream().allMatch(t -> t.stage() == Stage.FIXED && t.validation() == null));
        // The stored grid.conf of such a grid gains no line, so a resume of a run from before reads the same grid.
        for (String key : List.of("validation", "learning-rates", "protocol", "tuning")) {
            assertFalse(grid.render().contains(key), grid.render());
        }
    }

    @Test
    void aTunedGridRunsEveryRateOnTheTuningSeedsAndMayRunEachOnTheConfirmationSeeds() {
        GridSpec grid = parser.parse("test", TUNED);
        assertTrue(grid.tuned());
        assertEquals(List.of(1000L, 1001L), grid.tuning().seeds());
        assertEquals(1, grid.tuning().epoch());
        assertTrue(grid.tuning().compareFixed());
        assertEquals(List.of(0.0003, 0.001, 0.003), grid.learningRates());
        List<TrialConfig> trials = grid.trials();
        // 3 activation settings x (3 rates x 2 tuning seeds + 3 rates x 3 confirmation seeds)
        assertEquals(3 * (6 + 9), trials.size());
        assertEquals(trials.size(), grid.trialCount());
        assertEquals(trials.size(), trials.stream().map(TrialConfig::trialId).distinct().count());
        Map<Stage, Long> stages = trials.stream().collect(Collectors.groupingBy(TrialConfig::stage, Collectors.counting()));
        assertEquals(Map.of(Stage.TUNING, 18L, Stage.FIXED, 9L, Stage.CONFIRMATION, 18L), stages);
        assertTrue(trials.stream().allMatch(t -> t.validation().equals(new ValidationSplit(10_000, ValidationSplit.DEFAULT_SEED))));
        assertTrue(trials.stream().filter(t -> t.stage() == Stage.FIXED).allMatch(t -> t.learningRate() == 0.001 && t.seed() < 3));
        GridSpec again = parser.parse("rendered", grid.render());
        assertEquals(grid, again);
    }

    @Test
    void theMostATunedGridTrainsCountsOneConfirmationRatePerActivationSetting() {
        GridSpec grid = parser.parse("test", TUNED);
        // 3 settings x 3 rates x 2 tuning seeds, 3 settings x 3 fixed-rate seeds, 3 settings x 3 seeds at one rate
        List<TrialConfig> most = grid.mostTrials();
        assertEquals(18 + 9 + 9, most.size());
        assertEquals(9, most.stream().filter(t -> t.stage() == Stage.CONFIRMATION).count());
        assertEquals(1, most.stream().filter(t -> t.stage() == Stage.CONFIRMATION).map(TrialConfig::learningRate).distinct().count());
        // Without the fixed-rate comparison, still one rate per setting on the confirmation seeds.
        GridSpec alone = parser.parse("test", TUNED + "tuning.compare-fixed = false\n");
        assertEquals(18 + 9, alone.mostTrials().size());
        GridSpec fixed = parser.parse("test", BASE);
        assertEquals(fixed.trials(), fixed.mostTrials());
    }

    @Test
    void aTunedGridMayTakeItsConfirmationSeedsOnDemand() {
        String onDemand = TUNED.replace(", seeds = 3", "") + "analysis.sequential { min-seeds = 3, max-seeds = 6 }\n";
        GridSpec grid = parser.parse("test", onDemand);
        assertTrue(grid.tuned());
        assertEquals(6, grid.sequential().maxSeeds());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), grid.seeds());
        // 3 settings x 3 rates x (2 tuning + 6 confirmation seeds)
        assertEquals(3 * 3 * (2 + 6), grid.trials().size());
        assertEquals(grid, parser.parse("rendered", grid.render()));
        GridException e = assertThrows(GridException.class,
                () -> parser.parse("bad.conf", onDemand + "tuning.seeds = [5, 1000]\n"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("tuning.seeds: [5] are also confirmation seeds")),
                e.problems().toString());
    }

    @Test
    void theFixedRateIsAddedToTheConfirmationRatesWhenTheGridDoesNotTuneOverIt() {
        GridSpec grid = parser.parse("test", TUNED + "grid.learning-rates = [0.01, 0.03]\n");
        assertEquals(3 * (2 * 2 + 3 * 3), grid.trialCount());
        assertEquals(9, grid.trials().stream().filter(t -> t.stage() == Stage.FIXED).count());
        GridSpec alone = parser.parse("test", TUNED + "grid.learning-rates = [0.01, 0.03]\ntuning.compare-fixed = false\n");
        assertEquals(3 * (2 * 2 + 2 * 3), alone.trialCount());
        assertTrue(alone.trials().stream().noneMatch(t -> t.stage() == Stage.FIXED));
    }

    @Test
    void learningRatesAreADimensionOfAFixedGridToo() {
        GridSpec grid = parser.parse("test", BASE + "grid.learning-rates = [0.001, 0.01]\n");
        assertEquals(3 * 2 * 3, grid.trials().size());
        assertEquals(grid, parser.parse("rendered", grid.render()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data.validation-examples = -1          | data.validation-examples: -1 is not a whole number >= 0",
            "data.validation-examples = 2.5         | data.validation-examples: 2.5 is not a whole number >= 0",
            "data.validation-seed = -3              | data.validation-seed: -3 is not a whole number >= 0",
            "grid.learning-rates = [0.001, 0.001]   | grid.learning-rates: duplicate value 0.001",
            "grid.learning-rates = [0.001, 0]       | grid.learning-rates: 0 is not in (0, 10]",
            "grid.learning-rates = [0.001, 20]      | grid.learning-rates: 20 is not in (0, 10]",
            "grid.learning-rates = [0.001]          | grid.learning-rates: protocol tuned chooses among rates, found one",
            "protocol = best                        | protocol: unknown value 'best'; allowed: fixed, tuned",
            "tuning.seeds = [0, 1000]               | tuning.seeds: [0] are also confirmation seeds (grid.seeds)",
            "tuning.seeds = [1000, 1000]            | tuning.seeds: duplicate value 1000",
            "tuning.seeds = 0                       | tuning.seeds: a count must be a whole number from 1",
            "tuning.epoch = 3                       | tuning.epoch: 3 is not a checkpoint in grid.epochs [1, 2]",
            "tuning.compare-fixed = maybe           | tuning.compare-fixed: expected true or false"})
    void eachInvalidKeyIsNamedWithItsValue(String line, String message) {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", TUNED + line + "\n"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(message.strip())), e.problems().toString());
    }

    @Test
    void everyProblemOfTheProtocolIsReportedInOnePass() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE + """
                protocol = tuned
                tuning { seeds = [1, 2], epoch = 7 }
                analysis.sequential { min-seeds = 3 }
                """));
        List<String> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("protocol: tuned chooses each learning rate on validation")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("protocol: tuned needs grid.learning-rates")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("tuning.epoch: 7")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("grid.seeds: a sequential grid's seeds")), problems.toString());
    }

    /** Seeds on demand at several fixed rates: each rate's comparisons are decided apart (ConditionPairingTest). */
    @Test
    void aSequentialGridMayCrossLearningRates() {
        GridSpec grid = parser.parse("seq.conf", BASE.replace(", seeds = 3", "")
                + "grid.learning-rates = [0.001, 0.01]\nanalysis.sequential { min-seeds = 3, max-seeds = 6, round-size = 3 }\n");
        assertEquals(3L * 2 * 6, grid.trialCount(), "3 activation settings x 2 rates x 6 seeds");
        assertEquals(Map.of(0.001, 18L, 0.01, 18L), grid.trials().stream()
                .collect(Collectors.groupingBy(TrialConfig::learningRate, Collectors.counting())));
        assertEquals(3L * 2 * 3, grid.trialsAtMinSeeds().size(), "min-seeds 3: seeds 0..2 of each");
    }

    @Test
    void tuningKeysOnAFixedGridAndASeedWithoutASplitAreMistakes() {
        GridException e = assertThrows(GridException.class, () -> parser.parse("bad.conf", BASE
                + "tuning.seeds = 5\ntuning.epoch = 1\ndata.validation-seed = 4\n"));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("tuning.seeds: set, but protocol is fixed")), e.problems().toString());
    }
}

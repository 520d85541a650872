package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.data.Dataset;
import org.activationbench.data.Split;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.testing.SyntheticData;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;

/**
 * The test set cannot influence the learning rates a tuned grid chooses: the tuning trials are trained for real (no
 * Spark) on a small synthetic dataset, once with its test labels and once with them rotated, and the choices, made by
 * the same code the driver and the comparisons use, are the same although the test accuracies are not.
 */
class ChoiceIgnoresTestSetTest {

    private static final String GRID = """
            experiment = "fair"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 1 }
            training { batch-size = 32 }
            data.validation-examples = 200
            grid.learning-rates = [0.0001, 0.001, 0.01]
            protocol = tuned
            tuning.seeds = 2
            """;

    @Test
    void rotatingTheTestLabelsLeavesTheChosenRatesUnchanged() {
        GridSpec grid = new GridParser(Vocabularies.standard()).parse("fair", GRID);
        List<TrialConfig> tuning = grid.trials().stream().filter(t -> t.stage() == Stage.TUNING).toList();
        assertEquals(2 * 3 * 2, tuning.size());
        Dataset data = SyntheticData.dataset(600, 200, 5);
        int[] rotated = data.test().y().clone();
        for (int i = 0; i < rotated.length; i++) {
            rotated[i] = (rotated[i] + 1) % data.classes();
        }
        Dataset wrongTest = new Dataset(data.name(), data.height(), data.width(), data.classes(), data.train(),
                new Split(data.test().count(), data.test().features(), data.test().x(), rotated));

        Snapshot honest = tuningSnapshot(tuning, data);
        Snapshot scrambled = tuningSnapshot(tuning, wrongTest);
        for (int i = 0; i < honest.epochs().size(); i++) {
            assertNotEquals(honest.epochs().get(i).testAccuracy(), scrambled.epochs().get(i).testAccuracy());
            assertEquals(honest.epochs().get(i).validationAccuracy(), scrambled.epochs().get(i).validationAccuracy());
        }
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> chosen = TunedProtocol.choices(honest, grid);
        assertEquals(2, chosen.size());
        assertEquals(chosen, TunedProtocol.choices(scrambled, grid));
        assertTrue(chosen.values().stream().allMatch(c -> c.rates().size() == 3));
    }

    /** The tuning trials' rows as the tables would hold them. */
    private static Snapshot tuningSnapshot(List<TrialConfig> trials, Dataset data) {
        TrialRunner runner = new TrialRunner(5, 1000);
        List<RunRow> runs = new ArrayList<>();
        List<EpochRow> epochs = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-30T00:00:00Z");
        for (TrialConfig t : trials) {
            TrialResult r = runner.run(t, data);
            runs.add(new RunRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(), t.alpha(),
                    t.activationLabel(), t.seed(), r.status(), null, null, t.maxEpochs(), r.trainSeconds(), 0, 1, t0, t0,
                    r.hiddenLayers(), "", "", "", "", "", "", "", "", t.learningRate(), t.stage().label(),
                    t.condition().label()));
            for (CheckpointMetrics m : r.checkpoints()) {
                epochs.add(new EpochRow(t.trialId(), t.dataset(), t.architecture(), t.strategy().name(), t.activation(),
                        t.alpha(), t.activationLabel(), t.seed(), m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(),
                        m.testAccuracy(), List.of(), 0, null, t.learningRate(), t.stage().label(), m.validationAccuracy(),
                        t.condition().label()));
            }
        }
        return new Snapshot("fair", GRID, runs, epochs);
    }
}

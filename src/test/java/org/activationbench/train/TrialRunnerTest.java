package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.TrialConfig;
import org.activationbench.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialRunnerTest {

    private static final Dataset DATA = SyntheticData.dataset(512, 256, 11);
    private final TrialRunner runner = new TrialRunner(5, 200);

    static TrialConfig config(String architecture, String activation, Double alpha, long seed, List<Integer> checkpoints) {
        return new TrialConfig("synthetic", architecture, activation, alpha, seed, checkpoints, "adam", 1e-3, 32, "xavier");
    }

    @ParameterizedTest
    @CsvSource({"mlp,relu,", "mlp,leakyrelu,0.1", "mlp,prelu,", "cnn,relu,", "cnn,prelu,", "mlp-deep-4,selu,",
            "mlp,elu,", "mlp,tanh,", "mlp,sigmoid,", "mlp,swish,", "mlp,mish,"})
    void everyArchitectureAndActivationLearnsTheSyntheticTask(String architecture, String activation, Double alpha) {
        TrialResult result = runner.run(config(architecture, activation, alpha, 1, List.of(1, 3)), DATA);
        assertEquals(TrialStatus.OK, result.status(), result.errorClass() + ": " + result.errorMessage());
        assertEquals(2, result.checkpoints().size());
        CheckpointMetrics last = result.last();
        assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
        assertTrue(last.trainLoss() < result.checkpoints().get(0).trainLoss() + 1e-9 || last.trainLoss() < 0.2,
                "loss should fall: " + result.checkpoints());
        assertEquals(result.hiddenLayers().size(), last.inactiveFraction().length);
        assertEquals(result.hiddenUnits(), java.util.Arrays.stream(last.hiddenUnits()).boxed().toList());
        assertEquals(result.gradientLayers().size(), last.gradientNorm().length);
        for (double norm : last.gradientNorm()) {
            assertTrue(norm > 0 && Double.isFinite(norm), "gradient norm " + norm);
        }
    }

    @Test
    void theSameConfigAndSeedGiveTheSameNumbers() {
        TrialConfig config = config("mlp", "leakyrelu", 0.01, 0, List.of(1, 2));
        TrialResult a = runner.run(config, DATA);
        TrialResult b = runner.run(config, DATA);
        for (int i = 0; i < 2; i++) {
            CheckpointMetrics x = a.checkpoints().get(i);
            CheckpointMetrics y = b.checkpoints().get(i);
            assertEquals(x.trainLoss(), y.trainLoss(), 0.0);
            assertEquals(x.testLoss(), y.testLoss(), 0.0);
            assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0);
            assertArrayEquals(x.gradientNorm(), y.gradientNorm(), 0.0);
            assertArrayEquals(x.inactiveFraction(), y.inactiveFraction(), 0.0);
            assertEquals(x.recoveredUnits(), y.recoveredUnits());
        }
        TrialResult other = runner.run(config.withSeed(1), DATA);
        assertNotEquals(a.last().trainLoss(), other.last().trainLoss(), "another seed must give another run");
    }

    @Test
    void trainsOnceToTheLastCheckpointAndMeasuresOnlyAtCheckpoints() {
        TrialResult sparse = runner.run(config("mlp", "relu", null, 3, List.of(3, 1)), DATA);
        assertEquals(List.of(1, 3), sparse.checkpoints().stream().map(CheckpointMetrics::epoch).toList());
        assertEquals(3, sparse.epochsCompleted());
        // Measuring at a checkpoint must not disturb training: epoch 3 is the same with or without checkpoint 1, 2.
        TrialResult dense = runner.run(config("mlp", "relu", null, 3, List.of(1, 2, 3)), DATA);
        TrialResult only = runner.run(config("mlp", "relu", null, 3, List.of(3)), DATA);
        assertEquals(dense.last().trainLoss(), only.last().trainLoss(), 0.0);
        assertEquals(sparse.last().testAccuracy(), only.last().testAccuracy(), 0.0);
        assertTrue(sparse.last().trainSeconds() > sparse.checkpoints().get(0).trainSeconds());
    }

    /**
     * Units are followed from each checkpoint to the next: none at the first; after it, the units inactive now are those
     * inactive before, less the recovered, plus the newly inactive. Learning rate 0.05 leaves ReLU units inactive.
     */
    @Test
    void recoveredUnitsFollowTheUnitsFromTheCheckpointBefore() {
        TrialConfig config = new TrialConfig("synthetic", "mlp", "relu", null, 5, List.of(1, 2, 3, 5), "adam", 0.05, 32,
                "xavier");
        TrialResult result = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, result.status(), result.errorClass() + ": " + result.errorMessage());
        assertEquals(List.of(256, 128), result.hiddenUnits());
        CheckpointMetrics first = result.checkpoints().get(0);
        assertNull(first.recoveredUnits());
        assertNull(first.newlyInactiveUnits());
        int changes = 0;
        for (int i = 1; i < result.checkpoints().size(); i++) {
            CheckpointMetrics before = result.checkpoints().get(i - 1);
            CheckpointMetrics now = result.checkpoints().get(i);
            int inactiveBefore = java.util.Arrays.stream(before.inactiveUnits()).sum();
            assertEquals(inactiveBefore, now.previouslyInactiveUnits(), "checkpoint " + now.epoch());
            assertEquals(java.util.Arrays.stream(now.inactiveUnits()).sum(),
                    inactiveBefore - now.recoveredUnits() + now.newlyInactiveUnits(), "checkpoint " + now.epoch());
            changes += now.recoveredUnits() + now.newlyInactiveUnits();
        }
        assertTrue(changes > 0, "the check must see units change: " + result.checkpoints().stream()
                .map(m -> java.util.Arrays.toString(m.inactiveUnits())).toList());
    }

    @Test
    void aLossThatBlowsUpEndsTheTrialAsDiverged() {
        TrialConfig config = new TrialConfig("synthetic", "mlp", "relu", null, 0, List.of(1, 2), "sgd", 1e12, 32, "xavier");
        TrialResult result = runner.run(config, DATA);
        assertEquals(TrialStatus.DIVERGED, result.status());
        assertTrue(result.errorMessage().contains("loss became"), result.errorMessage());
        assertEquals(0, result.epochsCompleted());
        assertTrue(result.checkpoints().isEmpty());
    }

    @Test
    void anyOtherFailureIsAFailedResultNotAnException() {
        TrialResult result = runner.run(config("resnet", "relu", null, 0, List.of(1)), DATA);
        assertEquals(TrialStatus.FAILED, result.status());
        assertEquals(IllegalArgumentException.class.getName(), result.errorClass());
        assertTrue(result.errorMessage().contains("unknown architecture 'resnet'"));
        assertNull(result.last());
    }

    @Test
    void epochsToTargetRecordTheFirstEpochThatReachedIt() {
        TrialResult result = runner.run(config("mlp", "relu", null, 2, List.of(1, 2, 4)), DATA);
        for (CheckpointMetrics m : result.checkpoints()) {
            if (m.epochTo97() != null) {
                assertTrue(m.epochTo97() <= m.epoch());
            }
        }
        CheckpointMetrics first = result.checkpoints().get(0);
        assertEquals(first.testAccuracy() >= 0.97 ? Integer.valueOf(1) : null, first.epochTo97());
    }
}

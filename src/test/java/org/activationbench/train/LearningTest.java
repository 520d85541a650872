package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.junit.jupiter.api.Test;

class LearningTest {

    private static CheckpointMetrics last(double trainLoss, double testAccuracy) {
        return new CheckpointMetrics(1, trainLoss, 0.5, 2.0, testAccuracy, 1.0, 100.0, new double[] {0.0}, new int[] {8},
                new double[] {1.0}, null, null, null);
    }

    @Test
    void chanceAccuracyOrALossAboveTheInitialOneIsNotLearning() {
        // Ten classes: chance is 0.1, and 0.08 to 0.12 counts as chance.
        assertFalse(Learning.learned(last(0.5, 0.1135), 2.3, 10), "one MNIST class predicted");
        assertFalse(Learning.learned(last(0.5, 0.081), 2.3, 10));
        assertTrue(Learning.learned(last(0.5, 0.125), 2.3, 10));
        assertFalse(Learning.learned(last(2.4, 0.6), 2.3, 10), "loss above the initial loss");
        assertTrue(Learning.learned(last(2.2, 0.6), 2.3, 10));
        assertTrue(Learning.learned(last(2.4, 0.6), null, 10), "no initial loss measured: accuracy alone");
        assertNull(Learning.learned(null, 2.3, 10), "no checkpoint");
    }

    /**
     * The reproduction on 2,000 MNIST examples: Adam at learning rate 10 ends OK at chance accuracy and is
     * flagged; at 0.001 it learns. The initial loss of ten-class random weights is near ln 10 = 2.30.
     */
    @Test
    void aTrialAtTheEdgeOfTrainingIsFlaggedAndAHealthyOneIsNot() {
        Dataset mnist = DatasetCache.get(Path.of("data"), DatasetSpec.MNIST);
        TrialRunner runner = new TrialRunner();
        TrialResult edge = runner.run(trial(10), mnist);
        assertEquals(TrialStatus.OK, edge.status(), edge.errorMessage());
        assertEquals(Boolean.FALSE, edge.learned(), "test accuracy " + edge.last().testAccuracy() + ", train loss "
                + edge.last().trainLoss() + " from " + edge.initialTrainLoss());
        TrialResult healthy = runner.run(trial(0.001), mnist);
        assertEquals(Boolean.TRUE, healthy.learned());
        assertEquals(Math.log(10), healthy.initialTrainLoss(), 0.5);
        assertEquals(healthy.initialTrainLoss(), edge.initialTrainLoss(), 0.0, "the same initial weights");
    }

    private static TrialConfig trial(double learningRate) {
        return new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1), "adam", learningRate, 128, "xavier", 2000);
    }
}

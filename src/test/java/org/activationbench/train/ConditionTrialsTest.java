package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Stage;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.activationbench.testing.SyntheticData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trials under the settings a condition may change train to a row on either engine, whatever their learning rate. */
class ConditionTrialsTest {

    private static final Dataset DATA = SyntheticData.dataset(256, 128, 5);
    private final TrialRunner runner = new TrialRunner(5, 200);

    private static TrialConfig config(String architecture, String optimizer, double rate, String weightInit, double bias,
            double decay, boolean batchNorm, Engine engine) {
        return new TrialConfig("synthetic", architecture, "relu", null, 0, List.of(1, 2), optimizer, rate, 32, weightInit, 0,
                Strategy.DEFAULT, engine, null, Stage.FIXED, bias, decay, batchNorm);
    }

    /** Divergence is a row, never a crash: a very high SGD rate ends DIVERGED (or, if it happens to survive, OK). */
    @ParameterizedTest
    @CsvSource({"mlp, sgd, 10, false, fast", "mlp, nesterovs, 10, true, fast", "mlp, nesterovs, 10, false, stock",
            "cnn, sgd, 10, true, fast", "mlp, sgd, 1e6, true, stock"})
    void aVeryHighSgdRateIsARowNotAnException(String architecture, String optimizer, double rate, boolean batchNorm,
            String engine) {
        TrialResult result = runner.run(config(architecture, optimizer, rate, "torch-default", 0, 1e-4, batchNorm,
                Engine.find(engine).orElseThrow()), DATA);
        assertNotEquals(TrialStatus.FAILED, result.status(), result.errorClass() + ": " + result.errorMessage());
        if (result.status() == TrialStatus.DIVERGED) {
            assertTrue(result.errorMessage().contains("became"), result.errorMessage());
        }
    }

    /** Batch normalisation, weight decay and a constant bias train and are measured like any trial. */
    @ParameterizedTest
    @CsvSource({"mlp, fast", "mlp, stock", "cnn, fast", "cnn, stock"})
    void aNormalisedDecayedTrialTrainsAndIsMeasured(String architecture, String engine) {
        TrialResult result = runner.run(config(architecture, "nesterovs", 0.05, "he", 0.01, 1e-4, true,
                Engine.find(engine).orElseThrow()), DATA);
        assertEquals(TrialStatus.OK, result.status(), result.errorClass() + ": " + result.errorMessage());
        assertEquals(2, result.checkpoints().size());
        assertTrue(result.last().testAccuracy() > 0.5, "the synthetic bands are learnable: " + result.last().testAccuracy());
        assertEquals(architecture.equals("mlp") ? List.of("dense1", "dense2") : List.of("conv1", "conv2"), result.hiddenLayers());
    }
}

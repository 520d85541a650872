package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.junit.jupiter.api.Test;

/** The real numbers: one epoch of the MLP on the full MNIST (fetched by jobs/fetch-data.sh into data/). */
class RealMnistTest {

    @Test
    void oneEpochOfTheMlpReachesNinetyFivePercent() {
        Dataset mnist = DatasetCache.get(Path.of("data"), DatasetSpec.MNIST);
        assertEquals(60_000, mnist.train().count());
        assertEquals(10_000, mnist.test().count());
        TrialConfig config = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1), "adam", 1e-3, 128, "xavier");
        TrialResult result = new TrialRunner().run(config, mnist);
        assertEquals(TrialStatus.OK, result.status(), result.errorMessage());
        assertTrue(result.last().testAccuracy() > 0.95, "test accuracy after one epoch: " + result.last().testAccuracy());
    }
}

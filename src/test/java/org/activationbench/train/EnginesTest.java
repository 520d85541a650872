package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast engine trains to the accuracy of Deeplearning4j's own layers: over five paired seeds on real MNIST (reduced
 * training and test sets, so that the stock CNN stays affordable), the mean paired difference in test accuracy lies
 * within 0.2 points, and no single seed differs by more than a point.
 */
class EnginesTest {

    private static final int SEEDS = 5;

    @ParameterizedTest
    @CsvSource({"mlp, relu, , 12000, 5000", "mlp, leakyrelu, 0.1, 12000, 5000", "cnn, leakyrelu, 0.3, 1500, 1000",
            "mlp, prelu, , 12000, 5000"})
    void fastAndStockEnginesReachTheSameAccuracy(String architecture, String activation, Double alpha, int trainExamples,
            int testExamples) {
        Dataset data = DatasetCache.get(Path.of("data"), DatasetSpec.MNIST).subset(trainExamples, testExamples);
        double sum = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            TrialConfig fast = new TrialConfig("mnist", architecture, activation, alpha, seed, List.of(1), "adam", 1e-3, 128,
                    "xavier", 0, Strategy.DEFAULT, Engine.FAST);
            double difference = accuracy(fast, data) - accuracy(fast.withEngine(Engine.STOCK), data);
            System.out.printf("%s %s seed %d: fast - stock = %+.4f%n", architecture, fast.activationLabel(), seed, difference);
            assertTrue(Math.abs(difference) <= 0.01, "seed " + seed + ": fast - stock = " + difference);
            sum += difference;
        }
        assertEquals(0.0, sum / SEEDS, 0.002, "mean paired difference in test accuracy, fast - stock");
    }

    private static double accuracy(TrialConfig config, Dataset data) {
        TrialResult result = new TrialRunner().run(config, data);
        assertEquals(TrialStatus.OK, result.status(), config.engine() + ": " + result.errorMessage());
        return result.last().testAccuracy();
    }
}

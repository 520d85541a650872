package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.activationbench.data.Dataset;
import org.activationbench.grid.Engine;
import org.activationbench.grid.EvaluationLooks;
import org.activationbench.grid.TrialConfig;
import org.activationbench.testing.SyntheticData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Looks between minibatches measure without changing the training: 512 examples in minibatches of 32, 16 per epoch;
 * 5 looks per epoch fall after minibatches floor(k * 16 / 5) = 3, 6, 9, 12 and 16, at 96, 192, 288, 384 and 512
 * examples of each epoch.
 */
class AccuracyLooksTest {

    private static final Dataset DATA = SyntheticData.dataset(512, 256, 11);
    private final TrialRunner runner = new TrialRunner(5, 200);

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"mlp,relu,FAST", "cnn,relu,FAST", "mlp,leakyrelu,STOCK"})
    void aTrialWithLooksTrainsExactlyTheNumbersOfOneWithout(String architecture, String activation, Engine engine) {
        TrialConfig plain = ContinuedTrialTest.config(architecture, activation, activation.equals("leakyrelu") ? 0.1 : null, engine);
        TrialResult without = runner.run(plain, DATA);
        TrialResult with = runner.run(plain.withLooks(new EvaluationLooks(5, 100)), DATA);
        // Every checkpoint column but the timings and the looks, bit for bit; and the full test set after every epoch.
        ContinuedTrialTest.assertSameNumbers(without, with);
        without.checkpoints().forEach(m -> assertNull(m.looks()));

        List<LookMetrics> looks = with.checkpoints().stream().map(CheckpointMetrics::looks).toList();
        assertArrayEquals(new long[] {0, 96, 192, 288, 384, 512}, looks.get(0).lookExamples(), "checkpoint 1: from 0");
        assertArrayEquals(new long[] {608, 704, 800, 896, 1024}, looks.get(1).lookExamples(), "checkpoint 2: epoch 2's looks");
        assertArrayEquals(LongStream.of(96, 192, 288, 384, 512).flatMap(e -> LongStream.of(1024 + e, 1536 + e)).sorted()
                .toArray(), looks.get(2).lookExamples(), "checkpoint 4: epochs 3 and 4");
        for (LookMetrics m : looks) {
            assertEquals(m.lookExamples().length, m.lookAccuracy().length);
            for (double a : m.lookAccuracy()) {
                assertTrue(a >= 0 && a <= 1 && Math.abs(a * 100 - Math.rint(a * 100)) < 1e-9, "an accuracy of 100 examples: " + a);
            }
        }
    }

    /**
     * With the whole test set as the subsample, the look at the end of an epoch is the test accuracy measured after it,
     * and the metrics follow from the curve: the first look reaching a target, the mean over epoch 1's six looks.
     */
    @Test
    void theLookAtAnEpochsEndIsTheTestAccuracyAfterIt() {
        TrialConfig config = ContinuedTrialTest.config("mlp", "relu", null, Engine.FAST).withLooks(new EvaluationLooks(5, 256));
        TrialResult result = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, result.status(), result.errorClass() + ": " + result.errorMessage());
        long[] examples = result.checkpoints().stream().flatMapToLong(m -> LongStream.of(m.looks().lookExamples())).toArray();
        double[] accuracy = result.checkpoints().stream()
                .flatMapToDouble(m -> java.util.Arrays.stream(m.looks().lookAccuracy())).toArray();
        for (int epoch = 1; epoch <= 4; epoch++) {
            int end = java.util.Arrays.binarySearch(examples, epoch * 512L);
            assertEquals(result.testAccuracyByEpoch().get(epoch - 1), accuracy[end], 0.0, "epoch " + epoch);
        }
        double epoch1 = 0;
        for (int i = 0; i < 6; i++) {
            epoch1 += accuracy[i];
        }
        LookMetrics last = result.last().looks();
        assertEquals(epoch1 / 6, last.accuracyAucEpoch1(), 1e-15);
        double[] targets = {0.97, 0.98, 0.99};
        Long[] reached = {last.examplesTo97(), last.examplesTo98(), last.examplesTo99()};
        for (int t = 0; t < 3; t++) {
            Long first = null;
            for (int i = 0; i < examples.length && first == null; i++) {
                first = accuracy[i] >= targets[t] ? examples[i] : null;
            }
            assertEquals(first, reached[t], "target " + targets[t]);
        }
        assertTrue(last.examplesTo97() != null, "the synthetic task is learnt to 97%: " + java.util.Arrays.toString(accuracy));
    }

    /** A trial with a validation split looks at the validation split, not the test set. */
    @Test
    void aTrialWithAValidationSplitLooksAtIt() {
        TrialConfig config = ContinuedTrialTest.validated("mlp", "relu", null, Engine.FAST).withLooks(new EvaluationLooks(2, 64));
        TrialResult result = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, result.status(), result.errorClass() + ": " + result.errorMessage());
        for (CheckpointMetrics m : result.checkpoints()) {
            long[] examples = m.looks().lookExamples();
            assertEquals(m.epoch() * 448L, examples[examples.length - 1], "448 training examples per epoch");
            assertEquals(m.validationAccuracy(), m.looks().lookAccuracy()[examples.length - 1], 0.0, "epoch " + m.epoch());
        }
    }
}

package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metrics of a curve of looks, on a curve written by hand: 400 examples per epoch, 4 looks per epoch and one
 * before training, three epochs.
 */
class LookMetricsTest {

    private static final List<Long> EXAMPLES = List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L,
            1100L, 1200L);
    private static final List<Double> ACCURACY = List.of(0.10, 0.50, 0.90, 0.96, 0.97, 0.975, 0.98, 0.97, 0.985, 0.99, 0.99,
            0.99, 0.995);

    @Test
    void theFirstCheckpointHoldsTheLooksSinceTrainingBeganAndWhatTheyReached() {
        LookMetrics m = LookMetrics.at(1, 400, 0, EXAMPLES, ACCURACY);
        assertEquals(400L, m.examplesTo97());
        assertNull(m.examplesTo98(), "0.98 is not reached by 400 examples");
        assertNull(m.examplesTo99());
        // (0.10 + 0.50 + 0.90 + 0.96 + 0.97) / 5
        assertEquals(0.686, m.accuracyAucEpoch1(), 1e-12);
        assertArrayEquals(new long[] {0, 100, 200, 300, 400}, m.lookExamples());
        assertArrayEquals(new double[] {0.10, 0.50, 0.90, 0.96, 0.97}, m.lookAccuracy());
    }

    /** A later checkpoint: the targets over the whole curve up to it, the looks since the previous checkpoint only. */
    @Test
    void aLaterCheckpointHoldsTheLooksSinceThePreviousOne() {
        LookMetrics m = LookMetrics.at(3, 400, 1, EXAMPLES, ACCURACY);
        assertEquals(400L, m.examplesTo97());
        assertEquals(600L, m.examplesTo98());
        assertEquals(900L, m.examplesTo99(), "the first look at or above 0.99, not a later one");
        assertEquals(0.686, m.accuracyAucEpoch1(), 1e-12, "epoch 1's looks, whichever checkpoint");
        assertArrayEquals(new long[] {500, 600, 700, 800, 900, 1000, 1100, 1200}, m.lookExamples());
        assertArrayEquals(new double[] {0.975, 0.98, 0.97, 0.985, 0.99, 0.99, 0.99, 0.995}, m.lookAccuracy());
    }

    /** Looks after the checkpoint (a curve longer than it) do not count towards it. */
    @Test
    void looksAfterTheCheckpointDoNotCount() {
        LookMetrics m = LookMetrics.at(2, 400, 1, EXAMPLES, ACCURACY);
        assertNull(m.examplesTo99(), "0.99 is first reached at 900 examples, after epoch 2's 800");
        assertArrayEquals(new long[] {500, 600, 700, 800}, m.lookExamples());
    }
}

package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointMetricsTest {

    private static CheckpointMetrics of(double[] inactive, int[] units, Integer recovered, Integer before) {
        return new CheckpointMetrics(2, 0.1, 0.9, 0.1, 0.9, 1, 100, inactive, units, null, null, null, null, null, null,
                recovered, 0, before);
    }

    /** Layers of 256 and 128 units with 10 and 2 inactive: 12 of 384 units, where the mean of the layers' fractions is 2.73%. */
    @Test
    void theNetworksFractionWeightsEachLayerByItsUnits() {
        CheckpointMetrics m = of(new double[] {10 / 256.0, 2 / 128.0}, new int[] {256, 128}, null, null);
        assertArrayEquals(new int[] {10, 2}, m.inactiveUnits());
        assertEquals(12 / 384.0, m.networkInactiveFraction(), 0.0);
        assertEquals(0.03125, m.networkInactiveFraction(), 0.0);
    }

    /** The CNN counts channels: one inactive channel of 32 is 1 of 96, not the 1.56 points the mean of layers made it. */
    @Test
    void aConvolutionCountsChannels() {
        CheckpointMetrics m = of(new double[] {1 / 32.0, 0}, new int[] {32, 64}, null, null);
        assertEquals(1 / 96.0, m.networkInactiveFraction(), 0.0);
    }

    @Test
    void theRecoveredShareIsOutOfTheUnitsInactiveBefore() {
        assertEquals(0.25, of(new double[] {0}, new int[] {8}, 1, 4).recoveredFraction(), 0.0);
        assertNull(of(new double[] {0}, new int[] {8}, 0, 0).recoveredFraction(), "none to recover");
        assertNull(of(new double[] {0}, new int[] {8}, null, null).recoveredFraction(), "first checkpoint");
        assertThrows(IllegalArgumentException.class, () -> of(new double[] {0, 0}, new int[] {8}, null, null));
    }

    /** Rows landed before inactive units: dead_fraction is the per-layer fraction, weighted by the architecture's units. */
    @Test
    void rowsLandedBeforeInactiveUnitsReadAsToday() {
        List<Double> dead = List.of(10 / 256.0, 2 / 128.0);
        assertEquals(dead, EarlierInactiveUnits.inactiveFraction(null, dead));
        assertEquals(List.of(0.5), EarlierInactiveUnits.inactiveFraction(List.of(0.5), dead));
        assertEquals(12 / 384.0, EarlierInactiveUnits.networkInactiveFraction(null, dead, "mlp"), 0.0);
        assertEquals(1 / 96.0, EarlierInactiveUnits.networkInactiveFraction(null, List.of(1 / 32.0, 0.0), "cnn"), 0.0);
        // mlp-deep-N: equal layers, so weighted and unweighted agree.
        assertEquals((0.5 + 0.25 + 0 + 0.25) / 4, EarlierInactiveUnits.networkInactiveFraction(null,
                List.of(0.5, 0.25, 0.0, 0.25), "mlp-deep-4"), 0.0);
        assertEquals(0.7, EarlierInactiveUnits.networkInactiveFraction(0.7, dead, "mlp"), 0.0);
        assertEquals(Double.NaN, EarlierInactiveUnits.networkInactiveFraction(null, null, "mlp"));
        assertThrows(IllegalArgumentException.class, () -> EarlierInactiveUnits.networkInactiveFraction(null, dead, "cnn-x"));
        assertThrows(IllegalArgumentException.class, () -> EarlierInactiveUnits.networkInactiveFraction(null, dead,
                "mlp-deep-3"));
    }
}

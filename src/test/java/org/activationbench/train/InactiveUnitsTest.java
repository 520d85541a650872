package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class InactiveUnitsTest {

    private static final int[] UNITS = {4, 3};

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    private static InactiveUnits at(BitSet first, BitSet second) {
        return new InactiveUnits(UNITS, new BitSet[] {first, second});
    }

    /**
     * Three checkpoints of a network of 4 + 3 units, followed by hand: {0,1 | 2} then {1,3 | none}: units 0 and 2' came
     * back, unit 3 went; then {0,1,2,3 | 0,1,2}: none came back, 0, 2 and 0', 1', 2' went.
     */
    @Test
    void recoveredAndNewlyInactiveUnitsOfASequenceOfMasks() {
        InactiveUnits first = at(bits(0, 1), bits(2));
        InactiveUnits second = at(bits(1, 3), bits());
        InactiveUnits third = at(bits(0, 1, 2, 3), bits(0, 1, 2));
        assertArrayEquals(new int[] {2, 1}, first.counts());
        assertEquals(2, second.recoveredSince(first));
        assertEquals(1, second.newlyInactiveSince(first));
        assertEquals(0, third.recoveredSince(second));
        assertEquals(5, third.newlyInactiveSince(second));
        // Across the middle checkpoint: 2' was inactive at both ends, so it does not count.
        assertEquals(0, third.recoveredSince(first));
        assertEquals(4, third.newlyInactiveSince(first));
        assertEquals(0, first.recoveredSince(first));
    }

    @Test
    void masksMustFitTheirLayers() {
        assertThrows(IllegalArgumentException.class, () -> at(bits(4), bits()));
        assertThrows(IllegalArgumentException.class, () -> new InactiveUnits(UNITS, new BitSet[] {bits()}));
        InactiveUnits other = new InactiveUnits(new int[] {4, 4}, new BitSet[] {bits(), bits()});
        assertThrows(IllegalArgumentException.class, () -> other.recoveredSince(at(bits(), bits())));
    }

    @Test
    void aMaskGivenOrTakenIsACopy() {
        BitSet given = bits(1);
        InactiveUnits units = at(given, bits());
        given.set(2);
        units.mask(0).set(3);
        assertEquals(bits(1), units.mask(0));
    }
}

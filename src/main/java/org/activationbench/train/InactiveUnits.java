package org.activationbench.train;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which hidden units were inactive at one checkpoint: a unit (a neuron of a dense layer, a channel of a convolution) is
 * inactive when its pre-activation is &lt;= 0 on every example evaluated. One mask per hidden layer, input side first.
 * Kept from one checkpoint to the next, and in a trial's saved state, so that units can be followed across checkpoints.
 */
public final class InactiveUnits {

    private final int[] units;
    private final BitSet[] masks;

    /**
     * @param units per hidden layer, its number of units
     * @param masks per hidden layer, the inactive units' indices; copied
     */
    public InactiveUnits(int[] units, BitSet[] masks) {
        if (units.length != masks.length) {
            throw new IllegalArgumentException(units.length + " layers' units but " + masks.length + " masks");
        }
        this.units = units.clone();
        this.masks = new BitSet[masks.length];
        for (int h = 0; h < masks.length; h++) {
            if (masks[h].length() > units[h]) {
                throw new IllegalArgumentException("hidden layer " + (h + 1) + " has " + units[h] + " units, its mask marks unit "
                        + (masks[h].length() - 1));
            }
            this.masks[h] = (BitSet) masks[h].clone();
        }
    }

    /** The units of each hidden layer. */
    public int[] units() {
        return units.clone();
    }

    /** The inactive units of each hidden layer. */
    public int[] counts() {
        return Arrays.stream(masks).mapToInt(BitSet::cardinality).toArray();
    }

    /** Hidden layer {@code h}'s mask: bit {@code u} set when unit {@code u} is inactive. */
    public BitSet mask(int h) {
        return (BitSet) masks[h].clone();
    }

    /** Hidden layers counted. */
    public int layers() {
        return units.length;
    }

    /** Units inactive at {@code before} (an earlier checkpoint of the same network) that are active now, over all layers. */
    public int recoveredSince(InactiveUnits before) {
        return changedSince(before, true);
    }

    /** Units active at {@code before} that are inactive now, over all layers. */
    public int newlyInactiveSince(InactiveUnits before) {
        return changedSince(before, false);
    }

    private int changedSince(InactiveUnits before, boolean recovered) {
        if (!Arrays.equals(units, before.units)) {
            throw new IllegalArgumentException("units per layer differ: " + Arrays.toString(before.units) + " before, "
                    + Arrays.toString(units) + " now");
        }
        int n = 0;
        for (int h = 0; h < masks.length; h++) {
            BitSet changed = (BitSet) (recovered ? before.masks[h] : masks[h]).clone();
            changed.andNot(recovered ? masks[h] : before.masks[h]);
            n += changed.cardinality();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InactiveUnits other && Arrays.equals(units, other.units) && Arrays.equals(masks, other.masks);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(units) + Arrays.hashCode(masks);
    }

    @Override
    public String toString() {
        return "inactive " + Arrays.toString(counts()) + " of " + Arrays.toString(units);
    }
}

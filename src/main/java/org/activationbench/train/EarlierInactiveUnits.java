package org.activationbench.train;

import java.util.List;
import org.activationbench.model.Architectures;

/**
 * How {@code epochs} rows landed before inactive units were counted as such are read: they hold the same per-layer
 * measurement as {@code dead_fraction}, and its unweighted mean over layers as {@code mean_dead_fraction}. Readers (the
 * comparisons, the report's views) take them as today's columns; {@link #DOCUMENTATION} says how. The layers' units
 * come from the architecture, as those rows' runs rows do not hold them.
 */
public final class EarlierInactiveUnits {

    /** The mapping, for the schema document. */
    public static final String DOCUMENTATION = """
            ## Rows landed before inactive units

            Earlier versions wrote the per-layer measurement of `epochs.inactive_fraction` as `dead_fraction`, and the \
            unweighted mean of it over the hidden layers as `mean_dead_fraction`; they wrote none of `runs.hidden_units`, \
            `inactive_units`, `network_inactive_fraction`, `recovered_units`, `recovered_fraction` and \
            `newly_inactive_units`. The comparisons and the report read such rows as follows (the report's notebook shows \
            the same in its `epochs` view):

            - `inactive_fraction` = `dead_fraction`;
            - `hidden_units` = the units of the architecture's hidden layers: mlp 256, 128; cnn 32, 64 (channels); \
            mlp-deep-N N x 128;
            - `inactive_units` = `inactive_fraction` x `hidden_units` per layer (exact: each fraction is a count over \
            the layer's units);
            - `network_inactive_fraction` = sum of `inactive_units` / sum of `hidden_units`: weighted by units, so it \
            differs from `mean_dead_fraction` wherever the layers differ in size (the MLP and the CNN; for \
            mlp-deep-N the two agree);
            - the recovered and newly inactive units stay null: earlier versions did not follow units across \
            checkpoints.

            `dead_fraction` and `mean_dead_fraction` stay in the schema, null in rows landed since, so that compacting \
            an output folder landed partly by an earlier version keeps them.

            A `comparisons` table landed by an earlier version names the metric `dead_fraction` and compared \
            `mean_dead_fraction`, the unweighted mean; comparing again (`analyze`, `report`) gives `inactive_fraction` \
            on the weighted figure.
            """;

    private EarlierInactiveUnits() {}

    /** The per-layer inactive fraction of a row: {@code inactive_fraction}, else its earlier name's. */
    public static List<Double> inactiveFraction(List<Double> inactiveFraction, List<Double> deadFraction) {
        return inactiveFraction != null ? inactiveFraction : deadFraction;
    }

    /**
     * The network's inactive fraction of a row: {@code network_inactive_fraction}, else computed from the per-layer
     * fractions and the architecture's units; NaN if neither is there.
     */
    public static double networkInactiveFraction(Double network, List<Double> perLayer, String architecture) {
        if (network != null) {
            return network;
        }
        if (perLayer == null) {
            return Double.NaN;
        }
        List<Integer> units = Architectures.hiddenUnits(architecture);
        if (units.size() != perLayer.size()) {
            throw new IllegalArgumentException("an epochs row of " + architecture + " has " + perLayer.size()
                    + " hidden layers' fractions; the architecture has " + units.size() + " hidden layers");
        }
        int[] counts = new int[units.size()];
        for (int h = 0; h < counts.length; h++) {
            counts[h] = (int) Math.round(perLayer.get(h) * units.get(h));
        }
        return CheckpointMetrics.networkFraction(counts, units.stream().mapToInt(Integer::intValue).toArray());
    }
}

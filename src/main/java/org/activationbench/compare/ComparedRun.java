package org.activationbench.compare;

import java.util.List;
import java.util.Map;

/**
 * A run's results as read, the settings they were compared with, the comparisons written to its table, and a tuned
 * grid's stored choices of learning rate (empty for a fixed grid, or before any is made).
 */
public record ComparedRun(Snapshot snapshot, Analysis.Settings settings, List<Comparison> comparisons,
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices) {

    /** A run without chosen learning rates. */
    public ComparedRun(Snapshot snapshot, Analysis.Settings settings, List<Comparison> comparisons) {
        this(snapshot, settings, comparisons, Map.of());
    }

    /** How many comparisons found a significant difference. */
    public long significant() {
        return comparisons.stream().filter(Comparison::significant).count();
    }
}

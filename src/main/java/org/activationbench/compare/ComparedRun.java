package org.activationbench.compare;

import java.util.List;

/** A run's results as read, the settings they were compared with, and the comparisons written to its table. */
public record ComparedRun(Snapshot snapshot, Analysis.Settings settings, List<Comparison> comparisons) {

    /** How many comparisons found a significant difference. */
    public long significant() {
        return comparisons.stream().filter(Comparison::significant).count();
    }
}

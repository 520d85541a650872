package org.activationbench.report;

import java.util.Comparator;
import java.util.List;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;

/** What every section needs to know of a run's shape: its settings, their last checkpoints, the activation labels. */
record RunOutline(Snapshot snapshot, String baseline) {

    /** The architectures (marked with their strategy where it is not per-task) that reached a checkpoint, sorted. */
    List<String> settings() {
        return snapshot.epochs().stream().map(EpochRow::setting).distinct().sorted().toList();
    }

    /** The activation labels, by activation and then alpha: the order of every legend. */
    List<String> labels() {
        return snapshot.epochs().stream().sorted(Comparator.comparing(EpochRow::activation)
                .thenComparing(e -> e.alpha() == null ? 0.0 : e.alpha())).map(EpochRow::label).distinct().toList();
    }

    int finalEpoch(String setting) {
        return snapshot.epochs().stream().filter(e -> e.setting().equals(setting)).mapToInt(EpochRow::epoch).max().orElse(0);
    }

    /** The SQL condition selecting one setting's rows of a view. */
    static String where(String setting) {
        return "setting = " + literal(setting);
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}

package org.activationbench.report;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;

/** What every section needs to know of a run's shape: its settings, their last checkpoints, the activation labels. */
record RunOutline(Snapshot snapshot, String baseline) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    /**
     * Settings by architecture, the number in its name read as a number (mlp-deep-2 before mlp-deep-16), then strategy
     * (per-task first), as the report's queries order them with the notebook's {@code setting_order} macro.
     */
    static final Comparator<String> SETTING_ORDER = Comparator.<String, String>comparing(
                    s -> NUMBER.matcher(architecture(s)).replaceAll(""))
            .thenComparingLong(s -> number(architecture(s))).thenComparing(Comparator.naturalOrder());

    /** The architectures (marked with their strategy where it is not per-task) that reached a checkpoint, in order. */
    List<String> settings() {
        return snapshot.epochs().stream().map(EpochRow::setting).distinct().sorted(SETTING_ORDER).toList();
    }

    private static String architecture(String setting) {
        int strategy = setting.indexOf(" · ");
        return strategy < 0 ? setting : setting.substring(0, strategy);
    }

    private static long number(String architecture) {
        Matcher m = NUMBER.matcher(architecture);
        return m.find() ? Long.parseLong(m.group()) : 0;
    }

    /** The activation labels, by activation and then alpha: the order of every legend. */
    List<String> labels() {
        return snapshot.epochs().stream().sorted(Comparator.comparing(EpochRow::activation)
                .thenComparing(e -> e.alpha() == null ? 0.0 : e.alpha())).map(EpochRow::label).distinct().toList();
    }

    /** The hidden layers whose inactive units a setting's checkpoints measure. */
    int hiddenLayers(String setting) {
        return snapshot.epochs().stream().filter(e -> e.setting().equals(setting) && e.inactiveFraction() != null)
                .mapToInt(e -> e.inactiveFraction().size()).max().orElse(0);
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

package org.activationbench.grid;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for an experiment's name, which becomes the {@code experiment=} folder of every table. Spark and Hive
 * skip files and folders whose names start with {@code _} or {@code .}, and read {@code __HIVE_DEFAULT_PARTITION__}
 * as null: rows landed under such a name would vanish at compaction.
 */
final class ExperimentName {

    static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private ExperimentName() {}

    /** What is wrong with the name, as a grid problem naming the key, the value and the fix; empty if nothing. */
    static Optional<String> problem(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("experiment: '" + shown + "' may use only letters, digits, '-' and '_'");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("experiment: '" + shown + "' has " + name.length() + " characters; use at most " + MAX_LENGTH);
        }
        if (name.startsWith("_")) {
            return Optional.of("experiment: '" + shown + "' starts with '_', which Spark and Hive treat as hidden (or, for "
                    + "__HIVE_DEFAULT_PARTITION__, as null); start it with a letter or digit");
        }
        return Optional.empty();
    }
}

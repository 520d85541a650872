package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The problems found in a grid file so far; reads typed values, recording a problem instead of throwing. */
final class ConfigProblems {

    private final Set<String> problems;
    private final String prefix;

    ConfigProblems() {
        this(new LinkedHashSet<>(), "");
    }

    private ConfigProblems(Set<String> problems, String prefix) {
        this.problems = problems;
        this.prefix = prefix;
    }

    /**
     * The same problems, read from a block nested in the grid file (one of {@code grid.conditions}): every problem
     * recorded through the view starts with {@code prefix}, so that it names the key's place in the file.
     */
    ConfigProblems within(String newPrefix) {
        return new ConfigProblems(problems, prefix + newPrefix);
    }

    void add(String problem) {
        problems.add(prefix + problem);
    }

    void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new GridException(source, new ArrayList<>(problems));
        }
    }

    String string(Config c, String key, String fallback) {
        if (!c.hasPath(key)) {
            return fallback;
        }
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.STRING) {
            add(key + ": expected a string, found " + v.render());
            return fallback;
        }
        return (String) v.unwrapped();
    }

    String among(Config c, String key, String fallback, List<String> allowed) {
        String value = string(c, key, fallback);
        if (value != null && !allowed.contains(value)) {
            add(Suggestion.unknownValue(key, value, allowed));
        }
        return value;
    }

    boolean bool(Config c, String key, boolean fallback) {
        if (!c.hasPath(key)) {
            return fallback;
        }
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.BOOLEAN) {
            add(key + ": expected true or false, found " + v.render());
            return fallback;
        }
        return (Boolean) v.unwrapped();
    }

    double number(Config c, String key, double fallback) {
        if (!c.hasPath(key)) {
            return fallback;
        }
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.NUMBER) {
            add(key + ": expected a number, found " + v.render());
            return fallback;
        }
        return ((Number) v.unwrapped()).doubleValue();
    }

    <T> List<T> list(Config c, String key, List<T> fallback, ConfigValueType type, Function<Object, T> convert) {
        if (!c.hasPath(key)) {
            return fallback;
        }
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.LIST) {
            add(key + ": expected a list such as [a, b], found " + v.render());
            return List.of();
        }
        List<?> raw = (List<?>) v.unwrapped();
        if (raw.isEmpty()) {
            add(key + ": the list is empty; give at least one value");
            return List.of();
        }
        List<T> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Object item : raw) {
            boolean right = switch (type) {
                case STRING -> item instanceof String;
                case BOOLEAN -> item instanceof Boolean;
                default -> item instanceof Number;
            };
            if (!right) {
                add(key + ": expected " + switch (type) {
                    case STRING -> "names";
                    case BOOLEAN -> "true or false";
                    default -> "numbers";
                } + ", found " + item);
                continue;
            }
            T value = convert.apply(item);
            Object identity = item instanceof Number n ? (Object) n.doubleValue() : item;
            if (!seen.add(identity)) {
                add(key + ": duplicate value " + item);
                continue;
            }
            values.add(value);
        }
        return values;
    }
}

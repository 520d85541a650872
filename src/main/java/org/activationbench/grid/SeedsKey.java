package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** A grid's seeds key: a count of seeds from a first one, or a list of seeds. */
final class SeedsKey {

    private SeedsKey() {}

    /** {@code grid.seeds}: seeds 0 to 4 where the file does not set it. */
    static List<Long> seeds(Config config, ConfigProblems p) {
        if (!config.hasPath("grid.seeds")) {
            return List.of(0L, 1L, 2L, 3L, 4L);
        }
        return seeds(config, p, "grid.seeds", 0);
    }

    /** A seeds key: a count (seeds {@code first} .. {@code first + count - 1}) or a list of seeds. */
    static List<Long> seeds(Config config, ConfigProblems p, String key, long first) {
        ConfigValue value = config.getValue(key);
        if (value.valueType() == ConfigValueType.NUMBER) {
            Integer count = GridParser.wholeNumber(value.unwrapped());
            if (count == null || count <= 0 || count > GridParser.MAX_SEEDS) {
                p.add(key + ": a count must be a whole number from 1 to " + GridParser.MAX_SEEDS + ", found " + value.render());
                return List.of();
            }
            return LongStream.range(first, first + count).boxed().toList();
        }
        if (value.valueType() != ConfigValueType.LIST) {
            p.add(key + ": expected a count such as 5 (seeds " + first + " to " + (first + 4) + ") or a list of seeds such"
                    + " as [0, 7], found " + value.render());
            return List.of();
        }
        List<Integer> list = p.list(config, key, List.of(), ConfigValueType.NUMBER, GridParser::wholeNumber);
        List<Long> seeds = new ArrayList<>();
        for (Integer s : list) {
            if (s == null || s < 0) {
                p.add(key + ": seeds must be whole numbers >= 0");
            } else {
                seeds.add((long) s);
            }
        }
        return seeds;
    }
}

package org.activationbench.grid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Seeds as people read them: runs of consecutive seeds as ranges, {@code 0-1, 1000-1001}, single seeds alone. */
public final class SeedRanges {

    private SeedRanges() {}

    /** The seeds, sorted and without repeats, as ranges. */
    public static String of(Collection<Long> seeds) {
        List<String> parts = new ArrayList<>();
        Long start = null;
        Long previous = null;
        for (long s : new TreeSet<>(seeds)) {
            if (previous != null && s == previous + 1) {
                previous = s;
                continue;
            }
            if (start != null) {
                parts.add(part(start, previous));
            }
            start = s;
            previous = s;
        }
        if (start != null) {
            parts.add(part(start, previous));
        }
        return String.join(", ", parts);
    }

    private static String part(long start, long end) {
        return start == end ? String.valueOf(start) : start + "-" + end;
    }
}

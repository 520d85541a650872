package org.activationbench.grid;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean": the allowed name nearest to a mistyped one, when it is near enough to be the one meant: an edit
 * distance of at most a third of the longer name. Names of four characters or fewer are too short to tell a typo from
 * another name ({@code gelu} is not a mistyped {@code relu}), so they get none.
 */
public final class Suggestion {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestion() {}

    /** The allowed name nearest to {@code typed}, if near enough; the first in {@code allowed}'s order on a tie. */
    public static Optional<String> nearest(String typed, Collection<String> allowed) {
        return allowed.stream().filter(a -> DISTANCE.apply(typed, a) <= edits(Math.max(typed.length(), a.length())))
                .min(Comparator.comparingInt(a -> DISTANCE.apply(typed, a)));
    }

    private static int edits(int longer) {
        return longer <= 4 ? 0 : longer / 3;
    }

    /** The message of an unknown value: the nearest allowed one if there is one, else all of them. */
    public static String unknownValue(String key, String value, Collection<String> allowed) {
        return key + ": unknown value '" + value + "'" + nearest(value, allowed).map(n -> "; did you mean " + n + "?")
                .orElse("; allowed: " + String.join(", ", allowed));
    }
}

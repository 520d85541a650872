package org.activationbench.grid;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What computes a trial's layers and updates: the project's equivalent, faster replacements of Deeplearning4j's
 * internals ({@code fast}, the default), or Deeplearning4j's own ({@code stock}), so that any result can be rerun
 * without the replacements.
 */
public enum Engine {
    FAST("fast"),
    STOCK("stock");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    /** The name used in grid files, options and tables. */
    public String label() {
        return label;
    }

    /** The engine a grid file or option names, if it is one. */
    public static Optional<Engine> find(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    /** The names a grid file or option may use. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Engine::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}

package org.activationbench.grid;

import java.util.List;

/** A grid file that cannot be run; carries every problem found, each naming its key and the allowed values. */
public final class GridException extends RuntimeException {

    private final List<String> problems;

    public GridException(String source, List<String> problems) {
        super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}

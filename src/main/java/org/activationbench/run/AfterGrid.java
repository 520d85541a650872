package org.activationbench.run;

import java.util.Optional;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;

/**
 * What runs on the driver once a grid's tables are compacted, in the same Spark session: the command line plugs the
 * comparisons and the report in here, so that the driver itself knows nothing of them.
 */
@FunctionalInterface
public interface AfterGrid {

    AfterGrid NOTHING = (store, grid, output) -> {};

    /** @param output the output folder (path or URI) the tables landed in */
    void landed(ResultStore store, GridSpec grid, String output);

    /** Why these steps could not run after a grid written to {@code output}, checked before any work; empty if they can. */
    default Optional<String> problem(String output) {
        return Optional.empty();
    }
}

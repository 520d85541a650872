package org.activationbench.run;

import java.util.List;
import java.util.Set;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;

/**
 * Which trials a sequential grid ({@code analysis.sequential}) runs next: the command line plugs the comparisons in
 * here, so that the driver knows nothing of them. Called before every round with what has landed.
 */
@FunctionalInterface
public interface NextRound {

    /** Runs every trial up to max-seeds at once: the fixed design of the same grid. */
    NextRound ALL = (store, grid, settled, unsettled) -> unsettled;

    /**
     * @param settled   ids of the trials whose result is in (a final status, or FAILED in this run)
     * @param unsettled the grid's other trials, in the grid's order
     * @return the trials to run in the next round, of {@code unsettled}; empty when the grid is done
     */
    List<TrialConfig> next(ResultStore store, GridSpec grid, Set<String> settled, List<TrialConfig> unsettled);
}

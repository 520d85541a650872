package org.activationbench.rounds;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.compare.SequentialComparisons;
import org.activationbench.compare.Snapshot;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.run.NextRound;

/** The driver's rounds of a sequential grid, chosen by the comparisons from the rows landed so far. */
public record SequentialRounds() implements NextRound {

    @Override
    public List<TrialConfig> next(ResultStore store, GridSpec grid, Set<String> settled, List<TrialConfig> unsettled) {
        Snapshot snapshot = Snapshot.load(store, grid);
        Set<String> keys = grid.trials().stream().filter(t -> settled.contains(t.trialId()))
                .map(t -> SequentialComparisons.key(grid, t)).collect(Collectors.toSet());
        return new SequentialComparisons(grid, snapshot.observations(), keys).next(unsettled);
    }
}

package org.activationbench.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.spark.NextRound;

/**
 * The driver's rounds of {@code protocol = tuned}: first every tuning trial and every fixed-rate trial (neither depends
 * on a choice), then the confirmation trials at the rates chosen from the landed tuning rows. The choice is made afresh
 * from the landed rows before each round, so {@code --resume} continues whichever stage was cut short; a chosen rate
 * equal to training.learning-rate is the fixed-rate trial itself and is not trained twice.
 */
public record TunedRounds() implements NextRound {

    @Override
    public List<TrialConfig> next(ResultStore store, GridSpec grid, Set<String> settled, List<TrialConfig> unsettled) {
        List<TrialConfig> first = unsettled.stream().filter(t -> t.stage() != Stage.CONFIRMATION).toList();
        if (!first.isEmpty()) {
            return first;
        }
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices =
                TunedProtocol.choices(Snapshot.load(store, grid.experiment(), grid.render()), grid);
        return unsettled.stream().filter(t -> {
            LearningRateChoice.Chosen chosen = choices.get(TunedProtocol.key(t.dataset(), t.architecture(),
                    t.strategy().name(), t.activationLabel()));
            return chosen != null && chosen.learningRate() == t.learningRate();
        }).toList();
    }
}

package org.activationbench.rounds;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.SequentialComparisons;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.run.NextRound;

/**
 * The driver's rounds of {@code protocol = tuned}: first every tuning trial and every fixed-rate trial (neither depends
 * on a choice), then the confirmation trials at the rates chosen from the landed tuning rows. The choice is made afresh
 * from the landed rows before each round, so {@code --resume} continues whichever stage was cut short; a chosen rate
 * equal to training.learning-rate is the fixed-rate trial itself and is not trained twice.
 *
 * <p>With {@code analysis.sequential} the confirmation seeds come on demand: after the tuning trials, each round runs
 * the seeds the open tuned comparisons need next ({@link TunedProtocol#sequential}), at the chosen rates, and the
 * fixed-rate trials of the same activations and seeds, so that the fixed-rate comparison pairs the seeds the tuned
 * one used.
 */
public final class TunedRounds implements NextRound {

    private final PrintStream console;
    /** The choice last printed: the driver asks for a round after every round, and the same choice is said once. */
    private String said;

    /** Rounds that say the chosen rates on {@code console}, when they are chosen. */
    public TunedRounds(PrintStream console) {
        this.console = console;
    }

    /** Rounds that say the chosen rates on standard output. */
    public TunedRounds() {
        this(System.out);
    }

    @Override
    public List<TrialConfig> next(ResultStore store, GridSpec grid, Set<String> settled, List<TrialConfig> unsettled) {
        boolean onDemand = grid.sequential() != null;
        List<TrialConfig> first = unsettled.stream()
                .filter(t -> onDemand ? t.stage() == Stage.TUNING : t.stage() != Stage.CONFIRMATION).toList();
        if (!first.isEmpty()) {
            return first;
        }
        Snapshot snapshot = Snapshot.load(store, grid);
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices = TunedProtocol.choices(snapshot, grid);
        List<TrialConfig> chosen = unsettled.stream().filter(t -> TunedProtocol.atChosenRate(t, choices)).toList();
        if (!choices.isEmpty()) {
            String line = grid.experiment() + ": learning rates chosen on validation accuracy at epoch "
                    + grid.tuning().epoch() + ": " + choices.values().stream()
                            .sorted(java.util.Comparator.comparing((LearningRateChoice.Chosen c) -> c.key().architecture())
                                    .thenComparing(c -> c.key().strategy()).thenComparing(c -> c.key().label()))
                            .map(c -> Snapshot.setting(c.key().architecture(), c.key().strategy()) + " " + c.key().label()
                                    + " " + TrialConfig.number(c.learningRate()))
                            .collect(Collectors.joining(", "));
            if (!line.equals(said)) {
                console.println(line);
                said = line;
            }
        }
        if (!onDemand) {
            return chosen;
        }
        List<TrialConfig> tuned = TunedProtocol.sequential(snapshot, grid, choices, settled).next(chosen);
        if (!grid.tuning().compareFixed()) {
            return tuned;
        }
        Set<String> wanted = tuned.stream().map(t -> SequentialComparisons.key(grid, t)).collect(Collectors.toSet());
        Set<TrialConfig> next = new LinkedHashSet<>(tuned);
        unsettled.stream().filter(t -> t.stage() == Stage.FIXED && wanted.contains(SequentialComparisons.key(grid, t)))
                .forEach(next::add);
        return List.copyOf(next);
    }
}

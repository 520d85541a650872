package org.activationbench.rounds;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.SequentialComparisons;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.StoredChoices;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.run.NextRound;

/**
 * The driver's rounds of {@code protocol = tuned}: first every tuning trial and every fixed-rate trial (neither depends
 * on a choice), then the confirmation trials at the chosen rates. A key's rate is chosen in the round after its tuning
 * trials have all landed and stored in {@code learning_rates} at once ({@link StoredChoices}); from then on, in this run
 * and after any {@code --resume}, it is read back, checked against the tuning trials, and never chosen again, and that
 * key's tuning trials do not run again (a FAILED one counted as 0 when the choice was made). A chosen rate equal to
 * training.learning-rate is the fixed-rate trial itself and is not trained twice.
 *
 * <p>With {@code analysis.sequential} the confirmation seeds come on demand: after the tuning trials, each round runs
 * the seeds the open tuned comparisons need next ({@link TunedProtocol#sequential}), at the chosen rates, and the
 * fixed-rate trials of the same activations and seeds, so that the fixed-rate comparison pairs the seeds the tuned
 * one used.
 */
public final class TunedRounds implements NextRound {

    private final PrintStream console;
    /** Whether a choice made is stored: false for a command that only asks what a run would do next. */
    private final boolean store;
    /** The keys whose rates were last printed: the driver asks for a round after every round; each choice is said once. */
    private Set<LearningRateChoice.Key> said = Set.of();

    /** Rounds that store the rates they choose and say them on {@code console}, when chosen or read back. */
    public TunedRounds(PrintStream console) {
        this(console, true);
    }

    /** Rounds that say the chosen rates on standard output. */
    public TunedRounds() {
        this(System.out);
    }

    private TunedRounds(PrintStream console, boolean store) {
        this.console = console;
        this.store = store;
    }

    /** The rounds a run would make, saying nothing and storing no choice: what the next round would be, and no more. */
    public static TunedRounds preview() {
        return new TunedRounds(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    @Override
    public List<TrialConfig> next(ResultStore store, GridSpec grid, Set<String> settled, List<TrialConfig> unsettled) {
        boolean onDemand = grid.sequential() != null;
        Set<LearningRateChoice.Key> stored = StoredChoices.read(store).keySet();
        List<TrialConfig> first = unsettled.stream()
                .filter(t -> onDemand ? t.stage() == Stage.TUNING : t.stage() != Stage.CONFIRMATION)
                .filter(t -> t.stage() != Stage.TUNING || !stored.contains(TunedProtocol.key(t))).toList();
        if (!first.isEmpty() && stored.isEmpty() && !StoredChoices.due(grid, settled, stored)) {
            return first;
        }
        Snapshot snapshot = Snapshot.load(store, grid);
        // Before anything runs: the stored choices checked, and those whose tuning trials have landed made and stored.
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices = StoredChoices.settle(store, grid, snapshot, settled,
                this.store);
        say(grid, choices, stored);
        if (!first.isEmpty()) {
            return first;
        }
        List<TrialConfig> chosen = unsettled.stream().filter(t -> TunedProtocol.atChosenRate(t, choices)).toList();
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

    /** Prints the rates when the set of choices changes: chosen now, or read back as stored before this run. */
    private void say(GridSpec grid, Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices,
            Set<LearningRateChoice.Key> storedBefore) {
        if (choices.isEmpty() || choices.keySet().equals(said)) {
            return;
        }
        boolean madeNow = !storedBefore.containsAll(choices.keySet());
        console.println(grid.experiment() + (madeNow ? ": learning rates chosen on validation accuracy at epoch "
                + grid.tuning().epoch() + " and stored in learning_rates: "
                : ": learning rates as chosen before, read back from learning_rates: ")
                + choices.values().stream()
                        .sorted(Comparator.comparing((LearningRateChoice.Chosen c) -> c.key().architecture())
                                .thenComparing(c -> c.key().strategy()).thenComparing(c -> c.key().condition())
                                .thenComparing(c -> c.key().label()))
                        .map(c -> Snapshot.setting(c.key().architecture(), c.key().strategy())
                                + (grid.conditions().count() > 1 ? " (" + c.key().condition() + ")" : "") + " "
                                + c.key().label() + " " + TrialConfig.number(c.learningRate()))
                        .collect(Collectors.joining(", ")));
        said = Set.copyOf(choices.keySet());
    }
}

package org.activationbench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.activationbench.compare.LearningRateChoice.Chosen;
import org.activationbench.compare.LearningRateChoice.Key;
import org.activationbench.compare.LearningRateChoice.RateMean;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.Stage;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.LearningRateRow;
import org.activationbench.results.ResultStore;

/**
 * A tuned grid's choices of learning rate as stored in {@code learning_rates}: each made once, when the tuning trials of
 * its key have all landed, written at that moment, and from then on read back, never made again. The driver's rounds,
 * the comparisons and the report take the chosen rates from here; a stored choice that the tuning trials no longer give
 * is a {@link ChoiceConflict}.
 */
public final class StoredChoices {

    /** How far a stored mean may be from the same mean computed again: only the order of the sum may differ. */
    private static final double SAME_MEAN = 1e-12;

    private StoredChoices() {}

    /** The choices stored in {@code store}, each key's rows gathered into the choice they record. */
    public static Map<Key, Chosen> read(ResultStore store) {
        return gather(store.learningRates().read());
    }

    private static Map<Key, Chosen> gather(List<LearningRateRow> rows) {
        Map<Key, Chosen> out = new LinkedHashMap<>();
        Map<Key, List<LearningRateRow>> byKey = rows.stream().collect(Collectors.groupingBy(
                StoredChoices::key, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Key, List<LearningRateRow>> e : byKey.entrySet()) {
            List<LearningRateRow> chosen = e.getValue().stream().filter(LearningRateRow::chosen).toList();
            if (chosen.size() != 1) {
                throw new ChoiceConflict("learning_rates holds " + chosen.size() + " chosen rates for " + describe(e.getKey())
                        + ", where a choice has exactly one; the table was edited: restore it, or run the grid again into"
                        + " another --output (or with --overwrite)");
            }
            List<RateMean> rates = e.getValue().stream().sorted(java.util.Comparator.comparingDouble(
                    LearningRateRow::learningRate)).map(r -> new RateMean(r.learningRate(), r.meanValidationAccuracy(),
                            r.tuningSeeds())).toList();
            out.put(e.getKey(), new Chosen(e.getKey(), chosen.get(0).learningRate(), rates));
        }
        return out;
    }

    /**
     * The choices of the keys {@code grid} lists: those stored, each checked against what {@code snapshot}'s tuning
     * trials give, and those of the keys whose tuning trials have all landed ({@code landed}: trial ids) but have none
     * stored yet, made now by {@link LearningRateChoice} and stored. Throws {@link ChoiceConflict}.
     */
    public static Map<Key, Chosen> settle(ResultStore store, GridSpec grid, Snapshot snapshot, Set<String> landed) {
        return settle(store, grid, snapshot, landed, true);
    }

    /**
     * As {@link #settle(ResultStore, GridSpec, Snapshot, Set)}; with {@code write} false the choices not stored yet
     * are made but not stored: what a run would choose, for a command that only looks.
     */
    public static Map<Key, Chosen> settle(ResultStore store, GridSpec grid, Snapshot snapshot, Set<String> landed,
            boolean write) {
        List<LearningRateRow> rows = store.learningRates().read();
        Map<Key, Chosen> stored = gather(rows);
        Map<Key, Integer> epochs = new LinkedHashMap<>();
        rows.forEach(r -> epochs.put(key(r), r.tuningEpoch()));
        Map<Key, Chosen> now = TunedProtocol.choices(snapshot, grid);
        Set<String> inRuns = snapshot.runs().stream().map(Snapshot.RunRow::trialId).collect(Collectors.toSet());
        Map<Key, Chosen> out = new LinkedHashMap<>();
        for (Map.Entry<Key, List<TrialConfig>> e : tuningTrials(grid).entrySet()) {
            Key key = e.getKey();
            Chosen made = stored.get(key);
            if (made != null) {
                conflict(made, epochs.get(key), now.get(key), grid, e.getValue(), inRuns).ifPresent(m -> {
                    throw new ChoiceConflict(m);
                });
                out.put(key, made);
            } else if (now.containsKey(key) && e.getValue().stream().allMatch(t -> landed.contains(t.trialId()))) {
                if (write) {
                    store.learningRates().write(rows(now.get(key), grid.tuning().epoch()));
                }
                out.put(key, now.get(key));
            }
        }
        return out;
    }

    /** Whether a key {@code grid} lists has all its tuning trials landed and no choice among {@code stored} yet. */
    public static boolean due(GridSpec grid, Set<String> landed, Set<Key> stored) {
        return tuningTrials(grid).entrySet().stream().anyMatch(e -> !stored.contains(e.getKey())
                && e.getValue().stream().allMatch(t -> landed.contains(t.trialId())));
    }

    /** The rows that record a choice: one per rate tried, the chosen one marked. */
    public static List<LearningRateRow> rows(Chosen c, int tuningEpoch) {
        Key k = c.key();
        return c.rates().stream().map(r -> new LearningRateRow(k.dataset(), k.architecture(), k.strategy(), k.condition(),
                k.label(), r.learningRate(), tuningEpoch, r.seeds(), r.meanValidationAccuracy(), c.at(r.learningRate())))
                .toList();
    }

    /** Why a stored choice is not what its tuning trials give now, or empty if it is. */
    private static Optional<String> conflict(Chosen stored, int epoch, Chosen now, GridSpec grid, List<TrialConfig> tuning,
            Set<String> inRuns) {
        String what = "learning_rates holds the rate chosen for " + describe(stored.key()) + ", " + summary(stored) + ", ";
        String fix = "; a rate is chosen once, when its tuning trials have landed, and read back ever after, so the two"
                + " differ only if the tables were edited or the grid's grid.learning-rates, tuning.seeds or tuning.epoch"
                + " changed since: restore them, or run the grid again into another --output (or with --overwrite)";
        List<TrialConfig> unseen = tuning.stream().filter(t -> !inRuns.contains(t.trialId())).toList();
        if (!unseen.isEmpty()) {
            return Optional.of(what + "but the grid lists " + unseen.size() + " tuning trial(s) of it that the choice was"
                    + " not made from (" + unseen.stream().limit(3).map(t -> "learning rate "
                            + TrialConfig.number(t.learningRate()) + " seed " + t.seed()).collect(Collectors.joining(", "))
                    + (unseen.size() > 3 ? ", ..." : "") + ")" + fix);
        }
        if (epoch != grid.tuning().epoch()) {
            return Optional.of(what + "at epoch " + epoch + ", but the grid's tuning.epoch is " + grid.tuning().epoch() + fix);
        }
        if (now == null) {
            return Optional.of(what + "but its tuning trials are not in runs" + fix);
        }
        boolean same = stored.at(now.learningRate()) && stored.rates().size() == now.rates().size();
        for (int i = 0; same && i < stored.rates().size(); i++) {
            RateMean a = stored.rates().get(i);
            RateMean b = now.rates().get(i);
            same = Double.compare(a.learningRate(), b.learningRate()) == 0 && a.seeds() == b.seeds()
                    && Math.abs(a.meanValidationAccuracy() - b.meanValidationAccuracy()) <= SAME_MEAN;
        }
        return same ? Optional.empty()
                : Optional.of(what + "but its tuning trials in runs and epochs now give " + summary(now) + fix);
    }

    /** The tuning trials the grid lists, per key. */
    private static Map<Key, List<TrialConfig>> tuningTrials(GridSpec grid) {
        Map<Key, List<TrialConfig>> out = new LinkedHashMap<>();
        for (TrialConfig t : grid.trials()) {
            if (t.stage() == Stage.TUNING) {
                out.computeIfAbsent(TunedProtocol.key(t), k -> new ArrayList<>()).add(t);
            }
        }
        return out;
    }

    private static Key key(LearningRateRow r) {
        return TunedProtocol.key(r.dataset(), r.architecture(), r.strategy(), r.condition(), r.activationLabel());
    }

    private static String describe(Key k) {
        return k.label() + " on " + Snapshot.setting(k.architecture(), k.strategy()) + " (" + k.dataset() + ", "
                + k.condition() + ")";
    }

    private static String summary(Chosen c) {
        Map<Double, RateMean> byRate = new TreeMap<>();
        c.rates().forEach(r -> byRate.put(r.learningRate(), r));
        return TrialConfig.number(c.learningRate()) + " of " + byRate.values().stream().map(r -> TrialConfig.number(
                r.learningRate()) + ": " + String.format("%.4f%%", 100 * r.meanValidationAccuracy()) + " (" + r.seeds()
                + " seeds)").collect(Collectors.joining(", "));
    }
}

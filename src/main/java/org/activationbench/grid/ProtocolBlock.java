package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.TreeSet;

/**
 * The keys of a fair comparison: the validation split ({@code data.validation-*}), the learning-rate dimension
 * ({@code grid.learning-rates}) and the two-stage protocol ({@code protocol}, {@code tuning.*}). Problems are recorded,
 * not thrown, like every other key's.
 */
final class ProtocolBlock {

    static final String FIXED = "fixed";
    static final String TUNED = "tuned";

    private ProtocolBlock() {}

    /** {@code data.validation-examples} (0 or absent: none) and its seed; null for no split. */
    static ValidationSplit validation(Config config, ConfigProblems p) {
        Integer examples = GridParser.wholeNumber(p.number(config, "data.validation-examples", 0));
        double seedValue = p.number(config, "data.validation-seed", ValidationSplit.DEFAULT_SEED);
        Long seed = seedValue == Math.rint(seedValue) && seedValue >= 0 && seedValue < Long.MAX_VALUE ? (long) seedValue : null;
        if (examples == null || examples < 0) {
            p.add("data.validation-examples: " + config.getValue("data.validation-examples").render()
                    + " is not a whole number >= 0 (0: no validation split; e.g. 10000)");
            return null;
        }
        if (seed == null) {
            p.add("data.validation-seed: " + config.getValue("data.validation-seed").render() + " is not a whole number >= 0");
        }
        if (examples == 0) {
            if (config.hasPath("data.validation-seed")) {
                p.add("data.validation-seed: set, but data.validation-examples is 0 (no split); set data.validation-examples"
                        + " or remove data.validation-seed");
            }
            return null;
        }
        return seed == null ? null : new ValidationSplit(examples, seed);
    }

    /** {@code grid.learning-rates}, or the one training.learning-rate when the grid does not set it. */
    static List<Double> learningRates(Config config, ConfigProblems p, double learningRate) {
        if (!config.hasPath("grid.learning-rates")) {
            return List.of(learningRate);
        }
        List<Double> rates = p.list(config, "grid.learning-rates", List.of(), ConfigValueType.NUMBER,
                v -> ((Number) v).doubleValue());
        for (double rate : rates) {
            if (!(rate > 0) || !Double.isFinite(rate) || rate > GridParser.MAX_LEARNING_RATE) {
                p.add("grid.learning-rates: " + TrialConfig.number(rate) + " is not in (0, "
                        + TrialConfig.number(GridParser.MAX_LEARNING_RATE) + "]; learning rates are typically 1e-4 to 1e-1");
            }
        }
        return rates.stream().filter(r -> r > 0 && Double.isFinite(r)).sorted().toList();
    }

    /** The tuning stage of {@code protocol = tuned}; null for {@code protocol = fixed} (the default). */
    static Tuning tuning(Config config, ConfigProblems p, List<Integer> epochs, List<Long> seeds, List<Double> rates,
            ValidationSplit validation) {
        String protocol = p.among(config, "protocol", FIXED, List.of(FIXED, TUNED));
        if (!TUNED.equals(protocol)) {
            for (String key : List.of("tuning.seeds", "tuning.epoch", "tuning.compare-fixed")) {
                if (config.hasPath(key)) {
                    p.add(key + ": set, but protocol is " + protocol + "; tuning.* applies to protocol = tuned only");
                }
            }
            return null;
        }
        if (validation == null && !config.hasPath("data.validation-examples")) {
            p.add("protocol: tuned chooses each learning rate on validation accuracy, never on the test set; set"
                    + " data.validation-examples (e.g. 10000)");
        }
        if (!config.hasPath("grid.learning-rates")) {
            p.add("protocol: tuned needs grid.learning-rates, the rates to choose from (e.g. [3e-4, 1e-3, 3e-3])");
        } else if (rates.size() == 1) {
            p.add("grid.learning-rates: protocol tuned chooses among rates, found one (" + TrialConfig.number(rates.get(0))
                    + "); give at least two");
        }
        List<Long> tuningSeeds = config.hasPath("tuning.seeds")
                ? SeedsKey.seeds(config, p, "tuning.seeds", Tuning.DEFAULT_FIRST_SEED)
                : java.util.stream.LongStream.range(Tuning.DEFAULT_FIRST_SEED, Tuning.DEFAULT_FIRST_SEED + Tuning.DEFAULT_SEEDS)
                        .boxed().toList();
        TreeSet<Long> shared = new TreeSet<>(tuningSeeds);
        shared.retainAll(seeds);
        if (!shared.isEmpty()) {
            p.add("tuning.seeds: " + shared + " are also confirmation seeds (grid.seeds); the tuning and confirmation"
                    + " seeds must be disjoint, so that the comparison is made on seeds the choice never saw");
        }
        List<Integer> valid = epochs.stream().filter(e -> e != null && e > 0).toList();
        int last = valid.stream().mapToInt(Integer::intValue).max().orElse(1);
        Integer epoch = GridParser.wholeNumber(p.number(config, "tuning.epoch", last));
        if (epoch == null || !valid.contains(epoch)) {
            p.add("tuning.epoch: " + (config.hasPath("tuning.epoch") ? config.getValue("tuning.epoch").render() : "(default)")
                    + " is not a checkpoint in grid.epochs " + valid + "; the rate is chosen at a checkpoint (remove it to"
                    + " use the last)");
        }
        boolean compareFixed = p.bool(config, "tuning.compare-fixed", true);
        return new Tuning(tuningSeeds, epoch == null ? last : epoch, compareFixed);
    }
}

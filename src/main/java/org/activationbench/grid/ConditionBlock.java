package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/**
 * The training settings a grid may cross ({@link ConditionAxes}): each one a {@code training.*} key for one value or a
 * {@code grid.*} list for several, never both; or, in a block of {@code grid.conditions}, the same setting by its
 * short name ({@code optimizer} or {@code optimizers}), the grid's value where the block names none. Problems are
 * recorded, not thrown, like every other key's.
 */
final class ConditionBlock {

    /** A weight decay above this is a typo (an L2 coefficient of 1 halves a weight in a few SGD steps at rate 0.5). */
    static final double MAX_WEIGHT_DECAY = 1;

    /** How one setting is named: one value, several, and the value where neither is given. */
    private record Key<T>(String scalar, String axis, List<T> fallback) {}

    private ConditionBlock() {}

    /** The grid's own settings, crossed, at the grid's learning rates. */
    static ConditionAxes parse(Config config, ConfigProblems p, Vocabulary vocabulary, List<Double> learningRates) {
        return parse(config, p, vocabulary,
                new Key<>("training.optimizer", "grid.optimizers", List.of(Training.DEFAULT_OPTIMIZER)),
                new Key<>("training.weight-init", "grid.weight-inits", List.of(Training.DEFAULT_WEIGHT_INIT)),
                new Key<>("training.bias-init", "grid.bias-inits", List.of(Condition.DEFAULT_BIAS_INIT)),
                new Key<>("training.weight-decay", "grid.weight-decays", List.of(Condition.DEFAULT_WEIGHT_DECAY)),
                new Key<>("training.batch-norm", "grid.batch-norm", List.of(false)), learningRates);
    }

    /**
     * One block of {@code grid.conditions}: each setting the block names, the grid's ({@code grid}) where it names none.
     *
     * @param learningRates the block's learning rates, read by the caller
     */
    static ConditionAxes parseBlock(Config block, ConfigProblems p, Vocabulary vocabulary, ConditionAxes grid,
            List<Double> learningRates) {
        return parse(block, p, vocabulary,
                new Key<>("optimizer", "optimizers", grid.optimizers()),
                new Key<>("weight-init", "weight-inits", grid.weightInits()),
                new Key<>("bias-init", "bias-inits", grid.biasInits()),
                new Key<>("weight-decay", "weight-decays", grid.weightDecays()),
                new Key<>("batch-norm", "batch-norm", grid.batchNorms()), learningRates);
    }

    private static ConditionAxes parse(Config config, ConfigProblems p, Vocabulary vocabulary, Key<String> optimizer,
            Key<String> weightInit, Key<Double> biasInit, Key<Double> weightDecay, Key<Boolean> batchNorm,
            List<Double> learningRates) {
        List<String> optimizers = names(config, p, optimizer, vocabulary.optimizers());
        List<String> weightInits = names(config, p, weightInit, vocabulary.weightInits());
        List<Double> biasInits = numbers(config, p, biasInit);
        for (double b : biasInits) {
            if (!Double.isFinite(b)) {
                p.add(key(config, biasInit) + ": " + b + " is not a finite number");
            }
        }
        List<Double> weightDecays = numbers(config, p, weightDecay);
        for (double w : weightDecays) {
            if (!(w >= 0) || !Double.isFinite(w) || w > MAX_WEIGHT_DECAY) {
                p.add(key(config, weightDecay) + ": " + TrialConfig.number(w) + " is not in [0, "
                        + TrialConfig.number(MAX_WEIGHT_DECAY) + "]; weight decays are typically 1e-5 to 1e-3, 0 for none");
            }
        }
        List<Boolean> batchNorms = booleans(config, p, batchNorm);
        List<String> drawing = vocabulary.biasDrawingInits();
        boolean biasGiven = config.hasPath(biasInit.scalar()) || config.hasPath(biasInit.axis());
        if (!weightInits.isEmpty() && weightInits.stream().allMatch(drawing::contains) && biasGiven
                && biasInits.stream().anyMatch(b -> b != Condition.DEFAULT_BIAS_INIT)) {
            p.add(key(config, biasInit) + ": weight-init " + String.join(", ", weightInits)
                    + " draws the biases itself, so a bias-init has no effect; remove it, or add a weight-init that takes"
                    + " one (" + String.join(", ", vocabulary.weightInits().stream().filter(w -> !drawing.contains(w)).toList())
                    + ")");
        }
        return new ConditionAxes(optimizers, learningRates, weightInits,
                biasInits.stream().filter(Double::isFinite).toList(),
                weightDecays.stream().filter(w -> w >= 0 && Double.isFinite(w)).toList(), batchNorms, drawing);
    }

    private static List<String> names(Config config, ConfigProblems p, Key<String> key, List<String> allowed) {
        if (!oneOf(config, p, key)) {
            if (!config.hasPath(key.scalar())) {
                return key.fallback();
            }
            String value = p.among(config, key.scalar(), null, allowed);
            return value == null ? List.of() : List.of(value);
        }
        List<String> values = p.list(config, key.axis(), List.of(), ConfigValueType.STRING, v -> (String) v);
        for (String v : values) {
            if (!allowed.contains(v)) {
                p.add(Suggestion.unknownValue(key.axis(), v, allowed));
            }
        }
        return values;
    }

    private static List<Double> numbers(Config config, ConfigProblems p, Key<Double> key) {
        if (!oneOf(config, p, key)) {
            if (!config.hasPath(key.scalar())) {
                return key.fallback();
            }
            double value = p.number(config, key.scalar(), Double.NaN); // NaN: not a number, a problem recorded
            return Double.isNaN(value) ? List.of() : List.of(value);
        }
        return p.list(config, key.axis(), List.of(), ConfigValueType.NUMBER, v -> ((Number) v).doubleValue());
    }

    /** A block's {@code batch-norm} is one key for both forms: {@code true} or {@code [false, true]}. */
    private static List<Boolean> booleans(Config config, ConfigProblems p, Key<Boolean> key) {
        boolean list = key.axis().equals(key.scalar())
                ? config.hasPath(key.axis()) && config.getValue(key.axis()).valueType() == ConfigValueType.LIST
                : oneOf(config, p, key);
        if (list) {
            return p.list(config, key.axis(), List.of(), ConfigValueType.BOOLEAN, v -> (Boolean) v);
        }
        return config.hasPath(key.scalar()) ? List.of(p.bool(config, key.scalar(), false)) : key.fallback();
    }

    /** Whether the setting is given as a list; a problem if it is given in both forms. */
    private static boolean oneOf(Config config, ConfigProblems p, Key<?> key) {
        if (config.hasPath(key.scalar()) && config.hasPath(key.axis())) {
            p.add(key.axis() + ": " + key.scalar() + " is set too; give one value as " + key.scalar() + " or several as "
                    + key.axis() + ", not both");
        }
        return config.hasPath(key.axis());
    }

    /** The key that set a setting, for messages. */
    private static String key(Config config, Key<?> key) {
        return config.hasPath(key.axis()) ? key.axis() : key.scalar();
    }
}

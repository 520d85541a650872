package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/**
 * The training settings a grid may cross ({@link ConditionAxes}): each one a {@code training.*} key for one value or a
 * {@code grid.*} list for several, never both. Problems are recorded, not thrown, like every other key's.
 */
final class ConditionBlock {

    /** A weight decay above this is a typo (an L2 coefficient of 1 halves a weight in a few SGD steps at rate 0.5). */
    static final double MAX_WEIGHT_DECAY = 1;

    private ConditionBlock() {}

    static ConditionAxes parse(Config config, ConfigProblems p, Vocabulary vocabulary) {
        List<String> optimizers = names(config, p, "training.optimizer", "grid.optimizers", "adam", vocabulary.optimizers());
        List<String> weightInits = names(config, p, "training.weight-init", "grid.weight-inits", "xavier",
                vocabulary.weightInits());
        List<Double> biasInits = numbers(config, p, "training.bias-init", "grid.bias-inits", Condition.DEFAULT_BIAS_INIT);
        for (double b : biasInits) {
            if (!Double.isFinite(b)) {
                p.add(key(config, "training.bias-init", "grid.bias-inits") + ": " + b + " is not a finite number");
            }
        }
        List<Double> weightDecays = numbers(config, p, "training.weight-decay", "grid.weight-decays",
                Condition.DEFAULT_WEIGHT_DECAY);
        for (double w : weightDecays) {
            if (!(w >= 0) || !Double.isFinite(w) || w > MAX_WEIGHT_DECAY) {
                p.add(key(config, "training.weight-decay", "grid.weight-decays") + ": " + TrialConfig.number(w)
                        + " is not in [0, " + TrialConfig.number(MAX_WEIGHT_DECAY) + "]; weight decays are typically 1e-5 to"
                        + " 1e-3, 0 for none");
            }
        }
        List<Boolean> batchNorms = booleans(config, p);
        List<String> drawing = vocabulary.biasDrawingInits();
        if (!weightInits.isEmpty() && weightInits.stream().allMatch(drawing::contains)
                && biasInits.stream().anyMatch(b -> b != Condition.DEFAULT_BIAS_INIT)) {
            p.add(key(config, "training.bias-init", "grid.bias-inits") + ": weight-init " + String.join(", ", weightInits)
                    + " draws the biases itself, so a bias-init has no effect; remove it, or add a weight-init that takes"
                    + " one (" + String.join(", ", vocabulary.weightInits().stream().filter(w -> !drawing.contains(w)).toList())
                    + ")");
        }
        return new ConditionAxes(optimizers, weightInits,
                biasInits.stream().filter(Double::isFinite).toList(),
                weightDecays.stream().filter(w -> w >= 0 && Double.isFinite(w)).toList(), batchNorms, drawing);
    }

    private static List<String> names(Config config, ConfigProblems p, String scalarKey, String axisKey, String fallback,
            List<String> allowed) {
        if (!oneOf(config, p, scalarKey, axisKey)) {
            return List.of(p.among(config, scalarKey, fallback, allowed));
        }
        List<String> values = p.list(config, axisKey, List.of(), ConfigValueType.STRING, v -> (String) v);
        for (String v : values) {
            if (!allowed.contains(v)) {
                p.add(axisKey + ": unknown value '" + v + "'; allowed: " + String.join(", ", allowed));
            }
        }
        return values;
    }

    private static List<Double> numbers(Config config, ConfigProblems p, String scalarKey, String axisKey, double fallback) {
        if (!oneOf(config, p, scalarKey, axisKey)) {
            return List.of(p.number(config, scalarKey, fallback));
        }
        return p.list(config, axisKey, List.of(), ConfigValueType.NUMBER, v -> ((Number) v).doubleValue());
    }

    private static List<Boolean> booleans(Config config, ConfigProblems p) {
        if (!oneOf(config, p, "training.batch-norm", "grid.batch-norm")) {
            return List.of(p.bool(config, "training.batch-norm", false));
        }
        return p.list(config, "grid.batch-norm", List.of(), ConfigValueType.BOOLEAN, v -> (Boolean) v);
    }

    /** Whether the grid gives the setting as a list; a problem if it gives both forms. */
    private static boolean oneOf(Config config, ConfigProblems p, String scalarKey, String axisKey) {
        if (config.hasPath(scalarKey) && config.hasPath(axisKey)) {
            p.add(axisKey + ": " + scalarKey + " is set too; give one value as " + scalarKey + " or several as " + axisKey
                    + ", not both");
        }
        return config.hasPath(axisKey);
    }

    /** The key that set a setting, for messages. */
    private static String key(Config config, String scalarKey, String axisKey) {
        return config.hasPath(axisKey) ? axisKey : scalarKey;
    }
}

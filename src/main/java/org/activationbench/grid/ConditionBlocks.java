package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code grid.conditions} key: a list of blocks, each a cross of training settings at its own learning rates, for
 * a map of conditions that is not one full cross. A block names settings by their short names ({@code optimizers},
 * {@code learning-rates}, ...); a setting it does not name takes the grid's value. Problems are recorded, not thrown,
 * each naming the block by its place in the list (from 1).
 */
final class ConditionBlocks {

    static final String KEY = "grid.conditions";

    /** Every key a block may set: one value or a list of each setting ({@code batch-norm} takes either). */
    static final List<String> BLOCK_KEYS = List.of("optimizer", "optimizers", "learning-rate", "learning-rates",
            "weight-init", "weight-inits", "bias-init", "bias-inits", "weight-decay", "weight-decays", "batch-norm");

    private static final String EXAMPLE = "[{ optimizers = [adam], learning-rates = [0.001, 0.01] },"
            + " { optimizers = [nesterovs], learning-rates = [0.01, 0.1] }]";

    private ConditionBlocks() {}

    /**
     * The grid's conditions: its own settings crossed ({@code grid}) when it has no {@code grid.conditions}, else the
     * union of the blocks.
     *
     * @param tuned whether the grid runs {@code protocol = tuned}, whose learning rates are the candidates of every
     *              condition alike, so that a block may not set its own
     */
    static ConditionMap parse(Config config, ConfigProblems p, Vocabulary vocabulary, ConditionAxes grid, boolean tuned) {
        if (!config.hasPath(KEY)) {
            return ConditionMap.crossed(grid);
        }
        ConfigValue value = config.getValue(KEY);
        if (value.valueType() != ConfigValueType.LIST) {
            p.add(KEY + ": expected a list of blocks such as " + EXAMPLE + ", found " + render(value));
            return ConditionMap.crossed(grid);
        }
        ConfigList list = (ConfigList) value;
        if (list.isEmpty()) {
            p.add(KEY + ": the list is empty; give at least one block, such as " + EXAMPLE + ", or remove " + KEY
                    + " to cross the grid's own settings");
            return ConditionMap.crossed(grid);
        }
        List<ConditionAxes> blocks = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String name = KEY + ", block " + (i + 1);
            if (list.get(i).valueType() != ConfigValueType.OBJECT) {
                p.add(name + ": expected a block such as { optimizers = [adam], learning-rates = [0.001, 0.01] }, found "
                        + render(list.get(i)));
                continue;
            }
            Config block = ((ConfigObject) list.get(i)).toConfig();
            ConfigProblems q = p.within(name + ", ");
            unknownKeys(block, q);
            List<Double> rates = learningRates(block, q, grid.learningRates(), tuned);
            blocks.add(ConditionBlock.parseBlock(block, q, vocabulary, grid, rates));
            numbers.add(i + 1);
        }
        for (int i = 0; i < blocks.size(); i++) {
            for (int j = i + 1; j < blocks.size(); j++) {
                Optional<String> shared = blocks.get(i).shared(blocks.get(j));
                if (shared.isPresent()) {
                    p.add(KEY + ": blocks " + numbers.get(i) + " and " + numbers.get(j) + " both hold " + shared.get()
                            + "; a condition runs at a learning rate in one block only, so remove it from one of them");
                }
            }
        }
        return blocks.isEmpty() ? ConditionMap.crossed(grid) : new ConditionMap(blocks, true);
    }

    private static void unknownKeys(Config block, ConfigProblems q) {
        for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
            if (!BLOCK_KEYS.contains(e.getKey())) {
                q.add(e.getKey() + ": unknown key" + Suggestion.nearest(e.getKey(), BLOCK_KEYS)
                        .map(n -> "; did you mean " + n + "?")
                        .orElse("; a block may set " + String.join(", ", BLOCK_KEYS)));
            }
        }
    }

    /** The block's {@code learning-rate} or {@code learning-rates}, sorted; the grid's rates where it sets neither. */
    private static List<Double> learningRates(Config block, ConfigProblems q, List<Double> gridRates, boolean tuned) {
        boolean one = block.hasPath("learning-rate");
        boolean several = block.hasPath("learning-rates");
        if (!one && !several) {
            return gridRates;
        }
        String key = several ? "learning-rates" : "learning-rate";
        if (tuned) {
            q.add(key + ": protocol = tuned chooses each activation's rate among grid.learning-rates, in every condition"
                    + " alike; remove the block's " + key + ", or set protocol = fixed to run each condition at its own"
                    + " rates");
            return gridRates;
        }
        if (one && several) {
            q.add("learning-rates: learning-rate is set too; give one rate as learning-rate or several as learning-rates,"
                    + " not both");
        }
        List<Double> rates = several
                ? q.list(block, key, List.of(), ConfigValueType.NUMBER, v -> ((Number) v).doubleValue())
                : List.of(q.number(block, key, Double.NaN)); // NaN: not a number, a problem recorded
        rates = rates.stream().filter(r -> !Double.isNaN(r)).toList();
        for (double rate : rates) {
            if (!(rate > 0) || !Double.isFinite(rate) || rate > GridParser.MAX_LEARNING_RATE) {
                q.add(key + ": " + TrialConfig.number(rate) + " is not in (0, "
                        + TrialConfig.number(GridParser.MAX_LEARNING_RATE) + "]; learning rates are typically 1e-4 to 1e-1");
            }
        }
        return rates.stream().filter(r -> r > 0 && Double.isFinite(r) && r <= GridParser.MAX_LEARNING_RATE).sorted()
                .toList();
    }

    private static String render(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }
}

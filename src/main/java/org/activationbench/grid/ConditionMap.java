package org.activationbench.grid;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conditions a grid runs and the learning rates of each: one cross of its {@code training.*} and {@code grid.*}
 * settings, or the union of the blocks of {@code grid.conditions}, each crossed on its own. No two blocks share a
 * condition at a learning rate, so the union's size is the sum of theirs.
 *
 * @param listed whether the grid lists its conditions in {@code grid.conditions} (one block per element of
 *               {@code blocks}), rather than crossing its own settings (one block)
 */
public record ConditionMap(List<ConditionAxes> blocks, boolean listed) implements Serializable {

    public ConditionMap {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a grid has at least one block of conditions");
        }
    }

    /** The conditions of a grid without {@code grid.conditions}: its settings crossed. */
    public static ConditionMap crossed(ConditionAxes axes) {
        return new ConditionMap(List.of(axes), false);
    }

    /** Every condition of every block, once, in the blocks' order; a condition may run at several learning rates. */
    public List<Condition> conditions() {
        Set<Condition> out = new LinkedHashSet<>();
        blocks.forEach(b -> out.addAll(b.conditions()));
        return List.copyOf(out);
    }

    /** How many conditions the blocks cross, summed, without listing them: {@link #conditions()}'s size unless a
     * condition runs at different rates in different blocks. */
    public long count() {
        return blocks.stream().mapToLong(ConditionAxes::count).sum();
    }

    /** How many pairs of a condition and a learning rate the blocks hold: the comparisons per activation setting. */
    public long settings() {
        return blocks.stream().mapToLong(b -> b.count() * b.learningRates().size()).sum();
    }

    /** The only block of a grid without {@code grid.conditions}. */
    ConditionAxes crossed() {
        if (listed) {
            throw new IllegalStateException("the grid lists its conditions in grid.conditions");
        }
        return blocks.get(0);
    }
}

package org.activationbench.grid;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/** The {@code analysis.sequential} block of a grid file: seeds run in rounds until each comparison is decided. */
final class SequentialBlock {

    private SequentialBlock() {}

    /** The {@code analysis.sequential} block, or null if the grid has none; problems are recorded, not thrown. */
    static SequentialSettings parse(Config config, ConfigProblems p, List<Integer> epochs) {
        if (!config.hasPath("analysis.sequential")) {
            return null;
        }
        if (config.getValue("analysis.sequential").valueType() != ConfigValueType.OBJECT) {
            p.add("analysis.sequential: expected a block such as { min-seeds = 5, max-seeds = 30, round-size = 5,"
                    + " target-half-width = 0.001 }, found " + config.getValue("analysis.sequential").render());
            return null;
        }
        if (config.hasPath("grid.seeds")) {
            p.add("grid.seeds: a sequential grid's seeds are 0 .. analysis.sequential.max-seeds - 1, run in rounds;"
                    + " remove grid.seeds (or analysis.sequential)");
        }
        Integer min = GridParser.wholeNumber(p.number(config, "analysis.sequential.min-seeds", SequentialSettings.DEFAULT_MIN_SEEDS));
        Integer max = GridParser.wholeNumber(p.number(config, "analysis.sequential.max-seeds", SequentialSettings.DEFAULT_MAX_SEEDS));
        Integer round = GridParser.wholeNumber(p.number(config, "analysis.sequential.round-size", SequentialSettings.DEFAULT_ROUND_SIZE));
        double target = p.number(config, "analysis.sequential.target-half-width", SequentialSettings.DEFAULT_TARGET_HALF_WIDTH);
        List<Integer> valid = epochs.stream().filter(e -> e != null && e > 0).toList();
        int last = valid.stream().mapToInt(Integer::intValue).max().orElse(1);
        Integer epoch = GridParser.wholeNumber(p.number(config, "analysis.sequential.epoch", last));
        String spending = p.among(config, "analysis.sequential.spending", SequentialSettings.SPENDINGS.get(0),
                SequentialSettings.SPENDINGS);
        boolean ok = true;
        if (min == null || min < SequentialSettings.MIN_FIRST_LOOK) {
            p.add("analysis.sequential.min-seeds: " + render(config, "analysis.sequential.min-seeds")
                    + " is not a whole number of at least " + SequentialSettings.MIN_FIRST_LOOK
                    + " (a paired t statistic needs 2 degrees of freedom); 5 is usual");
            ok = false;
        }
        if (max == null || max < 1 || max > GridParser.MAX_SEEDS) {
            p.add("analysis.sequential.max-seeds: " + render(config, "analysis.sequential.max-seeds")
                    + " is not a whole number from 1 to " + GridParser.MAX_SEEDS);
            ok = false;
        } else if (min != null && max < min) {
            p.add("analysis.sequential.max-seeds: " + max + " is below min-seeds " + min + "; max-seeds must be >= min-seeds");
            ok = false;
        }
        if (round == null || round < 1) {
            p.add("analysis.sequential.round-size: " + render(config, "analysis.sequential.round-size")
                    + " is not a whole number >= 1 (seeds added per round)");
            ok = false;
        }
        if (ok && SequentialSettings.looks(min, max, round) > SequentialSettings.MAX_LOOKS) {
            p.add("analysis.sequential.round-size: " + round + " makes " + SequentialSettings.looks(min, max, round)
                    + " looks from " + min + " to " + max + " seeds, more than " + SequentialSettings.MAX_LOOKS
                    + "; use a round size of at least " + (int) Math.ceil((max - min) / (double) (SequentialSettings.MAX_LOOKS - 1)));
        }
        if (!(target > 0 && target < 1)) {
            p.add("analysis.sequential.target-half-width: " + target + " is not in (0, 1); it is an accuracy difference as a"
                    + " fraction, e.g. 0.001 for 0.1 point");
        }
        if (epoch == null || !valid.contains(epoch)) {
            p.add("analysis.sequential.epoch: " + render(config, "analysis.sequential.epoch") + " is not a checkpoint in"
                    + " grid.epochs " + valid + "; remove it to use the last");
        }
        return new SequentialSettings(min == null ? 0 : min, max == null ? 0 : max, round == null ? 0 : round, target,
                epoch == null ? last : epoch, spending);
    }

    private static String render(Config config, String key) {
        return config.hasPath(key) ? config.getValue(key).render() : "(default)";
    }
}

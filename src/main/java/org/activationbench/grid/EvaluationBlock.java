package org.activationbench.grid;

import com.typesafe.config.Config;
import java.util.List;

/** The keys of {@code evaluation.*}: looks at a subsample between checkpoints. Problems are recorded, not thrown. */
final class EvaluationBlock {

    private EvaluationBlock() {}

    /** {@code evaluation.looks-per-epoch} (absent: 0, none) and {@code evaluation.examples}. */
    static EvaluationLooks looks(Config config, ConfigProblems p, List<String> strategies) {
        Integer perEpoch = GridParser.wholeNumber(p.number(config, "evaluation.looks-per-epoch", 0));
        Integer examples = GridParser.wholeNumber(p.number(config, "evaluation.examples", EvaluationLooks.DEFAULT_EXAMPLES));
        boolean ok = true;
        if (perEpoch == null || perEpoch < 0) {
            p.add("evaluation.looks-per-epoch: " + config.getValue("evaluation.looks-per-epoch").render()
                    + " is not a whole number >= 0 (0: no looks; e.g. 10)");
            ok = false;
        }
        if (examples == null || examples <= 0) {
            p.add("evaluation.examples: " + config.getValue("evaluation.examples").render()
                    + " is not a positive whole number of examples (e.g. 2000)");
            ok = false;
        }
        if (!ok) {
            return EvaluationLooks.OFF;
        }
        if (perEpoch == 0 && config.hasPath("evaluation.examples")) {
            p.add("evaluation.examples: set, but evaluation.looks-per-epoch is 0 (no looks); set"
                    + " evaluation.looks-per-epoch or remove evaluation.examples");
        }
        if (perEpoch > 0 && strategies.contains(Strategy.DATA_PARALLEL)) {
            p.add("evaluation.looks-per-epoch: looks are taken between the minibatches of one task, which data-parallel"
                    + " trials do not have; remove data-parallel from grid.strategies or set evaluation.looks-per-epoch = 0");
        }
        return new EvaluationLooks(perEpoch, examples);
    }
}

package org.activationbench.grid;

import java.util.ArrayList;
import java.util.List;

/** A grid written as the HOCON file that parses back to it: the {@code grid.conf} stored beside a run's output. */
final class GridFile {

    private GridFile() {}

    static String render(GridSpec g) {
        StringBuilder b = new StringBuilder();
        b.append("experiment = ").append(quote(g.experiment())).append('\n');
        b.append("dataset = ").append(quote(g.dataset())).append('\n');
        b.append("grid {\n");
        b.append("  architectures = ").append(list(g.architectures().stream().map(GridFile::quote).toList())).append('\n');
        b.append("  activations = ").append(list(g.activations().stream().map(GridFile::quote).toList())).append('\n');
        if (!g.slopeActivations().isEmpty()) {
            b.append("  alphas = ").append(list(g.alphas().stream().map(TrialConfig::number).toList())).append('\n');
        }
        b.append("  epochs = ").append(list(g.epochs().stream().map(String::valueOf).toList())).append('\n');
        if (g.sequential() == null) {
            b.append("  seeds = ").append(list(g.seeds().stream().map(String::valueOf).toList())).append('\n');
        }
        b.append("}\n");
        b.append("training {\n");
        ConditionAxes crossed = g.conditions().listed() ? null : g.conditions().crossed();
        if (crossed != null && crossed.optimizers().size() == 1) {
            b.append("  optimizer = ").append(quote(crossed.optimizers().get(0))).append('\n');
        }
        b.append("  learning-rate = ").append(TrialConfig.number(g.training().learningRate())).append('\n');
        b.append("  batch-size = ").append(g.training().batchSize()).append('\n');
        if (crossed != null && crossed.weightInits().size() == 1) {
            b.append("  weight-init = ").append(quote(crossed.weightInits().get(0))).append('\n');
        }
        b.append("  engine = ").append(quote(g.training().engine().label())).append('\n');
        b.append("}\n");
        if (crossed != null) {
            renderCrossed(b, crossed);
        } else {
            b.append("grid.conditions = [\n");
            g.conditions().blocks().forEach(block -> b.append("  ").append(block(g, block)).append('\n'));
            b.append("]\n");
        }
        b.append("data.train-examples = ").append(g.trainExamples()).append('\n');
        // The keys below are written only when set, so a grid without them stores the same grid.conf as before they existed.
        if (g.validation() != null) {
            b.append("data.validation-examples = ").append(g.validation().examples()).append('\n');
            b.append("data.validation-seed = ").append(g.validation().seed()).append('\n');
        }
        if (g.learningRates().size() != 1 || g.learningRates().get(0) != g.training().learningRate()) {
            b.append("grid.learning-rates = ").append(list(g.learningRates().stream().map(TrialConfig::number).toList())).append('\n');
        }
        if (g.looks().on()) {
            b.append("evaluation { looks-per-epoch = ").append(g.looks().perEpoch()).append(", examples = ")
                    .append(g.looks().examples()).append(" }\n");
        }
        if (g.tuning() != null) {
            b.append("protocol = \"tuned\"\n");
            b.append("tuning {\n")
                    .append("  seeds = ").append(list(g.tuning().seeds().stream().map(String::valueOf).toList())).append('\n')
                    .append("  epoch = ").append(g.tuning().epoch()).append('\n')
                    .append("  compare-fixed = ").append(g.tuning().compareFixed()).append('\n')
                    .append("}\n");
        }
        if (g.strategies().size() != 1 || g.strategies().get(0).dataParallel()) {
            b.append("grid.strategies = ").append(list(g.strategies().stream().map(s -> quote(s.name())).toList())).append('\n');
            g.strategies().stream().filter(Strategy::dataParallel).findFirst().ifPresent(s -> b
                    .append("data-parallel {\n")
                    .append("  averaging-frequency = ").append(s.averagingFrequency()).append('\n')
                    .append("  workers = ").append(s.workers()).append('\n')
                    .append("  batch-size-per-worker = ").append(s.batchSizePerWorker()).append('\n')
                    .append("}\n"));
        }
        b.append("analysis.baseline = ").append(quote(g.baseline())).append('\n');
        b.append("analysis.primary { metric = ").append(quote(g.primary().metric())).append(", epoch = ").append(g.primary().epoch())
                .append(" }\n");
        if (g.declaredAfterResults()) {
            b.append("analysis.declared-after-results = true\n");
        }
        b.append("analysis.margins {\n");
        for (String metric : Margins.metrics()) {
            // The margins of the looks' metrics are written only where they count, so that a grid without looks stores
            // the grid.conf it stored before looks existed, which a resume compares.
            if (!g.looks().on() && Margins.LOOK_METRICS.contains(metric) && g.margins().of(metric) == Margins.DEFAULTS.get(metric)) {
                continue;
            }
            b.append("  ").append(metric).append(" = ").append(TrialConfig.number(g.margins().of(metric))).append('\n');
        }
        b.append("}\n");
        if (g.sequential() != null) {
            b.append("analysis.sequential {\n")
                    .append("  min-seeds = ").append(g.sequential().minSeeds()).append('\n')
                    .append("  max-seeds = ").append(g.sequential().maxSeeds()).append('\n')
                    .append("  round-size = ").append(g.sequential().roundSize()).append('\n')
                    .append("  epoch = ").append(g.sequential().epoch()).append('\n')
                    .append("  spending = ").append(quote(g.sequential().spending())).append('\n')
                    .append("}\n");
        }
        return b.toString();
    }

    /** A grid's own settings, crossed: each written only where it is not at its default. */
    private static void renderCrossed(StringBuilder b, ConditionAxes crossed) {
        // A setting at its default is written only when it is not one: a grid without it stores the grid.conf it did before.
        if (crossed.optimizers().size() > 1) {
            b.append("grid.optimizers = ").append(list(crossed.optimizers().stream().map(GridFile::quote).toList())).append('\n');
        }
        if (crossed.weightInits().size() > 1) {
            b.append("grid.weight-inits = ").append(list(crossed.weightInits().stream().map(GridFile::quote).toList()))
                    .append('\n');
        }
        setting(b, "training.bias-init", "grid.bias-inits", crossed.biasInits(), Condition.DEFAULT_BIAS_INIT);
        setting(b, "training.weight-decay", "grid.weight-decays", crossed.weightDecays(), Condition.DEFAULT_WEIGHT_DECAY);
        if (crossed.batchNorms().size() > 1) {
            b.append("grid.batch-norm = ").append(list(crossed.batchNorms().stream().map(String::valueOf).toList())).append('\n');
        } else if (crossed.batchNorms().get(0)) {
            b.append("training.batch-norm = true\n");
        }
    }

    /**
     * One block of grid.conditions with every setting written out, so that it parses back alone; its learning rates
     * only where they are not the grid's (a tuned grid's blocks take the grid's), its bias initialisations only where
     * a weight initialisation takes them.
     */
    private static String block(GridSpec g, ConditionAxes block) {
        List<String> keys = new ArrayList<>();
        keys.add("optimizers = " + list(block.optimizers().stream().map(GridFile::quote).toList()));
        if (!block.learningRates().equals(g.learningRates())) {
            keys.add("learning-rates = " + list(block.learningRates().stream().map(TrialConfig::number).toList()));
        }
        keys.add("weight-inits = " + list(block.weightInits().stream().map(GridFile::quote).toList()));
        if (!block.biasDrawingInits().containsAll(block.weightInits())) {
            keys.add("bias-inits = " + list(block.biasInits().stream().map(TrialConfig::number).toList()));
        }
        keys.add("weight-decays = " + list(block.weightDecays().stream().map(TrialConfig::number).toList()));
        keys.add("batch-norm = " + list(block.batchNorms().stream().map(String::valueOf).toList()));
        return "{ " + String.join(", ", keys) + " }";
    }

    /** A numeric setting: nothing at its one default value, else its one value or its list. */
    private static void setting(StringBuilder b, String scalarKey, String axisKey, List<Double> values, double fallback) {
        if (values.size() > 1) {
            b.append(axisKey).append(" = ").append(list(values.stream().map(TrialConfig::number).toList())).append('\n');
        } else if (values.get(0) != fallback) {
            b.append(scalarKey).append(" = ").append(TrialConfig.number(values.get(0))).append('\n');
        }
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }
}

package org.activationbench.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated grid: the cross product of architectures x conditions x activations (x alphas, for activations that
 * take a slope) x learning rates x seeds, each trial measured at the same checkpoint epochs.
 *
 * @param trainExamples    train on the first this many training examples (0: all), for smoke runs
 * @param strategies       per-task and/or data-parallel, a grid dimension
 * @param slopeActivations the activations in this grid that take an alpha; the others get none
 * @param baseline         the activation every other is compared against
 * @param sequential       seeds on demand ({@code analysis.sequential}); null for a fixed set of seeds
 * @param learningRates    {@code grid.learning-rates}, a dimension crossed like alphas; {@code [training.learning-rate]}
 *                         when the grid does not set it
 * @param validation       {@code data.validation-examples} held out of the training set; null for none
 * @param tuning           {@code protocol = tuned}: the tuning stage's settings; null for {@code protocol = fixed}. The
 *                         grid's {@code seeds} are then the confirmation seeds
 * @param margins          {@code analysis.margins}: the smallest difference that matters, per metric
 * @param primary          {@code analysis.primary}: the metric and checkpoint the experiment is about
 * @param declaredAfterResults {@code analysis.declared-after-results}: the margins and the primary endpoint were
 *                         declared after the experiment's results were first published, which its report says
 * @param conditions       the training settings crossed besides the learning rate ({@code training.optimizer} or
 *                         {@code grid.optimizers}, and so on); one value each unless the grid lists several
 * @param looks            {@code evaluation.*}: accuracy looks at a subsample between checkpoints, for every trial
 */
public record GridSpec(
        String experiment,
        String dataset,
        List<String> architectures,
        List<String> activations,
        List<Double> alphas,
        List<Integer> epochs,
        List<Long> seeds,
        Training training,
        int trainExamples,
        List<Strategy> strategies,
        List<String> slopeActivations,
        String baseline,
        SequentialSettings sequential,
        List<Double> learningRates,
        ValidationSplit validation,
        Tuning tuning,
        Margins margins,
        PrimaryEndpoint primary,
        boolean declaredAfterResults,
        ConditionAxes conditions,
        EvaluationLooks looks) {

    /** Whether the grid runs {@code protocol = tuned}: rates chosen on tuning seeds, then confirmed on fresh ones. */
    public boolean tuned() {
        return tuning != null;
    }

    /** The grid as a HOCON file that parses back to this grid; stored beside a run's output. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("experiment = ").append(quote(experiment)).append('\n');
        b.append("dataset = ").append(quote(dataset)).append('\n');
        b.append("grid {\n");
        b.append("  architectures = ").append(list(architectures.stream().map(GridSpec::quote).toList())).append('\n');
        b.append("  activations = ").append(list(activations.stream().map(GridSpec::quote).toList())).append('\n');
        if (!slopeActivations.isEmpty()) {
            b.append("  alphas = ").append(list(alphas.stream().map(TrialConfig::number).toList())).append('\n');
        }
        b.append("  epochs = ").append(list(epochs.stream().map(String::valueOf).toList())).append('\n');
        if (sequential == null) {
            b.append("  seeds = ").append(list(seeds.stream().map(String::valueOf).toList())).append('\n');
        }
        b.append("}\n");
        b.append("training {\n");
        if (conditions.optimizers().size() == 1) {
            b.append("  optimizer = ").append(quote(conditions.optimizers().get(0))).append('\n');
        }
        b.append("  learning-rate = ").append(TrialConfig.number(training.learningRate())).append('\n');
        b.append("  batch-size = ").append(training.batchSize()).append('\n');
        if (conditions.weightInits().size() == 1) {
            b.append("  weight-init = ").append(quote(conditions.weightInits().get(0))).append('\n');
        }
        b.append("  engine = ").append(quote(training.engine().label())).append('\n');
        b.append("}\n");
        // A setting at its default is written only when it is not one: a grid without it stores the grid.conf it did before.
        if (conditions.optimizers().size() > 1) {
            b.append("grid.optimizers = ").append(list(conditions.optimizers().stream().map(GridSpec::quote).toList())).append('\n');
        }
        if (conditions.weightInits().size() > 1) {
            b.append("grid.weight-inits = ").append(list(conditions.weightInits().stream().map(GridSpec::quote).toList()))
                    .append('\n');
        }
        setting(b, "training.bias-init", "grid.bias-inits", conditions.biasInits(), Condition.DEFAULT_BIAS_INIT);
        setting(b, "training.weight-decay", "grid.weight-decays", conditions.weightDecays(), Condition.DEFAULT_WEIGHT_DECAY);
        if (conditions.batchNorms().size() > 1) {
            b.append("grid.batch-norm = ").append(list(conditions.batchNorms().stream().map(String::valueOf).toList())).append('\n');
        } else if (conditions.batchNorms().get(0)) {
            b.append("training.batch-norm = true\n");
        }
        b.append("data.train-examples = ").append(trainExamples).append('\n');
        // The keys below are written only when set, so a grid without them stores the same grid.conf as before they existed.
        if (validation != null) {
            b.append("data.validation-examples = ").append(validation.examples()).append('\n');
            b.append("data.validation-seed = ").append(validation.seed()).append('\n');
        }
        if (learningRates.size() != 1 || learningRates.get(0) != training.learningRate()) {
            b.append("grid.learning-rates = ").append(list(learningRates.stream().map(TrialConfig::number).toList())).append('\n');
        }
        if (looks.on()) {
            b.append("evaluation { looks-per-epoch = ").append(looks.perEpoch()).append(", examples = ")
                    .append(looks.examples()).append(" }\n");
        }
        if (tuning != null) {
            b.append("protocol = \"tuned\"\n");
            b.append("tuning {\n")
                    .append("  seeds = ").append(list(tuning.seeds().stream().map(String::valueOf).toList())).append('\n')
                    .append("  epoch = ").append(tuning.epoch()).append('\n')
                    .append("  compare-fixed = ").append(tuning.compareFixed()).append('\n')
                    .append("}\n");
        }
        if (strategies.size() != 1 || strategies.get(0).dataParallel()) {
            b.append("grid.strategies = ").append(list(strategies.stream().map(s -> quote(s.name())).toList())).append('\n');
            strategies.stream().filter(Strategy::dataParallel).findFirst().ifPresent(s -> b
                    .append("data-parallel {\n")
                    .append("  averaging-frequency = ").append(s.averagingFrequency()).append('\n')
                    .append("  workers = ").append(s.workers()).append('\n')
                    .append("  batch-size-per-worker = ").append(s.batchSizePerWorker()).append('\n')
                    .append("}\n"));
        }
        b.append("analysis.baseline = ").append(quote(baseline)).append('\n');
        b.append("analysis.primary { metric = ").append(quote(primary.metric())).append(", epoch = ").append(primary.epoch())
                .append(" }\n");
        if (declaredAfterResults) {
            b.append("analysis.declared-after-results = true\n");
        }
        b.append("analysis.margins {\n");
        for (String metric : Margins.metrics()) {
            // The margins of the looks' metrics are written only where they count, so that a grid without looks stores
            // the grid.conf it stored before looks existed, which a resume compares.
            if (!looks.on() && Margins.LOOK_METRICS.contains(metric) && margins.of(metric) == Margins.DEFAULTS.get(metric)) {
                continue;
            }
            b.append("  ").append(metric).append(" = ").append(TrialConfig.number(margins.of(metric))).append('\n');
        }
        b.append("}\n");
        if (sequential != null) {
            b.append("analysis.sequential {\n")
                    .append("  min-seeds = ").append(sequential.minSeeds()).append('\n')
                    .append("  max-seeds = ").append(sequential.maxSeeds()).append('\n')
                    .append("  round-size = ").append(sequential.roundSize()).append('\n')
                    .append("  epoch = ").append(sequential.epoch()).append('\n')
                    .append("  spending = ").append(quote(sequential.spending())).append('\n')
                    .append("}\n");
        }
        return b.toString();
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

    /**
     * How many trials {@link #trials()} would return, from the dimensions' sizes alone (nothing is expanded); a
     * sequential grid counts every seed up to max-seeds, the most it may run.
     */
    public long trialCount() {
        return (long) strategies.size() * architectures.size() * conditions.count() * activationSettings() * ratesTimesSeeds();
    }

    /** The sizes of the dimensions, as a product, for messages. */
    public String dimensions() {
        String rates = tuning == null
                ? (learningRates.size() == 1 ? "" : " x " + learningRates.size() + " learning rates") + " x " + seeds.size() + " seeds"
                : " x (" + learningRates.size() + " learning rates x " + tuning.seeds().size() + " tuning seeds + "
                        + confirmationRates().size() + " learning rates x " + seeds.size() + " confirmation seeds)";
        return strategies.size() + " strategies x " + architectures.size() + " architectures x "
                + (conditions.count() == 1 ? "" : conditions.count() + " conditions x ") + activationSettings()
                + " activation settings" + rates;
    }

    private long ratesTimesSeeds() {
        return tuning == null ? (long) learningRates.size() * seeds.size()
                : (long) learningRates.size() * tuning.seeds().size() + (long) confirmationRates().size() * seeds.size();
    }

    /**
     * The rates a tuned grid may run on the confirmation seeds: every rate it may choose, and training.learning-rate if
     * it compares with the fixed rate.
     */
    private List<Double> confirmationRates() {
        List<Double> rates = new ArrayList<>(learningRates);
        if (tuning != null && tuning.compareFixed() && !rates.contains(training.learningRate())) {
            rates.add(training.learningRate());
        }
        return rates;
    }

    /** The stage of a trial at this rate and seed. */
    private Stage stage(double learningRate, long seed) {
        if (tuning == null) {
            return Stage.FIXED;
        }
        if (tuning.seeds().contains(seed)) {
            return Stage.TUNING;
        }
        return confirmationStage(learningRate);
    }

    /** The stage of a tuned grid's trial on a confirmation seed at this rate. */
    private Stage confirmationStage(double learningRate) {
        return tuning.compareFixed() && learningRate == training.learningRate() ? Stage.FIXED : Stage.CONFIRMATION;
    }

    /** Activations, each slope activation counted once per alpha. */
    private long activationSettings() {
        return activations.stream().mapToLong(a -> slopeActivations.contains(a) ? alphas.size() : 1).sum();
    }

    /**
     * Every trial of the grid, in a fixed order: strategy, architecture, condition, activation, alpha, learning rate, seed.
     * A tuned grid lists its tuning trials, then every trial it may run on the confirmation seeds (stage 2 runs only the chosen rates').
     */
    public List<TrialConfig> trials() {
        if (tuning == null) {
            return trials(learningRates, seeds);
        }
        List<TrialConfig> trials = new ArrayList<>(trials(learningRates, tuning.seeds()));
        trials.addAll(trials(confirmationRates(), seeds));
        return trials;
    }

    /**
     * The trials a run trains at most: {@link #trials()}, except that a tuned grid's confirmation round counts one
     * rate per activation setting, as it runs only the chosen rate's (all rates cost the same), besides the
     * fixed-rate trials it compares with. What {@code run --plan} prices.
     */
    public List<TrialConfig> mostTrials() {
        if (tuning == null) {
            return trials();
        }
        double priced = learningRates.stream().filter(r -> confirmationStage(r) == Stage.CONFIRMATION).findFirst()
                .orElse(Double.NaN);
        return trials().stream().filter(t -> t.stage() != Stage.CONFIRMATION || t.learningRate() == priced).toList();
    }

    private List<TrialConfig> trials(List<Double> rates, List<Long> seedList) {
        List<TrialConfig> trials = new ArrayList<>();
        for (Strategy strategy : strategies) {
            for (String architecture : architectures) {
                for (Condition c : conditions.conditions()) {
                    for (String activation : activations) {
                        List<Double> slopes = slopeActivations.contains(activation) ? alphas : java.util.Collections.singletonList(null);
                        for (Double alpha : slopes) {
                            for (double rate : rates) {
                                for (long seed : seedList) {
                                    trials.add(new TrialConfig(dataset, architecture, activation, alpha, seed, epochs,
                                            c.optimizer(), rate, training.batchSize(), c.weightInit(), trainExamples, strategy,
                                            training.engine(), validation, stage(rate, seed), c.biasInit(), c.weightDecay(),
                                            c.batchNorm()).withLooks(looks));
                                }
                            }
                        }
                    }
                }
            }
        }
        return trials;
    }
}

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
 * @param conditions       the training settings crossed ({@code training.optimizer} or {@code grid.optimizers}, and so
 *                         on; one value each unless the grid lists several), or the blocks of {@code grid.conditions},
 *                         each with its learning rates
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
        ConditionMap conditions,
        EvaluationLooks looks) {

    /** Whether the grid runs {@code protocol = tuned}: rates chosen on tuning seeds, then confirmed on fresh ones. */
    public boolean tuned() {
        return tuning != null;
    }

    /** The grid as a HOCON file that parses back to this grid; stored beside a run's output. */
    public String render() {
        return GridFile.render(this);
    }

    /**
     * How many trials {@link #trials()} would return, from the dimensions' sizes alone (nothing is expanded); a
     * sequential grid counts every seed up to max-seeds, the most it may run.
     */
    public long trialCount() {
        long perActivationSetting = conditions.blocks().stream().mapToLong(b -> b.count() * ratesTimesSeeds(b)).sum();
        return (long) strategies.size() * architectures.size() * activationSettings() * perActivationSetting;
    }

    /** The sizes of the dimensions, as a product, for messages. */
    public String dimensions() {
        if (conditions.listed() && tuning == null) {
            return strategies.size() + " strategies x " + architectures.size() + " architectures x "
                    + conditions.settings() + " conditions at their learning rates (grid.conditions) x "
                    + activationSettings() + " activation settings x " + seeds.size() + " seeds";
        }
        String rates = tuning == null
                ? (learningRates.size() == 1 ? "" : " x " + learningRates.size() + " learning rates") + " x " + seeds.size() + " seeds"
                : " x (" + learningRates.size() + " learning rates x " + tuning.seeds().size() + " tuning seeds + "
                        + confirmationRates().size() + " learning rates x " + seeds.size() + " confirmation seeds)";
        return strategies.size() + " strategies x " + architectures.size() + " architectures x "
                + (conditions.count() == 1 ? "" : conditions.count() + " conditions x ") + activationSettings()
                + " activation settings" + rates;
    }

    /** A block's trials per condition and activation setting: its rates (a tuned grid's, in stage 1 and 2) by the seeds. */
    private long ratesTimesSeeds(ConditionAxes block) {
        return tuning == null ? (long) block.learningRates().size() * seeds.size()
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
            return trials(null, seeds);
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

    /**
     * The trials a grid with seeds on demand trains at the least, when every comparison is decided at its first look:
     * {@link #mostTrials()} on the seeds below min-seeds (a tuned grid's tuning trials all run first, whatever the
     * comparisons decide). With {@link #mostTrials()}, what {@code run --plan} prices such a grid between.
     */
    public List<TrialConfig> trialsAtMinSeeds() {
        if (sequential == null) {
            throw new IllegalStateException(experiment + " has no seeds on demand (analysis.sequential)");
        }
        return mostTrials().stream().filter(t -> t.stage() == Stage.TUNING || t.seed() < sequential.minSeeds()).toList();
    }

    /** @param tunedRates a tuned grid's rates, those of every condition alike; null for each block's own */
    private List<TrialConfig> trials(List<Double> tunedRates, List<Long> seedList) {
        List<TrialConfig> trials = new ArrayList<>();
        for (Strategy strategy : strategies) {
            for (String architecture : architectures) {
                for (ConditionAxes block : conditions.blocks()) {
                    List<Double> rates = tunedRates != null ? tunedRates : block.learningRates();
                    for (Condition c : block.conditions()) {
                        trials.addAll(trials(strategy, architecture, c, rates, seedList));
                    }
                }
            }
        }
        return trials;
    }

    /** The trials of one condition, in a fixed order: activation, alpha, learning rate, seed. */
    private List<TrialConfig> trials(Strategy strategy, String architecture, Condition c, List<Double> rates,
            List<Long> seedList) {
        List<TrialConfig> trials = new ArrayList<>();
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
        return trials;
    }
}

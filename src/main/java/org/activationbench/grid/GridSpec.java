package org.activationbench.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated grid: the cross product of architectures x activations (x alphas, for activations that take a
 * slope) x seeds, each trial measured at the same checkpoint epochs with the same training settings.
 *
 * @param trainExamples    train on the first this many training examples (0: all), for smoke runs
 * @param strategies       per-task and/or data-parallel, a grid dimension
 * @param slopeActivations the activations in this grid that take an alpha; the others get none
 * @param baseline         the activation every other is compared against
 * @param sequential       seeds on demand ({@code analysis.sequential}); null for a fixed set of seeds
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
        SequentialSettings sequential) {

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
        b.append("  optimizer = ").append(quote(training.optimizer())).append('\n');
        b.append("  learning-rate = ").append(TrialConfig.number(training.learningRate())).append('\n');
        b.append("  batch-size = ").append(training.batchSize()).append('\n');
        b.append("  weight-init = ").append(quote(training.weightInit())).append('\n');
        b.append("  engine = ").append(quote(training.engine().label())).append('\n');
        b.append("}\n");
        b.append("data.train-examples = ").append(trainExamples).append('\n');
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
        if (sequential != null) {
            b.append("analysis.sequential {\n")
                    .append("  min-seeds = ").append(sequential.minSeeds()).append('\n')
                    .append("  max-seeds = ").append(sequential.maxSeeds()).append('\n')
                    .append("  round-size = ").append(sequential.roundSize()).append('\n')
                    .append("  target-half-width = ").append(TrialConfig.number(sequential.targetHalfWidth())).append('\n')
                    .append("  epoch = ").append(sequential.epoch()).append('\n')
                    .append("  spending = ").append(quote(sequential.spending())).append('\n')
                    .append("}\n");
        }
        return b.toString();
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
        return (long) strategies.size() * architectures.size() * activationSettings() * seeds.size();
    }

    /** The sizes of the dimensions, as a product, for messages. */
    public String dimensions() {
        return strategies.size() + " strategies x " + architectures.size() + " architectures x " + activationSettings()
                + " activation settings x " + seeds.size() + " seeds";
    }

    /** Activations, each slope activation counted once per alpha. */
    private long activationSettings() {
        return activations.stream().mapToLong(a -> slopeActivations.contains(a) ? alphas.size() : 1).sum();
    }

    /** Every trial of the grid, in a fixed order: architecture, activation, alpha, seed. */
    public List<TrialConfig> trials() {
        List<TrialConfig> trials = new ArrayList<>();
        for (Strategy strategy : strategies) {
            for (String architecture : architectures) {
                for (String activation : activations) {
                    List<Double> slopes = slopeActivations.contains(activation) ? alphas : java.util.Collections.singletonList(null);
                    for (Double alpha : slopes) {
                        for (long seed : seeds) {
                            trials.add(new TrialConfig(dataset, architecture, activation, alpha, seed, epochs,
                                    training.optimizer(), training.learningRate(), training.batchSize(), training.weightInit(),
                                    trainExamples, strategy, training.engine()));
                        }
                    }
                }
            }
        }
        return trials;
    }
}

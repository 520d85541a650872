package org.activationbench.grid;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One cross of training settings: the values of each setting ({@code training.*} for one value, {@code grid.*} for
 * several, or one block of {@code grid.conditions}) and the learning rates every combination runs at. Every
 * combination is a {@link Condition}, except that a weight initialisation that draws the biases itself
 * ({@code torch-default}) is crossed with no bias initialisation.
 *
 * @param learningRates    the rates each condition of the cross runs at, a trial's learning rate; for a grid without
 *                         {@code grid.conditions}, its {@code grid.learning-rates} (or {@code [training.learning-rate]})
 * @param biasDrawingInits the weight initialisations that draw the biases themselves
 */
public record ConditionAxes(List<String> optimizers, List<Double> learningRates, List<String> weightInits,
        List<Double> biasInits, List<Double> weightDecays, List<Boolean> batchNorms, List<String> biasDrawingInits)
        implements Serializable {

    public ConditionAxes {
        optimizers = List.copyOf(optimizers);
        learningRates = List.copyOf(learningRates);
        weightInits = List.copyOf(weightInits);
        biasInits = List.copyOf(biasInits);
        weightDecays = List.copyOf(weightDecays);
        batchNorms = List.copyOf(batchNorms);
        biasDrawingInits = List.copyOf(biasDrawingInits);
    }

    /** Every condition, in a fixed order: optimizer, weight init, bias init, weight decay, batch normalisation. */
    public List<Condition> conditions() {
        Set<Condition> out = new LinkedHashSet<>();
        for (String optimizer : optimizers) {
            for (String weightInit : weightInits) {
                boolean drawsBiases = biasDrawingInits.contains(weightInit);
                for (double biasInit : drawsBiases ? List.of(Condition.DEFAULT_BIAS_INIT) : biasInits) {
                    for (double weightDecay : weightDecays) {
                        for (boolean batchNorm : batchNorms) {
                            out.add(new Condition(optimizer, weightInit, biasInit, weightDecay, batchNorm));
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** How many conditions {@link #conditions()} lists, without listing them. */
    public long count() {
        long drawing = weightInits.stream().filter(biasDrawingInits::contains).count();
        long crossed = (weightInits.size() - drawing) * biasInits.size() + drawing;
        return optimizers.size() * crossed * weightDecays.size() * batchNorms.size();
    }

    /**
     * A condition at a learning rate that both crosses hold, as {@link Condition#label(double)} names it, found from
     * the values alone; empty if they hold none in common.
     */
    Optional<String> shared(ConditionAxes other) {
        Optional<String> optimizer = first(optimizers, other.optimizers);
        Optional<Double> rate = first(learningRates, other.learningRates);
        Optional<Double> decay = first(weightDecays, other.weightDecays);
        Optional<Boolean> batchNorm = first(batchNorms, other.batchNorms);
        if (optimizer.isEmpty() || rate.isEmpty() || decay.isEmpty() || batchNorm.isEmpty()) {
            return Optional.empty();
        }
        for (String weightInit : weightInits) {
            if (!other.weightInits.contains(weightInit)) {
                continue;
            }
            Optional<Double> bias = biasDrawingInits.contains(weightInit) ? Optional.of(Condition.DEFAULT_BIAS_INIT)
                    : first(biasInits, other.biasInits);
            if (bias.isPresent()) {
                return Optional.of(new Condition(optimizer.get(), weightInit, bias.get(), decay.get(), batchNorm.get())
                        .label(rate.get()));
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<T> first(List<T> a, List<T> b) {
        return a.stream().filter(b::contains).findFirst();
    }
}

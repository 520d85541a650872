package org.activationbench.grid;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a grid crosses of each training setting besides the learning rate ({@code training.*} for one value,
 * {@code grid.*} for several). Every combination is a {@link Condition}, except that a weight initialisation that
 * draws the biases itself ({@code torch-default}) is crossed with no bias initialisation.
 *
 * @param biasDrawingInits the weight initialisations that draw the biases themselves
 */
public record ConditionAxes(List<String> optimizers, List<String> weightInits, List<Double> biasInits,
        List<Double> weightDecays, List<Boolean> batchNorms, List<String> biasDrawingInits) implements Serializable {

    public ConditionAxes {
        optimizers = List.copyOf(optimizers);
        weightInits = List.copyOf(weightInits);
        biasInits = List.copyOf(biasInits);
        weightDecays = List.copyOf(weightDecays);
        batchNorms = List.copyOf(batchNorms);
        biasDrawingInits = List.copyOf(biasDrawingInits);
    }

    /** One value of each setting: the grid's single condition. */
    public static ConditionAxes single(Condition c, List<String> biasDrawingInits) {
        return new ConditionAxes(List.of(c.optimizer()), List.of(c.weightInit()), List.of(c.biasInit()),
                List.of(c.weightDecay()), List.of(c.batchNorm()), biasDrawingInits);
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
}

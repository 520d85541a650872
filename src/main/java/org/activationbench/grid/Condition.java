package org.activationbench.grid;

import java.io.Serializable;

/**
 * The training settings a grid may cross besides the learning rate: optimizer, weight and bias initialisation, weight
 * decay and batch normalisation. Trials pair by seed only within one condition (at one learning rate).
 *
 * @param biasInit    the constant every bias starts at; 0 for a weight initialisation that draws the biases itself
 *                    ({@code torch-default})
 * @param weightDecay the L2 coefficient on the weights and biases: each step adds {@code weightDecay * parameter} to
 *                    their gradient, as PyTorch's {@code weight_decay} does; 0 for none
 * @param batchNorm   whether every hidden layer normalises its pre-activation over the minibatch before the activation
 */
public record Condition(String optimizer, String weightInit, double biasInit, double weightDecay, boolean batchNorm)
        implements Serializable {

    public static final double DEFAULT_BIAS_INIT = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    public Condition {
        if (!Double.isFinite(biasInit)) {
            throw new IllegalArgumentException("bias init must be a finite number, found " + biasInit);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a number >= 0, found " + weightDecay);
        }
    }

    /**
     * The condition as a reader names it: optimizer and weight initialisation, then only the settings away from their
     * defaults, e.g. {@code adam, xavier} or {@code nesterovs, he, bias 0.01, wd 0.0001, bn}.
     */
    public String label() {
        return optimizer + ", " + weightInit
                + (biasInit == DEFAULT_BIAS_INIT ? "" : ", bias " + TrialConfig.number(biasInit))
                + (weightDecay == DEFAULT_WEIGHT_DECAY ? "" : ", wd " + TrialConfig.number(weightDecay))
                + (batchNorm ? ", bn" : "");
    }

    /**
     * The condition at a learning rate, as a reader names a cell of a map of conditions: the rate after the optimizer,
     * e.g. {@code adam 0.001, xavier} or {@code nesterovs 0.1, he, wd 0.0001, bn}.
     */
    public String label(double learningRate) {
        String label = label();
        return optimizer + " " + TrialConfig.number(learningRate) + label.substring(optimizer.length());
    }

    /** This condition's part of a trial's canonical form: the settings away from their defaults, none when all are. */
    String canonical() {
        return (biasInit == DEFAULT_BIAS_INIT ? "" : ";bias_init=" + TrialConfig.number(biasInit))
                + (weightDecay == DEFAULT_WEIGHT_DECAY ? "" : ";weight_decay=" + TrialConfig.number(weightDecay))
                + (batchNorm ? ";batch_norm=true" : "");
    }

    @Override
    public String toString() {
        return label();
    }
}

package org.activationbench.model;

import java.util.function.DoubleFunction;
import org.nd4j.linalg.activations.IActivation;

/**
 * One activation the benchmark can train with.
 *
 * @param slope        whether the trial supplies a negative slope (alpha), the network learns it, or neither
 * @param factory      builds the DL4J activation for a given alpha (ignored when the slope is not {@link Slope#FIXED})
 * @param zeroBelowZero whether the derivative is 0 for every pre-activation &lt;= 0 (ReLU): a unit of such an
 *                     activation that is inactive on every example gets no gradient through itself, it is <em>dead</em>;
 *                     a unit of any other activation in that state still passes a gradient and is only inactive
 */
public record ActivationSpec(String name, Slope slope, DoubleFunction<IActivation> factory, String description,
        boolean zeroBelowZero) {

    /** How an activation's negative slope is set. */
    public enum Slope {
        /** No slope parameter. */
        NONE,
        /** The trial's alpha is the negative slope. */
        FIXED,
        /** A parameter the network learns (PReLU); built as a separate layer after an identity activation. */
        LEARNED
    }

    /** Whether the activation's negative slope is the trial's alpha. */
    public boolean takesAlpha() {
        return slope == Slope.FIXED;
    }

    /** The DL4J activation to place on a hidden layer; {@code alpha} must be given exactly when {@link #takesAlpha()}. */
    public IActivation create(Double alpha) {
        if (takesAlpha() != (alpha != null)) {
            throw new IllegalArgumentException(takesAlpha()
                    ? "activation '" + name + "' needs an alpha (its negative slope)"
                    : "activation '" + name + "' takes no alpha, found " + alpha);
        }
        return factory.apply(alpha == null ? Double.NaN : alpha);
    }
}

package org.activationbench.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names a grid may use, supplied by the registries that own them, so that grid validation can name
 * the allowed values without depending on how they are implemented.
 *
 * @param activations      every registered activation
 * @param slopeActivations the activations whose negative slope is the trial's alpha
 * @param architecture     accepts a valid architecture name; {@code architectures} describes them for messages
 * @param biasDrawingInits the weight initialisations that draw the biases too, so that a bias initialisation has no
 *                         place beside them ({@code torch-default})
 */
public record Vocabulary(
        List<String> datasets,
        List<String> activations,
        List<String> slopeActivations,
        Predicate<String> architecture,
        String architectures,
        List<String> optimizers,
        List<String> weightInits,
        List<String> biasDrawingInits) {

    /** Every problem of one trial's names, each naming the field and the allowed values; empty if none. */
    public List<String> problems(TrialConfig c) {
        List<String> problems = new ArrayList<>();
        among("dataset", c.dataset(), datasets, problems);
        if (!architecture.test(c.architecture())) {
            problems.add("architecture: unknown value '" + c.architecture() + "'; allowed: " + architectures);
        }
        among("activation", c.activation(), activations, problems);
        if (slopeActivations.contains(c.activation()) && c.alpha() == null) {
            problems.add("alpha: activation '" + c.activation() + "' needs an alpha (its negative slope)");
        }
        if (activations.contains(c.activation()) && !slopeActivations.contains(c.activation()) && c.alpha() != null) {
            problems.add("alpha: activation '" + c.activation() + "' takes no alpha; only " + String.join(", ", slopeActivations) + " do");
        }
        among("optimizer", c.optimizer(), optimizers, problems);
        among("weight-init", c.weightInit(), weightInits, problems);
        if (biasDrawingInits.contains(c.weightInit()) && c.biasInit() != Condition.DEFAULT_BIAS_INIT) {
            problems.add("bias-init: weight-init " + c.weightInit() + " draws the biases itself; bias-init must be 0, found "
                    + TrialConfig.number(c.biasInit()));
        }
        return problems;
    }

    /** Throws with every problem of {@link #problems(TrialConfig)} if there is any. */
    public void check(TrialConfig c) {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void among(String key, String value, List<String> allowed, List<String> problems) {
        if (!allowed.contains(value)) {
            problems.add(Suggestion.unknownValue(key, value, allowed));
        }
    }
}

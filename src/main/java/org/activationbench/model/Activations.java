package org.activationbench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.activationbench.model.ActivationSpec.Slope;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The registry of activations, by the name used in grid files, as Deeplearning4j implements them (an engine may
 * substitute its own, {@link LayerKit#activation}). To add one, add a line here; every
 * registered activation must satisfy {@code f(z) <= f(0)} exactly when {@code z <= 0},
 * which is how dead units are counted from layer outputs.
 */
public final class Activations {

    private static final Map<String, ActivationSpec> REGISTRY = new LinkedHashMap<>();

    static {
        register("relu", Slope.NONE, a -> new ActivationReLU(), "max(0, x)");
        register("leakyrelu", Slope.FIXED, ActivationLReLU::new, "x for x > 0, alpha * x otherwise");
        register("prelu", Slope.LEARNED, a -> new ActivationIdentity(), "leaky ReLU whose slope is learned per unit");
        register("elu", Slope.NONE, a -> new ActivationELU(1.0), "x for x > 0, exp(x) - 1 otherwise");
        register("selu", Slope.NONE, a -> new ActivationSELU(), "scaled ELU (lambda 1.0507, alpha 1.6733)");
        register("tanh", Slope.NONE, a -> new ActivationTanH(), "tanh(x)");
        register("sigmoid", Slope.NONE, a -> new ActivationSigmoid(), "1 / (1 + exp(-x))");
        register("swish", Slope.NONE, a -> new ActivationSwish(), "x * sigmoid(x)");
        register("mish", Slope.NONE, a -> new ActivationMish(), "x * tanh(softplus(x))");
        if (Boolean.getBoolean(InjectedFailure.PROPERTY)) {
            register("failing", Slope.NONE, a -> new InjectedFailure(), "fails when applied (fault-injection tests only)");
            register("diverging", Slope.NONE, a -> new InjectedDivergence(), "infinite output (fault-injection tests only)");
        }
    }

    private Activations() {}

    private static void register(String name, Slope slope, DoubleFunction<IActivation> f, String description) {
        REGISTRY.put(name, new ActivationSpec(name, slope, f, description));
    }

    public static Optional<ActivationSpec> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    public static ActivationSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown activation '" + name + "'; known: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Names of the activations whose negative slope is the trial's alpha. */
    public static List<String> slopeNames() {
        return REGISTRY.values().stream().filter(ActivationSpec::takesAlpha).map(ActivationSpec::name).toList();
    }
}

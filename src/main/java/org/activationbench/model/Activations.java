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
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The registry of activations, by the name used in grid files, as Deeplearning4j implements them (an engine may
 * substitute its own, {@link LayerKit#activation}). To add one, add a line here; every
 * registered activation must satisfy {@code f(z) <= f(0)} exactly when {@code z <= 0},
 * which is how inactive units are counted from layer outputs, and must say whether its derivative is 0 below zero
 * ({@link ActivationSpec#zeroBelowZero()}: whether an inactive unit is dead).
 */
public final class Activations {

    private static final Map<String, ActivationSpec> REGISTRY = new LinkedHashMap<>();

    static {
        register("relu", Slope.NONE, a -> new ActivationReLU(), "max(0, x)", true);
        register("leakyrelu", Slope.FIXED, ActivationLReLU::new, "x for x > 0, alpha * x otherwise", false);
        register("prelu", Slope.LEARNED, a -> new ActivationIdentity(), "leaky ReLU whose slope is learned per unit", false);
        register("elu", Slope.NONE, a -> new ActivationELU(1.0), "x for x > 0, exp(x) - 1 otherwise", false);
        register("selu", Slope.NONE, a -> new ActivationSELU(), "scaled ELU (lambda 1.0507, alpha 1.6733)", false);
        register("tanh", Slope.NONE, a -> new ActivationTanH(), "tanh(x)", false);
        register("sigmoid", Slope.NONE, a -> new ActivationSigmoid(), "1 / (1 + exp(-x))", false);
        register("swish", Slope.NONE, a -> new ActivationSwish(), "x * sigmoid(x)", false);
        register("mish", Slope.NONE, a -> new ActivationMish(), "x * tanh(softplus(x))", false);
        if (Boolean.getBoolean(InjectedFailure.PROPERTY)) {
            register("failing", Slope.NONE, a -> new InjectedFailure(), "fails when applied (fault-injection tests only)", false);
            register("diverging", Slope.NONE, a -> new InjectedDivergence(), "infinite output (fault-injection tests only)", false);
        }
    }

    private Activations() {}

    private static void register(String name, Slope slope, DoubleFunction<IActivation> f, String description,
            boolean zeroBelowZero) {
        REGISTRY.put(name, new ActivationSpec(name, slope, f, description, zeroBelowZero));
    }

    /** The activation a grid file names, if known. */
    public static Optional<ActivationSpec> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** The activation of that name; an unknown name lists the known ones. */
    public static ActivationSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown activation '" + name + "'; known: " + String.join(", ", names())));
    }

    /** Names of the activations whose units die when inactive (derivative 0 below zero): relu. */
    public static List<String> dyingNames() {
        return REGISTRY.values().stream().filter(ActivationSpec::zeroBelowZero).map(ActivationSpec::name).toList();
    }

    /** The names a grid file may use as activations. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** Names of the activations whose negative slope is the trial's alpha. */
    public static List<String> slopeNames() {
        return REGISTRY.values().stream().filter(ActivationSpec::takesAlpha).map(ActivationSpec::name).toList();
    }
}

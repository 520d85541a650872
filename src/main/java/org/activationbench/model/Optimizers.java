package org.activationbench.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Optimizers (as Deeplearning4j implements them) and weight initialisations by the names used in grid files.
 * {@code nesterovs} is SGD with Nesterov momentum 0.9.
 */
public final class Optimizers {

    private static final Map<String, DoubleFunction<IUpdater>> UPDATERS = new LinkedHashMap<>();
    private static final Map<String, WeightInit> WEIGHT_INITS = new LinkedHashMap<>();
    /** PyTorch's default for linear and convolutional layers: weights and biases uniform in +-1/sqrt(fan_in). */
    public static final String TORCH_DEFAULT = "torch-default";

    static {
        UPDATERS.put("adam", Adam::new);
        UPDATERS.put("sgd", Sgd::new);
        UPDATERS.put("nesterovs", lr -> new Nesterovs(lr, 0.9));
        UPDATERS.put("rmsprop", RmsProp::new);

        WEIGHT_INITS.put("xavier", WeightInit.XAVIER);
        WEIGHT_INITS.put("xavier-uniform", WeightInit.XAVIER_UNIFORM);
        WEIGHT_INITS.put("he", WeightInit.RELU);
        WEIGHT_INITS.put("he-uniform", WeightInit.RELU_UNIFORM);
        WEIGHT_INITS.put("lecun-normal", WeightInit.LECUN_NORMAL);
        // DL4J's UNIFORM is U(-a, a) with a = 1/sqrt(fan_in), fan_in = inputs x kernel area for a convolution: PyTorch's
        // default weights; its biases are drawn after initialisation ({@link TorchDefaultBiases}).
        WEIGHT_INITS.put(TORCH_DEFAULT, WeightInit.UNIFORM);
    }

    private Optimizers() {}

    /** DL4J's updater for an optimizer name at a learning rate; an unknown name lists the known ones. */
    public static IUpdater updater(String name, double learningRate) {
        DoubleFunction<IUpdater> f = UPDATERS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", optimizerNames()));
        }
        return f.apply(learningRate);
    }

    /** DL4J's weight initialisation for a name; an unknown name lists the known ones. */
    public static WeightInit weightInit(String name) {
        WeightInit w = WEIGHT_INITS.get(name);
        if (w == null) {
            throw new IllegalArgumentException("unknown weight-init '" + name + "'; known: " + String.join(", ", weightInitNames()));
        }
        return w;
    }

    /** Whether a weight initialisation draws the biases too, so that the trial's bias initialisation must be 0. */
    public static boolean drawsBiases(String weightInit) {
        return weightInit.equals(TORCH_DEFAULT);
    }

    /** The bias initialisations that draw values rather than set zeros. */
    public static List<String> biasDrawingInitNames() {
        return List.of(TORCH_DEFAULT);
    }

    /** The names a grid file may use as optimizers. */
    public static List<String> optimizerNames() {
        return List.copyOf(UPDATERS.keySet());
    }

    /** The names a grid file may use as weight initialisations. */
    public static List<String> weightInitNames() {
        return List.copyOf(WEIGHT_INITS.keySet());
    }
}

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

/** Optimizers (as Deeplearning4j implements them) and weight initialisations by the names used in grid files. */
public final class Optimizers {

    private static final Map<String, DoubleFunction<IUpdater>> UPDATERS = new LinkedHashMap<>();
    private static final Map<String, WeightInit> WEIGHT_INITS = new LinkedHashMap<>();

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
    }

    private Optimizers() {}

    public static IUpdater updater(String name, double learningRate) {
        DoubleFunction<IUpdater> f = UPDATERS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", optimizerNames()));
        }
        return f.apply(learningRate);
    }

    public static WeightInit weightInit(String name) {
        WeightInit w = WEIGHT_INITS.get(name);
        if (w == null) {
            throw new IllegalArgumentException("unknown weight-init '" + name + "'; known: " + String.join(", ", weightInitNames()));
        }
        return w;
    }

    public static List<String> optimizerNames() {
        return List.copyOf(UPDATERS.keySet());
    }

    public static List<String> weightInitNames() {
        return List.copyOf(WEIGHT_INITS.keySet());
    }
}

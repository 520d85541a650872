package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class ActivationsTest {

    public static TrialConfig config(String architecture, String activation, Double alpha) {
        return new TrialConfig("mnist", architecture, activation, alpha, 7, List.of(1), "adam", 1e-3, 32, "xavier");
    }

    /** The network's first hidden layer, fed a real input, against z = xW + b computed here from its parameters. */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.2, 0.3})
    void leakyReluNetworkAppliesTheTrialsAlphaToNegativePreActivations(double alpha) {
        MultiLayerNetwork net = Architectures.build(config("mlp", "leakyrelu", alpha), 28, 10).network();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784);
        INDArray z = x.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
        INDArray a = net.feedForward(x, false).get(1);
        int negatives = 0;
        for (int row = 0; row < z.rows(); row++) {
            for (int unit = 0; unit < z.columns(); unit++) {
                double zi = z.getDouble(row, unit);
                double expected = zi > 0 ? zi : alpha * zi;
                assertEquals(expected, a.getDouble(row, unit), 1e-5 * Math.max(1, Math.abs(zi)), "example " + row + ", unit " + unit);
                negatives += zi < 0 ? 1 : 0;
            }
        }
        assertTrue(negatives > 100, "the check must cover negative pre-activations, saw " + negatives);
    }

    @Test
    void leakyReluNeedsAnAlphaAndReluRefusesOne() {
        assertThrows(IllegalArgumentException.class, () -> Activations.get("leakyrelu").create(null));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("relu").create(0.1));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("gelu9"));
    }

    @Test
    void slopeActivationsAreExactlyLeakyRelu() {
        assertEquals(List.of("leakyrelu"), Activations.slopeNames());
        assertEquals(List.of("relu", "leakyrelu", "prelu", "elu", "selu", "tanh", "sigmoid", "swish", "mish"),
                Activations.names());
    }

    /**
     * A unit inactive on every example is dead exactly where the activation's derivative is 0 below zero: relu, and no
     * other registered activation (Leaky ReLU's slope is alpha &gt; 0; PReLU is built on an identity and learns its slope).
     */
    @Test
    void onlyAnActivationWithoutGradientBelowZeroSaysItsInactiveUnitsAreDead() {
        for (String name : Activations.names()) {
            ActivationSpec spec = Activations.get(name);
            IActivation f = spec.create(spec.takesAlpha() ? 0.01 : null);
            float[] zs = {-5f, -1f, -0.01f};
            INDArray in = Nd4j.create(zs, new long[] {1, zs.length}, DataType.FLOAT);
            INDArray gradient = f.backprop(in.dup(), Nd4j.ones(DataType.FLOAT, 1, zs.length)).getFirst();
            boolean zero = true;
            for (int i = 0; i < zs.length; i++) {
                zero &= gradient.getDouble(i) == 0.0;
            }
            assertEquals(zero, spec.zeroBelowZero(), name);
        }
        assertEquals(List.of("relu"), Activations.dyingNames());
    }

    /** Inactive units are read from layer outputs, which needs f(z) &lt;= f(0) exactly when z &lt;= 0, for every activation. */
    @Test
    void everyActivationKeepsTheSignOfItsInput() {
        for (String name : Activations.names()) {
            ActivationSpec spec = Activations.get(name);
            IActivation f = spec.create(spec.takesAlpha() ? 0.1 : null);
            float[] zs = {-5f, -1f, -0.01f, 0f, 0.01f, 1f, 5f};
            INDArray out = f.getActivation(Nd4j.create(zs, new long[] {1, zs.length}, DataType.FLOAT), false);
            INDArray zero = f.getActivation(Nd4j.zeros(DataType.FLOAT, 1, 1), false);
            for (int i = 0; i < zs.length; i++) {
                assertEquals(zs[i] <= 0, out.getDouble(i) <= zero.getDouble(0), name + " at " + zs[i]);
            }
        }
    }
}

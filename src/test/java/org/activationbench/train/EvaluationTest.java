package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.Engine;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.Architectures;
import org.activationbench.model.BuiltNetwork;
import org.activationbench.testing.SyntheticData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class EvaluationTest {

    private static final Dataset DATA = SyntheticData.dataset(300, 10, 5);

    /**
     * A hand-set network: in layer 1, units 0..63 have bias -1 and zero weights (always inactive), unit 64 has bias
     * -0.5 and weight 1 from pixel 56 (row 2, lit for class 0), which exceeds 0.5 on some examples (so active), the rest
     * bias +1 (active). Layer 2 sees only constants; its even units get bias -1 (inactive), odd ones +1. Expected: units
     * 0..63 of 256 and the 64 even units of 128, whatever the activation. PReLU's slopes are set to -0.5, where an
     * inactive unit's activation is above zero: the count must come from the pre-activation, on either engine.
     */
    @Test
    void inactiveUnitsOfAHandBuiltNetwork() {
        for (String activation : List.of("relu", "leakyrelu", "sigmoid", "prelu", "prelu-stock")) {
            String name = activation.replace("-stock", "");
            TrialConfig config = new TrialConfig("synthetic", "mlp", name, name.equals("leakyrelu") ? 0.1 : null,
                    1, List.of(1), "adam", 1e-3, 32, "xavier");
            BuiltNetwork built = Architectures.build(activation.endsWith("-stock") ? config.withEngine(Engine.STOCK) : config, 28,
                    10);
            MultiLayerNetwork net = built.network();
            String second = String.valueOf(built.layerNames().indexOf("dense2"));
            if (name.equals("prelu")) {
                for (String slopes : activation.endsWith("-stock") ? List.of("1_W", "3_W") : List.of("0_slope", "1_slope")) {
                    net.getParam(slopes).assign(-0.5);
                }
            }
            INDArray w1 = net.getParam("0_W").assign(0);
            INDArray b1 = net.getParam("0_b").assign(1);
            for (int u = 0; u < 64; u++) {
                b1.putScalar(u, -1);
            }
            b1.putScalar(64, -0.5);
            w1.putScalar(56, 64, 1.0);
            net.getParam(second + "_W").assign(0);
            INDArray b2 = net.getParam(second + "_b");
            for (int u = 0; u < 128; u++) {
                b2.putScalar(u, u % 2 == 0 ? -1 : 1);
            }
            Evaluation e = Evaluation.of(net, DATA.train(), 10, built.hidden(), 64);
            assertArrayEquals(new int[] {256, 128}, e.inactive.units(), activation);
            assertArrayEquals(new int[] {64, 64}, e.inactive.counts(), activation);
            BitSet layer1 = new BitSet();
            layer1.set(0, 64);
            BitSet layer2 = new BitSet();
            for (int u = 0; u < 128; u += 2) {
                layer2.set(u);
            }
            assertEquals(layer1, e.inactive.mask(0), activation);
            assertEquals(layer2, e.inactive.mask(1), activation);
            assertArrayEquals(new double[] {64 / 256.0, 64 / 128.0}, e.inactiveFraction(), 0.0, activation);
        }
    }

    @Test
    void lossAndAccuracyOfAConstantNetworkAreExact() {
        TrialConfig config = new TrialConfig("synthetic", "mlp", "relu", null, 1, List.of(1), "adam", 1e-3, 32, "xavier");
        BuiltNetwork built = Architectures.build(config, 28, 10);
        MultiLayerNetwork net = built.network();
        net.params().assign(0);
        // All logits 0: every class has probability 0.1, the loss is ln 10 and argmax picks class 0.
        Evaluation e = Evaluation.of(net, DATA.train(), 10, List.of(), 128);
        assertEquals(Math.log(10), e.loss, 1e-6);
        long zeros = java.util.Arrays.stream(DATA.train().y()).filter(y -> y == 0).count();
        assertEquals(zeros / 300.0, e.accuracy, 0.0);
    }
}

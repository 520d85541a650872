package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.activationbench.grid.Engine;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code torch-default} draws what PyTorch's {@code nn.Linear} and {@code nn.Conv2d} draw by default: weights and biases
 * uniform in +-1/sqrt(fan_in), whose variance is 1/(3 fan_in). The fan-ins are worked out here from the architectures:
 * MLP 784, 256 and 128 inputs; CNN 1 x 3 x 3, 32 x 3 x 3, and 64 channels x 5 x 5 into the output layer.
 */
class TorchDefaultInitTest {

    /** Every layer with weights and biases of a network, in order, against its fan-in. */
    private static void assertTorchDefault(String architecture, Engine engine, List<Integer> fanIns) {
        BuiltNetwork built = Architectures.build(TrainingSettings.config(architecture, "relu", null, engine, "adam", 1e-3,
                "torch-default", 0, 0, false), 28, 10);
        int checked = 0;
        for (Layer layer : built.network().getLayers()) {
            Map<String, INDArray> params = layer.paramTable();
            if (!params.containsKey("W") || !params.containsKey("b")) {
                continue;
            }
            int fanIn = fanIns.get(checked++);
            String where = architecture + " " + engine + " layer " + layer.getIndex();
            assertUniform(params.get("W"), fanIn, where + " weights");
            assertUniform(params.get("b"), fanIn, where + " biases");
        }
        assertEquals(fanIns.size(), checked, "layers with weights and biases");
    }

    /**
     * Within +-1/sqrt(fan_in), and a sample variance within 5 standard errors of 1/(3 fan_in): a uniform's variance has
     * relative standard error sqrt(0.8/n) (its kurtosis is 1.8).
     */
    private static void assertUniform(INDArray values, int fanIn, String where) {
        double bound = 1 / Math.sqrt(fanIn);
        double[] v = values.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double variance = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
        double max = java.util.Arrays.stream(v).map(Math::abs).max().orElseThrow();
        assertTrue(max <= bound * (1 + 1e-6), where + ": |value| " + max + " above the bound " + bound);
        double expected = bound * bound / 3;
        double tolerance = 5 * Math.sqrt(0.8 / v.length) * expected;
        assertEquals(expected, variance, tolerance, where + ": variance of " + v.length + " values");
        if (v.length >= 64) {
            // the largest of n uniform draws falls short of the bound by about bound / n
            assertTrue(max > bound * (1 - 10.0 / v.length), where + ": largest " + max + " of bound " + bound);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void mlpLayersDrawFromPlusMinusOneOverRootFanIn(Engine engine) {
        assertTorchDefault("mlp", engine, List.of(784, 256, 128));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void convolutionFanInCountsInputChannelsTimesKernelArea(Engine engine) {
        assertTorchDefault("cnn", engine, List.of(9, 32 * 9, 64 * 5 * 5));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theBiasesAreDrawnFromTheTrialsSeedNotFromTheClock(Engine engine) {
        var config = TrainingSettings.config("mlp", "relu", null, engine, "adam", 1e-3, "torch-default", 0, 0, false);
        INDArray first = Architectures.build(config, 28, 10).network().getLayer(0).getParam("b");
        INDArray again = Architectures.build(config, 28, 10).network().getLayer(0).getParam("b");
        INDArray other = Architectures.build(config.withSeed(8), 28, 10).network().getLayer(0).getParam("b");
        assertEquals(first, again);
        assertTrue(!first.equals(other), "another seed draws other biases");
    }

    /** Any other initialisation starts every bias of every layer at the trial's bias-init. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void otherInitialisationsStartEveryBiasAtTheBiasInit(Engine engine) {
        for (String architecture : List.of("mlp", "cnn")) {
            BuiltNetwork built = Architectures.build(TrainingSettings.config(architecture, "relu", null, engine, "adam",
                    1e-3, "he", 0.01, 0, false), 28, 10);
            int layers = 0;
            for (Layer layer : built.network().getLayers()) {
                INDArray b = layer.paramTable().get("b");
                if (b != null) {
                    layers++;
                    assertEquals(0.01, b.minNumber().doubleValue(), 1e-9, architecture + " layer " + layer.getIndex());
                    assertEquals(0.01, b.maxNumber().doubleValue(), 1e-9, architecture + " layer " + layer.getIndex());
                }
            }
            assertEquals(3, layers, architecture);
        }
    }
}

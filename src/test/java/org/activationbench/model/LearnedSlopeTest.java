package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activationbench.grid.Engine;
import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class LearnedSlopeTest {

    private static final int BATCH = 128;

    private static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 784).subi(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 10, 1);
        }
        return new DataSet(x, y);
    }

    private static MultiLayerNetwork net(String architecture, String activation, Double alpha, Engine engine) {
        return Architectures.build(new TrialConfig("mnist", architecture, activation, alpha, 3, java.util.List.of(1), "adam",
                1e-3, BATCH, "xavier").withEngine(engine), 28, 10).network();
    }

    /** At its initial slope 0.25, PReLU is leaky ReLU(0.25): same weights must give the same gradients, at batch 128. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void gradientsMatchLeakyReluAtTheInitialSlope(Engine engine) {
        for (String architecture : new String[] {"mlp", "cnn"}) {
            MultiLayerNetwork leaky = net(architecture, "leakyrelu", LearnedSlopeLayer.INITIAL_SLOPE, engine);
            MultiLayerNetwork prelu = net(architecture, "prelu", null, engine);
            int[] map = weighted(prelu);
            int[] from = weighted(leaky);
            assertEquals(3, map.length, architecture + ": weighted layers of " + prelu.getLayerWiseConfigurations());
            assertEquals(map.length, from.length, architecture + ": weighted layers of " + leaky.getLayerWiseConfigurations());
            for (int i = 0; i < map.length; i++) {
                prelu.getParam(map[i] + "_W").assign(leaky.getParam(from[i] + "_W"));
                prelu.getParam(map[i] + "_b").assign(leaky.getParam(from[i] + "_b"));
            }
            DataSet data = batch(1);
            Gradient gl = leaky.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst();
            Gradient gp = prelu.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst();
            for (int i = 0; i < map.length; i++) {
                INDArray expected = gl.getGradientFor(from[i] + "_W");
                INDArray actual = gp.getGradientFor(map[i] + "_W");
                double relative = expected.sub(actual).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
                assertEquals(0.0, relative, 1e-5, architecture + " layer " + map[i]);
            }
        }
    }

    /** The indices of the layers with weights and biases: PReLU's slope layers aside. */
    private static int[] weighted(MultiLayerNetwork net) {
        return java.util.stream.IntStream.range(0, net.getnLayers())
                .filter(i -> net.getLayer(i).paramTable().containsKey("b"))
                .toArray();
    }

    /**
     * The slope gradient against a central finite difference of the summed loss over 16 examples, at the five units or
     * channels of largest gradient, for the stock engine's PReLU layers and for the fast engine's, whose slopes sit in a
     * dense layer ({@code 0_slope}), in the CNN's fused first layer ({@code 0_slope}) or in its second pooling
     * ({@code 2_W}). The CNN's loss, summed in single precision through more operations, moves by about 1e-5 with the
     * order of its sums (the two engines' finite differences of one channel differed by 4e-4 at h = 0.01), hence its
     * larger absolute margin.
     */
    @ParameterizedTest
    @CsvSource({"mlp, STOCK, 1_W, 5e-4", "mlp, FAST, 0_slope, 5e-4", "cnn, STOCK, 1_W, 2e-3", "cnn, FAST, 0_slope, 2e-3",
            "cnn, FAST, 2_W, 2e-3"})
    void slopeGradientMatchesFiniteDifferences(String architecture, Engine engine, String key, double margin) {
        MultiLayerNetwork prelu = net(architecture, "prelu", null, engine);
        DataSet full = batch(2);
        DataSet data = new DataSet(full.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)).dup(),
                full.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)).dup());
        INDArray slopes = prelu.getParam(key);
        slopes.assign(Nd4j.rand(DataType.FLOAT, slopes.shape()).muli(0.45).addi(0.05));
        INDArray analytic = prelu.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst()
                .getGradientFor(key).dup();
        double h = 1e-2;
        int[] largest = java.util.stream.IntStream.range(0, (int) slopes.length()).boxed()
                .sorted((u, v) -> Double.compare(Math.abs(analytic.getDouble(v)), Math.abs(analytic.getDouble(u))))
                .mapToInt(Integer::intValue).limit(5).toArray();
        for (int unit : largest) {
            INDArray slope = prelu.getParam(key);
            double original = slope.getDouble(unit);
            slope.putScalar(unit, original + h);
            double up = prelu.score(data) * 16;
            slope.putScalar(unit, original - h);
            double down = prelu.score(data) * 16;
            slope.putScalar(unit, original);
            double numeric = (up - down) / (2 * h);
            assertTrue(Math.abs(numeric) > 5 * margin, "unit " + unit + ": a gradient the margin cannot hide, got " + numeric);
            assertEquals(numeric, analytic.getDouble(unit), 2e-2 * Math.abs(numeric) + margin, "unit " + unit);
        }
    }
}

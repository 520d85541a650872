package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
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

    private static MultiLayerNetwork net(String architecture, String activation, Double alpha) {
        return Architectures.build(new TrialConfig("mnist", architecture, activation, alpha, 3, java.util.List.of(1), "adam",
                1e-3, BATCH, "xavier"), 28, 10).network();
    }

    /** At its initial slope 0.25, PReLU is leaky ReLU(0.25): same weights must give the same gradients, at batch 128. */
    @Test
    void gradientsMatchLeakyReluAtTheInitialSlope() {
        for (String architecture : new String[] {"mlp", "cnn"}) {
            MultiLayerNetwork leaky = net(architecture, "leakyrelu", LearnedSlopeLayer.INITIAL_SLOPE);
            MultiLayerNetwork prelu = net(architecture, "prelu", null);
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

    /** The indices of the layers with weights, PReLU's slope layers aside. */
    private static int[] weighted(MultiLayerNetwork net) {
        return java.util.stream.IntStream.range(0, net.getnLayers())
                .filter(i -> net.getLayer(i).numParams() > 0 && !(net.getLayer(i).conf().getLayer() instanceof LearnedSlopeLayer))
                .toArray();
    }

    /** The slope gradient against a central finite difference of the summed loss (16 examples, so float sums stay exact enough). */
    @Test
    void slopeGradientMatchesFiniteDifferences() {
        MultiLayerNetwork prelu = net("mlp", "prelu", null);
        DataSet full = batch(2);
        DataSet data = new DataSet(full.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)).dup(),
                full.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)).dup());
        INDArray slopes = prelu.getParam("1_W");
        slopes.assign(Nd4j.rand(DataType.FLOAT, slopes.shape()).muli(0.45).addi(0.05));
        INDArray analytic = prelu.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst()
                .getGradientFor("1_W").dup();
        double h = 1e-2;
        int checked = 0;
        for (int unit = 0; unit < 256 && checked < 5; unit++) {
            if (Math.abs(analytic.getDouble(unit)) < 1e-2) {
                continue;
            }
            INDArray slope = prelu.getParam("1_W");
            double original = slope.getDouble(unit);
            slope.putScalar(unit, original + h);
            double up = prelu.score(data) * 16;
            slope.putScalar(unit, original - h);
            double down = prelu.score(data) * 16;
            slope.putScalar(unit, original);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic.getDouble(unit), 2e-2 * Math.abs(numeric) + 5e-4, "unit " + unit);
            checked++;
        }
        assertEquals(5, checked);
    }
}

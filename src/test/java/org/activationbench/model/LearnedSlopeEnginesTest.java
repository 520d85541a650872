package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.grid.Engine;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * PReLU on the fast engine, its slopes learned inside the dense layers, the fused first convolution and the pooling,
 * against the stock engine's PReLU layers: the same initial parameters in the same order, the same gradient groups under
 * the same names, and after five steps with weight decay the same parameters and outputs, within the margins
 * {@link BatchNormLayersTest} holds the engines to. Adam without batch normalisation; with it, Nesterov momentum as in
 * {@code BatchNormLayersTest}: the bias of a layer before batch normalisation has a gradient of zero in exact arithmetic,
 * and Adam turns its rounding noise, which differs with the order of the sums, into steps of the learning rate's size.
 */
class LearnedSlopeEnginesTest {

    private static BuiltNetwork build(String architecture, Engine engine, boolean batchNorm, String optimizer) {
        return Architectures.build(TrainingSettings.config(architecture, "prelu", null, engine, optimizer, 0.01, "xavier", 0.0,
                1e-3, batchNorm), 28, 10);
    }

    @ParameterizedTest
    @CsvSource({"mlp, false, adam", "cnn, false, adam", "mlp, true, nesterovs", "cnn, true, nesterovs"})
    void theEnginesTrainTheSameNumbers(String architecture, boolean batchNorm, String optimizer) {
        BuiltNetwork fastBuilt = build(architecture, Engine.FAST, batchNorm, optimizer);
        BuiltNetwork stockBuilt = build(architecture, Engine.STOCK, batchNorm, optimizer);
        MultiLayerNetwork fast = fastBuilt.network();
        MultiLayerNetwork stock = stockBuilt.network();
        assertEquals(stock.params(), fast.params(), "the same seed initialises both, the slopes where the stock engine has them");
        List<String> groups = GradientGroups.of(stock).names(stockBuilt.layerNames());
        assertEquals(groups, GradientGroups.of(fast).names(fastBuilt.layerNames()));
        assertTrue(groups.containsAll(architecture.equals("cnn") ? List.of("conv1", "prelu-conv1", "conv2", "prelu-conv2")
                : List.of("dense1", "prelu-dense1", "dense2", "prelu-dense2")), groups.toString());
        INDArray initial = stock.params().dup();

        for (int step = 0; step < 5; step++) {
            DataSet batch = TrainingSettings.minibatch(32, step);
            fast.fit(batch);
            stock.fit(batch);
        }
        INDArray a = fast.params().castTo(DataType.DOUBLE);
        INDArray b = stock.params().castTo(DataType.DOUBLE);
        double worst = a.sub(b).amaxNumber().doubleValue();
        double moved = b.sub(initial.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-4 * Math.max(1, moved) && worst < moved / 100, architecture + ": engines differ by " + worst
                + " after steps that moved parameters by up to " + moved);
        INDArray slopes = stock.getParam(stockBuilt.layerNames().indexOf("prelu-" + (architecture.equals("cnn") ? "conv1" : "dense1"))
                + "_W");
        assertNotEquals(0.0, slopes.castTo(DataType.DOUBLE).sub(LearnedSlopeLayer.INITIAL_SLOPE).amaxNumber().doubleValue(),
                "the steps moved the slopes");
        DataSet probe = TrainingSettings.minibatch(64, 99);
        double outputs = fast.output(probe.getFeatures()).castTo(DataType.DOUBLE)
                .sub(stock.output(probe.getFeatures()).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(outputs < 1e-4, architecture + ": outputs differ by " + outputs);
    }
}

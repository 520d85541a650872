package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.activationbench.grid.Engine;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Batch normalisation sits between every hidden layer's linear part and its activation, on either engine, and the two
 * engines train the same numbers with it (and with the other condition settings) within float rounding.
 */
class BatchNormLayersTest {

    private static BuiltNetwork build(String architecture, String activation, Engine engine) {
        Double alpha = activation.equals("leakyrelu") ? 0.1 : null;
        return Architectures.build(TrainingSettings.config(architecture, activation, alpha, engine, "nesterovs", 0.05, "he",
                0.01, 1e-3, true), 28, 10);
    }

    @Test
    void mlpNormalisesEveryHiddenLayerBeforeItsActivation() {
        BuiltNetwork built = build("mlp", "relu", Engine.STOCK);
        assertEquals(List.of("dense1", "bn-dense1", "act-dense1", "dense2", "bn-dense2", "act-dense2", "output"),
                built.layerNames());
        // a scale, a shift, a running mean and a running variance per unit
        assertEquals(784L * 256 + 256 + 4 * 256 + 256L * 128 + 128 + 4 * 128 + 128L * 10 + 10, built.network().numParams());
        assertEquals(List.of(2, 5), built.hidden().stream().map(HiddenLayer::outputIndex).toList());
    }

    @Test
    void aLearnedSlopeFollowsTheNormalisation() {
        BuiltNetwork built = build("mlp", "prelu", Engine.FAST);
        assertEquals(List.of("dense1", "bn-dense1", "prelu-dense1", "dense2",
                "bn-dense2", "prelu-dense2", "output"), built.layerNames());
        assertEquals(List.of(1, 4), built.hidden().stream().map(HiddenLayer::outputIndex).toList());
    }

    /** The fast engine keeps its rectifier after the pooling; the normalised pre-activation then marks the hidden layer. */
    @Test
    void cnnNormalisesEachConvolutionAndTheFastEngineStillPoolsBeforeTheRectifier() {
        assertEquals(List.of("conv1", "bn-conv1", "act-conv1", "pool1", "conv2", "bn-conv2", "act-conv2", "pool2", "output"),
                build("cnn", "relu", Engine.STOCK).layerNames());
        BuiltNetwork fast = build("cnn", "relu", Engine.FAST);
        assertEquals(List.of("conv1", "bn-conv1", "pool1", "conv2", "bn-conv2", "pool2", "output"), fast.layerNames());
        assertEquals(List.of(1, 4), fast.hidden().stream().map(HiddenLayer::outputIndex).toList());
        assertTrue(fast.hidden().stream().allMatch(h -> h.zeroOutput() == 0.0));
    }

    /** Five Nesterov steps with weight decay, a bias of 0.01 and batch normalisation: the engines agree. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void theEnginesTrainTheSameNumbers(String architecture) {
        MultiLayerNetwork fast = build(architecture, "leakyrelu", Engine.FAST).network();
        MultiLayerNetwork stock = build(architecture, "leakyrelu", Engine.STOCK).network();
        assertEquals(stock.params(), fast.params(), "the same seed initialises both");
        for (int step = 0; step < 5; step++) {
            DataSet batch = TrainingSettings.minibatch(32, step);
            fast.fit(batch);
            stock.fit(batch);
        }
        INDArray a = fast.params().castTo(DataType.DOUBLE);
        INDArray b = stock.params().castTo(DataType.DOUBLE);
        double worst = a.sub(b).amaxNumber().doubleValue();
        double moved = b.sub(build(architecture, "leakyrelu", Engine.STOCK).network().params().castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
        assertTrue(worst < 1e-4 * Math.max(1, moved) && worst < moved / 100, architecture + ": engines differ by " + worst
                + " after steps that moved parameters by up to " + moved);
        DataSet probe = TrainingSettings.minibatch(64, 99);
        double outputs = fast.output(probe.getFeatures()).castTo(DataType.DOUBLE)
                .sub(stock.output(probe.getFeatures()).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(outputs < 1e-4, architecture + ": outputs differ by " + outputs);
    }
}

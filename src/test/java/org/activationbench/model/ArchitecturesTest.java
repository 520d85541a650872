package org.activationbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

    @Test
    void mlpIs784To256To128To10() {
        BuiltNetwork built = Architectures.build(ActivationsTest.config("mlp", "relu", null), 28, 10);
        assertEquals(List.of("dense1", "dense2", "output"), built.layerNames());
        assertEquals(784L * 256 + 256 + 256L * 128 + 128 + 128L * 10 + 10, built.network().numParams());
        assertEquals(List.of(256, 128), built.hidden().stream().map(HiddenLayer::units).toList());
    }

    @Test
    void cnnHasTwoConvolutionsEachFollowedByMaxPooling() {
        BuiltNetwork built = Architectures.build(ActivationsTest.config("cnn", "elu", null), 28, 10);
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "output"), built.layerNames());
        // conv1 3x3x1x32, conv2 3x3x32x64, 28 -> 26 -> 13 -> 11 -> 5: the output layer sees 5*5*64 inputs.
        long expected = (9 * 32 + 32) + (9L * 32 * 64 + 64) + (5L * 5 * 64 * 10 + 10);
        assertEquals(expected, built.network().numParams());
        assertEquals(List.of(32, 64), built.hidden().stream().map(HiddenLayer::units).toList());
    }

    /** The stock engine runs Deeplearning4j's PReLU layer after each linear layer. */
    @Test
    void preluAddsALearnedSlopeLayerAfterEachLinearLayerOnTheStockEngine() {
        BuiltNetwork built = Architectures.build(stock("mlp"), 28, 10);
        assertEquals(List.of("dense1", "prelu-dense1", "dense2", "prelu-dense2", "output"), built.layerNames());
        assertEquals(256, built.network().getLayer(1).numParams(), "one slope per unit");
        assertTrue(built.network().getLayer(1).conf().getLayer() instanceof LearnedSlopeLayer);
        BuiltNetwork cnn = Architectures.build(stock("cnn"), 28, 10);
        assertEquals(List.of("conv1", "prelu-conv1", "pool1", "conv2", "prelu-conv2", "pool2", "output"), cnn.layerNames());
        assertEquals(32, cnn.network().getLayer(1).numParams(), "one slope per channel");
    }

    /**
     * The fast engine learns the slopes in the dense layers, in the fused first convolution and in the second pooling,
     * after the parameters they follow on the stock engine; the pre-activation's sign comes from the layer that applies
     * the activation inside itself, or from the convolution's output.
     */
    @Test
    void theFastEngineFusesTheLearnedSlopesWithTheLayersAroundThem() {
        BuiltNetwork mlp = Architectures.build(ActivationsTest.config("mlp", "prelu", null), 28, 10);
        assertEquals(List.of("dense1", "dense2", "output"), mlp.layerNames());
        assertEquals(784L * 256 + 256 + 256, mlp.network().getLayer(0).numParams(), "weights, biases, one slope per unit");
        assertEquals(List.of(true, true), mlp.hidden().stream().map(HiddenLayer::activatedInside).toList());
        BuiltNetwork cnn = Architectures.build(ActivationsTest.config("cnn", "prelu", null), 28, 10);
        assertEquals(List.of("conv1", "conv2", "prelu-conv2", "output"), cnn.layerNames());
        assertEquals(9 * 32 + 32 + 32, cnn.network().getLayer(0).numParams());
        assertEquals(64, cnn.network().getLayer(2).numParams(), "one slope per channel");
        assertEquals(List.of(0, 1), cnn.hidden().stream().map(HiddenLayer::outputIndex).toList());
        assertEquals(List.of(true, false), cnn.hidden().stream().map(HiddenLayer::activatedInside).toList());
        assertEquals(Architectures.build(stock("cnn"), 28, 10).network().numParams(), cnn.network().numParams());
    }

    /**
     * For a rectifier the fast engine computes each convolution with its pooling and activation as one layer: the first
     * on the heap, the second in oneDNN's blocked layout; the parameters are the stock engine's, layer for layer.
     */
    @Test
    void theFastEngineFusesEachRectifiedConvolutionWithItsPooling() {
        BuiltNetwork cnn = Architectures.build(ActivationsTest.config("cnn", "relu", null), 28, 10);
        assertEquals(List.of("conv1", "conv2", "output"), cnn.layerNames());
        assertTrue(cnn.network().getLayer(1).conf().getLayer()
                instanceof org.activationbench.model.fastpath.BlockedConvolutionLayer);
        assertEquals(List.of(0, 1), cnn.hidden().stream().map(HiddenLayer::outputIndex).toList());
        BuiltNetwork stock = Architectures.build(ActivationsTest.config("cnn", "relu", null)
                .withEngine(org.activationbench.grid.Engine.STOCK), 28, 10);
        assertEquals(stock.network().numParams(), cnn.network().numParams());
        assertEquals(64 * 11 * 11, cnn.widestActivation(), "the second convolution's output, in oneDNN's buffers");
    }

    private static org.activationbench.grid.TrialConfig stock(String architecture) {
        return ActivationsTest.config(architecture, "prelu", null).withEngine(org.activationbench.grid.Engine.STOCK);
    }

    @Test
    void deepMlpHasNHiddenLayersOf128() {
        BuiltNetwork built = Architectures.build(ActivationsTest.config("mlp-deep-8", "tanh", null), 28, 10);
        assertEquals(8, built.hidden().size());
        assertTrue(built.hidden().stream().allMatch(h -> h.units() == 128));
    }

    /** The units the tables' readers take for rows landed without runs.hidden_units are those the networks are built with. */
    @Test
    void theHiddenUnitsOfAnArchitectureAreThoseItsNetworkIsBuiltWith() {
        for (String name : List.of("mlp", "cnn", "mlp-deep-2", "mlp-deep-5")) {
            BuiltNetwork built = Architectures.build(ActivationsTest.config(name, "relu", null), 28, 10);
            assertEquals(built.hidden().stream().map(HiddenLayer::units).toList(), Architectures.hiddenUnits(name), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Architectures.hiddenUnits("mlp-deep-33"));
    }

    /** The parameters counted from the shapes (the driver's space check uses them) are those Deeplearning4j allocates. */
    @Test
    void theParametersCountedFromTheShapesAreThoseOfTheBuiltNetwork() {
        for (String name : List.of("mlp", "cnn", "mlp-deep-2", "mlp-deep-7")) {
            for (int side : new int[] {28, 20}) {
                BuiltNetwork built = Architectures.build(ActivationsTest.config(name, "relu", null), side, 10);
                assertEquals(built.network().numParams(), Architectures.parameters(name, side, 10), name + " at " + side);
            }
        }
    }

    /**
     * Each linear layer counted from the shapes is one Deeplearning4j's stock engine builds: its weight and bias arrays
     * have those lengths, and its output, fed an example, has that many positions (a convolution's height x width).
     */
    @Test
    void theLinearLayersCountedFromTheShapesAreThoseOfTheBuiltNetwork() {
        for (String name : List.of("mlp", "cnn", "mlp-deep-3")) {
            BuiltNetwork built = Architectures.build(
                    ActivationsTest.config(name, "relu", null).withEngine(org.activationbench.grid.Engine.STOCK), 28, 10);
            List<org.nd4j.linalg.api.ndarray.INDArray> outputs = built.network().feedForward(
                    org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 784), false);
            for (Architectures.LinearLayer layer : Architectures.linearLayers(name, 28, 10)) {
                int index = built.layerNames().indexOf(layer.name());
                assertTrue(index >= 0, name + " has no layer " + layer.name() + ": " + built.layerNames());
                var params = built.network().getLayer(index);
                assertEquals(layer.weights(), params.getParam("W").length(), name + " " + layer.name());
                assertEquals(layer.biases(), params.getParam("b").length(), name + " " + layer.name());
                long[] shape = outputs.get(index + 1).shape();
                assertEquals(layer.positions(), shape.length == 4 ? shape[2] * shape[3] : 1, name + " " + layer.name());
            }
        }
        // conv1 26 x 26 outputs, conv2 (on the 13 x 13 pooled maps) 11 x 11
        assertEquals(List.of(676L, 121L, 1L),
                Architectures.linearLayers("cnn", 28, 10).stream().map(Architectures.LinearLayer::positions).toList());
    }

    @Test
    void namesOutsideTheFamilyAreRejected() {
        assertTrue(Architectures.isKnown("mlp-deep-2") && Architectures.isKnown("mlp-deep-32"));
        for (String bad : List.of("mlp-deep-1", "mlp-deep-33", "mlp-deep-", "mlp-deep-008", "resnet", "MLP")) {
            assertFalse(Architectures.isKnown(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Architectures.build(ActivationsTest.config("resnet", "relu", null), 28, 10));
    }
}

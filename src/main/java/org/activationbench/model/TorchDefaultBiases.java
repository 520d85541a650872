package org.activationbench.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The biases of PyTorch's default initialisation ({@code torch-default}): every bias of a layer with weights uniform in
 * +-1/sqrt(fan_in), as {@code nn.Linear} and {@code nn.Conv2d} draw them. DL4J sets a bias to one constant, so they are
 * drawn here, after the network is initialised, from the trial's seed.
 */
final class TorchDefaultBiases {

    private TorchDefaultBiases() {}

    static void draw(MultiLayerNetwork network, long seed) {
        // a stream of its own, so the weights (drawn by ND4J from the same seed) and the biases are independent
        SplittableRandom random = new SplittableRandom(seed).split();
        for (Layer layer : network.getLayers()) {
            INDArray weights = layer.paramTable().get(DefaultParamInitializer.WEIGHT_KEY);
            INDArray biases = layer.paramTable().get(DefaultParamInitializer.BIAS_KEY);
            if (weights == null || biases == null || biases.length() == 0) {
                continue;
            }
            // weights hold fan_in values per output unit or channel: inputs, or input channels x kernel area
            double bound = 1 / Math.sqrt((double) weights.length() / biases.length());
            float[] values = new float[(int) biases.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (bound * (2 * random.nextDouble() - 1));
            }
            biases.assign(Nd4j.createFromArray(values).reshape(biases.shape()));
        }
    }
}

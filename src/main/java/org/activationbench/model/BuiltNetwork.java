package org.activationbench.model;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * An initialised network with the names of its layers.
 *
 * @param hidden     the layers whose inactive units are counted, input side first
 * @param layerNames one name per network layer (index = DL4J layer index), used to label gradient norms
 * @param widestActivation the most values one example's activations take at any layer (its input included)
 */
public record BuiltNetwork(MultiLayerNetwork network, List<HiddenLayer> hidden, List<String> layerNames,
        long widestActivation) {}

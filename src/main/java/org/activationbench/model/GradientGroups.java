package org.activationbench.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activationbench.model.fastpath.LearnedSlopeParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The parameters whose gradient norm is reported as one, input side first: each layer's, except that PReLU slopes a
 * layer learns beside parameters of its own ({@link LearnedSlopeParams#KEY}) are a group of their own, after the
 * layer's, named as the PReLU layer that holds them on the stock engine ({@code prelu-} and the layer's name). Both
 * engines thus report the same groups, under the same names, in the same order.
 */
public final class GradientGroups {

    /** The group of each gradient key, as DL4J names it: the layer's index, '_', the parameter's key ("0_W"). */
    private final Map<String, Integer> groupOfKey;
    private final List<Integer> layers;
    private final List<Boolean> slopes;

    private GradientGroups(Map<String, Integer> groupOfKey, List<Integer> layers, List<Boolean> slopes) {
        this.groupOfKey = groupOfKey;
        this.layers = layers;
        this.slopes = slopes;
    }

    /** The groups of a network, read from its layers' parameter keys. */
    public static GradientGroups of(MultiLayerNetwork network) {
        Map<String, Integer> groupOfKey = new HashMap<>();
        List<Integer> layers = new ArrayList<>();
        List<Boolean> slopes = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Set<String> keys = network.getLayer(i).paramTable().keySet();
            if (keys.isEmpty()) {
                continue;
            }
            boolean fusedSlope = keys.contains(LearnedSlopeParams.KEY) && keys.size() > 1;
            layers.add(i);
            slopes.add(false);
            for (String key : keys) {
                if (!(fusedSlope && key.equals(LearnedSlopeParams.KEY))) {
                    groupOfKey.put(i + "_" + key, layers.size() - 1);
                }
            }
            if (fusedSlope) {
                layers.add(i);
                slopes.add(true);
                groupOfKey.put(i + "_" + LearnedSlopeParams.KEY, layers.size() - 1);
            }
        }
        return new GradientGroups(Map.copyOf(groupOfKey), List.copyOf(layers), List.copyOf(slopes));
    }

    /** How many groups there are. */
    public int size() {
        return layers.size();
    }

    /** The group of a key of the network's gradient ({@code "0_W"}). */
    public int groupOf(String gradientKey) {
        Integer group = groupOfKey.get(gradientKey);
        if (group == null) {
            throw new IllegalArgumentException("the network has no parameter " + gradientKey + "; it has " + groupOfKey.keySet());
        }
        return group;
    }

    /** The groups' names, from the names of the network's layers. */
    public List<String> names(List<String> layerNames) {
        List<String> names = new ArrayList<>();
        for (int g = 0; g < layers.size(); g++) {
            String layer = layerNames.get(layers.get(g));
            names.add(slopes.get(g) ? "prelu-" + layer : layer);
        }
        return List.copyOf(names);
    }
}

package org.activationbench.model.fastpath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A layer's own parameters, then one PReLU slope per output unit or channel under {@link #KEY}, initialised to
 * {@link #INITIAL_SLOPE}: in the network's flattened parameters, where the stock engine keeps the slopes of the
 * PReLU layer that follows the layer. The slope is a weight parameter, as DL4J's {@code PReLUParamInitializer} has
 * it, so weight decay reaches it alike; drawing nothing at random, it leaves the other layers' initial weights as they
 * are.
 */
public final class LearnedSlopeParams implements ParamInitializer {

    /** The slopes' parameter key. */
    public static final String KEY = "slope";
    /** As He et al. (2015). */
    public static final double INITIAL_SLOPE = 0.25;

    private final ParamInitializer own;

    LearnedSlopeParams(ParamInitializer own) {
        this.own = own;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return own.numParams(layer) + units(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return with(own.paramKeys(layer));
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return with(own.weightKeys(layer));
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return own.biasKeys(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KEY.equals(key) || own.isWeightParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return own.isBiasParam(layer, key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        long n = own.numParams(conf);
        Map<String, INDArray> params = new LinkedHashMap<>(own.init(conf, columns(paramsView, 0, n), initializeParams));
        INDArray slopes = columns(paramsView, n, n + units(conf.getLayer()));
        if (initializeParams) {
            slopes.assign(INITIAL_SLOPE);
        }
        params.put(KEY, slopes);
        conf.addVariable(KEY);
        return java.util.Collections.synchronizedMap(params);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        long n = own.numParams(conf);
        Map<String, INDArray> gradients = new LinkedHashMap<>(own.getGradientsFromFlattened(conf, columns(gradientView, 0, n)));
        gradients.put(KEY, columns(gradientView, n, n + units(conf.getLayer())));
        return gradients;
    }

    /** Columns {@code [from, to)} of a layer's parameter (or gradient) row vector, as DL4J's initializers cut it. */
    private static INDArray columns(INDArray row, long from, long to) {
        return row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
    }

    private static long units(Layer layer) {
        return ((FeedForwardLayer) layer).getNOut();
    }

    private static List<String> with(List<String> keys) {
        List<String> all = new ArrayList<>(keys);
        all.add(KEY);
        return all;
    }
}

package org.activationbench.model;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Deeplearning4j's own layers, activations and updaters: the {@code stock} engine. */
public final class StockLayers implements LayerKit {

    public static final StockLayers INSTANCE = new StockLayers();

    private StockLayers() {}

    @Override
    public Layer dense(int units, IActivation activation) {
        return new DenseLayer.Builder().nOut(units).activation(activation).build();
    }

    @Override
    public Layer convolution(int channels, IActivation activation) {
        return new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(channels).activation(activation).build();
    }

    @Override
    public boolean activatesAfterPooling(IActivation activation) {
        return false;
    }

    @Override
    public Layer pooledInputConvolution(int channels, IActivation activation) {
        return null;
    }

    @Override
    public Layer pooledConvolution(int channels, IActivation activation) {
        return null;
    }

    @Override
    public Layer learnedSlopeDense(int units) {
        return null;
    }

    @Override
    public Layer learnedSlopeInputConvolution(int channels) {
        return null;
    }

    @Override
    public Layer pooledLearnedSlope(long[] shape) {
        return null;
    }

    @Override
    public Layer maxPooling(IActivation activation) {
        if (activation != null) {
            throw new IllegalArgumentException("the stock engine applies activations in the convolutions, found " + activation);
        }
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    @Override
    public Layer output(int classes) {
        return new OutputLayer.Builder(new LossMCXENT()).nOut(classes).activation(new ActivationSoftmax()).build();
    }

    @Override
    public IActivation activation(IActivation stock) {
        return stock;
    }

    @Override
    public IUpdater updater(IUpdater stock) {
        return stock;
    }

    @Override
    public void prepare(MultiLayerNetwork network) {}
}

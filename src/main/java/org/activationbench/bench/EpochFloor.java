package org.activationbench.bench;

import java.util.List;
import org.activationbench.data.DatasetSpec;
import org.activationbench.model.Architectures;

/**
 * The arithmetic floor of one network's training epoch on this core: the floating-point operations of its products
 * ({@link #flopsPerExample}) over the single-precision peak of a matrix product on one thread ({@link MatrixPeak}),
 * beside the measured epoch and a peer's. No implementation on this core trains the epoch faster than the floor.
 *
 * @param flopsPerEpoch     {@link #flopsPerExample} x the training examples of an epoch
 * @param floorSeconds      flopsPerEpoch at peakGflops
 * @param measuredSeconds   the fast engine's seconds per epoch of the full training set on one thread
 * @param measuredOverFloor measuredSeconds / floorSeconds
 * @param peerSeconds       a peer's seconds per epoch measured in the same sitting; null if not given
 * @param peerOverFloor     peerSeconds / floorSeconds; null without a peer figure
 */
public record EpochFloor(String architecture, long flopsPerEpoch, double peakGflops, double floorSeconds,
        double measuredSeconds, double measuredOverFloor, Double peerSeconds, Double peerOverFloor) {

    /** The floor of an epoch of {@code examples} training examples, with the measured and the peer's seconds. */
    static EpochFloor of(String architecture, int examples, double peakGflops, double measuredSeconds, Double peerSeconds) {
        long flops = flopsPerExample(architecture) * examples;
        double floor = flops / (peakGflops * 1e9);
        return new EpochFloor(architecture, flops, peakGflops, floor, measuredSeconds, measuredSeconds / floor, peerSeconds,
                peerSeconds == null ? null : peerSeconds / floor);
    }

    /**
     * Floating-point operations of one example's training step on the datasets' 28 x 28 images, from the shapes of
     * {@link Architectures#linearLayers}: two (a multiply and an add) per multiply-add of each dense and convolution
     * layer's forward product, of its weight gradient and of its input gradient, each weights x positions
     * multiply-adds; the first layer has no input gradient, since nothing uses it (neither engine computes it, nor does
     * PyTorch for an input that needs no gradient). Left out as lower-order terms: the biases and their gradients, the
     * activations and their derivatives, max-pooling, softmax and the loss (each a few operations per value, against
     * a product's hundreds to thousands of multiply-adds per value), and the updater's pass over the parameters (once
     * per minibatch, not per example). Counted densely: a layer that skips zeros of the gradient (the fused first
     * layer's weight gradient reads only each pooling window's largest element) does less than counted there.
     */
    static long flopsPerExample(String architecture) {
        List<Architectures.LinearLayer> layers = Architectures.linearLayers(architecture, DatasetSpec.SIDE,
                DatasetSpec.CLASSES);
        long multiplyAdds = 0;
        for (int i = 0; i < layers.size(); i++) {
            long perPass = layers.get(i).weights() * layers.get(i).positions();
            multiplyAdds += (i == 0 ? 2 : 3) * perPass;
        }
        return 2 * multiplyAdds;
    }
}

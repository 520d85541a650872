package org.activationbench.train;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Averages each layer's gradient L2 norm over the minibatches it is told to record. It listens to
 * {@code onGradientCalculation}, which DL4J calls after backpropagation and before the updater turns the
 * gradient into a step, so the norms are of the raw loss gradient, not of the Adam update. DL4J's gradient at
 * that point is summed over the minibatch (the updater divides it later); it is divided here by the minibatch
 * size so that the norm is that of the mean loss, as other frameworks report it.
 */
final class GradientNorms extends BaseTrainingListener {

    private final int layers;
    private final double[] sum;
    private int batches;
    private boolean recording;

    GradientNorms(int layers) {
        this.layers = layers;
        this.sum = new double[layers];
    }

    void record(boolean on) {
        recording = on;
    }

    void reset() {
        Arrays.fill(sum, 0);
        batches = 0;
    }

    /** The sums so far, one per layer, then the number of minibatches summed (exact in a double). */
    double[] progress() {
        double[] p = Arrays.copyOf(sum, layers + 1);
        p[layers] = batches;
        return p;
    }

    /** Continues from {@link #progress()}. */
    void restore(double[] progress) {
        if (progress.length != layers + 1) {
            throw new IllegalArgumentException("gradient norm sums of " + (progress.length - 1) + " layers for a network of "
                    + layers);
        }
        System.arraycopy(progress, 0, sum, 0, layers);
        batches = (int) progress[layers];
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!recording) {
            return;
        }
        double batchSize = model.batchSize();
        double[] squares = new double[layers];
        for (Map.Entry<String, INDArray> e : model.gradient().gradientForVariable().entrySet()) {
            int layer = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('_')));
            double norm = e.getValue().norm2Number().doubleValue();
            squares[layer] += norm * norm;
        }
        for (int i = 0; i < layers; i++) {
            sum[i] += Math.sqrt(squares[i]) / batchSize;
        }
        batches++;
    }

    /** Mean norm per layer over the recorded minibatches, for the given layer indices. */
    double[] mean(int[] layerIndices) {
        double[] out = new double[layerIndices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = batches == 0 ? Double.NaN : sum[layerIndices[i]] / batches;
        }
        return out;
    }
}

package org.activationbench.train;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.activationbench.data.Split;
import org.activationbench.model.HiddenLayer;
import org.activationbench.model.fastpath.NativeFloats;
import org.activationbench.model.fastpath.PreActivationPeaks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One inference pass over a whole split, in large chunks: mean cross-entropy, accuracy and, when hidden
 * layers are given, which of their units are inactive (pre-activation &lt;= 0 on every example of the split).
 */
final class Evaluation {

    /** Probabilities are clipped here before the log, so a confidently wrong example costs at most ~27.6 nats. */
    private static final double MIN_PROBABILITY = 1e-12;

    final double loss;
    final double accuracy;
    final InactiveUnits inactive;

    private Evaluation(double loss, double accuracy, InactiveUnits inactive) {
        this.loss = loss;
        this.accuracy = accuracy;
        this.inactive = inactive;
    }

    /** Per hidden layer, the fraction of its units that are inactive. */
    double[] inactiveFraction() {
        int[] counts = inactive.counts();
        int[] units = inactive.units();
        double[] fractions = new double[counts.length];
        for (int h = 0; h < counts.length; h++) {
            fractions[h] = counts[h] / (double) units[h];
        }
        return fractions;
    }

    static Evaluation of(MultiLayerNetwork net, Split split, int classes, List<HiddenLayer> hidden, int chunk) {
        double lossSum = 0;
        long correct = 0;
        double[][] maxOutput = new double[hidden.size()][];
        for (int h = 0; h < hidden.size(); h++) {
            maxOutput[h] = new double[hidden.get(h).units()];
            Arrays.fill(maxOutput[h], Double.NEGATIVE_INFINITY);
        }
        for (int start = 0; start < split.count(); start += chunk) {
            int rows = Math.min(chunk, split.count() - start);
            INDArray x = NativeFloats.copyOf(split.x(), start * split.features(), rows, split.features());
            float[] probabilities;
            if (hidden.isEmpty()) {
                INDArray out = net.output(x, false);
                probabilities = flat(out);
                out.close();
            } else {
                List<INDArray> activations = net.feedForward(x, false);
                for (int h = 0; h < hidden.size(); h++) {
                    HiddenLayer layer = hidden.get(h);
                    if (layer.activatedInside()) {
                        foldMax(peaks(net, layer), maxOutput[h]);
                    } else {
                        foldMax(activations.get(layer.outputIndex() + 1), maxOutput[h]);
                    }
                }
                probabilities = flat(activations.get(activations.size() - 1));
                for (INDArray a : activations) {
                    if (a != x && a.closeable()) {
                        a.close();
                    }
                }
            }
            x.close();
            for (int r = 0; r < rows; r++) {
                int label = split.y()[start + r];
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (probabilities[r * classes + c] > probabilities[r * classes + best]) {
                        best = c;
                    }
                }
                if (best == label) {
                    correct++;
                }
                double p = probabilities[r * classes + label];
                lossSum -= Math.log(Math.max(p, MIN_PROBABILITY));
            }
        }
        int[] units = new int[hidden.size()];
        BitSet[] masks = new BitSet[hidden.size()];
        for (int h = 0; h < hidden.size(); h++) {
            double zero = hidden.get(h).zeroOutput();
            units[h] = maxOutput[h].length;
            masks[h] = new BitSet(units[h]);
            for (int u = 0; u < units[h]; u++) {
                masks[h].set(u, maxOutput[h][u] <= zero);
            }
        }
        return new Evaluation(lossSum / split.count(), correct / (double) split.count(), new InactiveUnits(units, masks));
    }

    private static float[] flat(INDArray matrix) {
        return matrix.reshape(matrix.length()).toFloatVector();
    }

    /** The per-unit peaks of the pre-activation of a layer that applies its activation itself, from the pass just made. */
    private static float[] peaks(MultiLayerNetwork net, HiddenLayer layer) {
        if (!(net.getLayer(layer.outputIndex()) instanceof PreActivationPeaks peaks)) {
            throw new IllegalStateException("hidden layer " + layer.name() + " is activated inside network layer "
                    + layer.outputIndex() + ", which does not report its pre-activation: " + net.getLayer(layer.outputIndex()));
        }
        return peaks.preActivationPeaks();
    }

    private static void foldMax(float[] values, double[] max) {
        for (int u = 0; u < max.length; u++) {
            max[u] = Math.max(max[u], values[u]);
        }
    }

    /** Folds a layer output's per-unit maximum (over examples and, for convolutions, positions) into {@code max}. */
    private static void foldMax(INDArray output, double[] max) {
        INDArray perUnit = output.rank() == 2 ? output.max(0) : output.max(0, 2, 3);
        double[] values = perUnit.toDoubleVector();
        perUnit.close();
        for (int u = 0; u < max.length; u++) {
            // A NaN output is never counted as inactive: Math.max propagates it and NaN <= zero is false.
            max[u] = Math.max(max[u], values[u]);
        }
    }
}

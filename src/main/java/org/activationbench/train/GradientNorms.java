package org.activationbench.train;

import java.util.Arrays;
import java.util.Map;
import org.activationbench.model.GradientGroups;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Averages the gradient L2 norm of each group of parameters ({@link GradientGroups}: in effect, of each layer) over the
 * minibatches it is told to record. It listens to {@code onGradientCalculation}, which DL4J calls after
 * backpropagation and before the updater turns the gradient into a step, so the norms are of the raw loss gradient,
 * not of the Adam update. DL4J's gradient at that point is summed over the minibatch (the updater divides it later);
 * it is divided here by the minibatch size so that the norm is that of the mean loss, as other frameworks report it.
 */
final class GradientNorms extends BaseTrainingListener {

    private final GradientGroups groups;
    private final int groupCount;
    private final double[] sum;
    private int batches;
    private boolean recording;

    GradientNorms(GradientGroups groups) {
        this.groups = groups;
        this.groupCount = groups.size();
        this.sum = new double[groupCount];
    }

    void record(boolean on) {
        recording = on;
    }

    void reset() {
        Arrays.fill(sum, 0);
        batches = 0;
    }

    /** The sums so far, one per group, then the number of minibatches summed (exact in a double). */
    double[] progress() {
        double[] p = Arrays.copyOf(sum, groupCount + 1);
        p[groupCount] = batches;
        return p;
    }

    /** Continues from {@link #progress()}. */
    void restore(double[] progress) {
        if (progress.length != groupCount + 1) {
            throw new IllegalArgumentException("gradient norm sums of " + (progress.length - 1) + " groups for a network of "
                    + groupCount);
        }
        System.arraycopy(progress, 0, sum, 0, groupCount);
        batches = (int) progress[groupCount];
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!recording) {
            return;
        }
        double batchSize = model.batchSize();
        double[] squares = new double[groupCount];
        for (Map.Entry<String, INDArray> e : model.gradient().gradientForVariable().entrySet()) {
            double norm = e.getValue().norm2Number().doubleValue();
            squares[groups.groupOf(e.getKey())] += norm * norm;
        }
        for (int i = 0; i < groupCount; i++) {
            sum[i] += Math.sqrt(squares[i]) / batchSize;
        }
        batches++;
    }

    /** Mean norm per group over the recorded minibatches. */
    double[] mean() {
        double[] out = new double[groupCount];
        for (int i = 0; i < out.length; i++) {
            out[i] = batches == 0 ? Double.NaN : sum[i] / batches;
        }
        return out;
    }
}

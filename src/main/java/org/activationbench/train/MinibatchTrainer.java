package org.activationbench.train;

import org.activationbench.data.Dataset;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.GradientGroups;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** The per-task trainer: seeded minibatches fitted one by one in this JVM, with gradient norms recorded. */
final class MinibatchTrainer implements EpochTrainer {

    private final TrialConfig config;
    private final MultiLayerNetwork net;
    private final Minibatches minibatches;
    private final GradientNorms norms;
    private final int gradientBatches;

    MinibatchTrainer(TrialConfig config, Dataset data, MultiLayerNetwork net, int gradientBatches) {
        this.config = config;
        this.net = net;
        this.minibatches = new Minibatches(data.train(), data.classes(), config.batchSize());
        this.norms = new GradientNorms(GradientGroups.of(net));
        this.gradientBatches = gradientBatches;
        net.setListeners(norms);
    }

    @Override
    public void trainEpoch(int epoch, boolean checkpoint) {
        trainEpoch(epoch, checkpoint, 0, MinibatchBoundary.NONE);
    }

    @Override
    public void trainEpoch(int epoch, boolean checkpoint, int done, MinibatchBoundary boundary) {
        int batches = minibatches.count();
        if (done < 0 || done >= batches) {
            throw new IllegalArgumentException("epoch " + epoch + " has " + batches + " minibatches; cannot start after " + done);
        }
        int[] order = minibatches.order(config.seed(), epoch);
        if (done == 0) {
            norms.reset(); // part-way, the sums so far were restored
        }
        for (int b = done; b < batches; b++) {
            norms.record(checkpoint && b >= batches - gradientBatches);
            DataSet batch = minibatches.batch(order, b);
            net.fit(batch);
            double score = net.score();
            if (!Double.isFinite(score)) {
                throw new DivergenceException("loss became " + score + " in epoch " + epoch + ", minibatch " + (b + 1));
            }
            if (b + 1 < batches) {
                boundary.after(epoch, b + 1);
            }
        }
    }

    @Override
    public double[] gradientNormProgress() {
        return norms.progress();
    }

    @Override
    public void restoreGradientNormProgress(double[] progress) {
        norms.restore(progress);
    }

    @Override
    public double[] gradientNorms() {
        return norms.mean();
    }

    @Override
    public void close() {
        minibatches.close();
    }
}

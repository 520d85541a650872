package org.activationbench.train;

import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.data.Split;
import org.activationbench.grid.EvaluationLooks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trial's looks: the accuracy of the first {@link EvaluationLooks#examples()} examples of the validation split (of
 * the test set without one) after minibatches {@code floor(k * B / L)}, k = 1..L, of every epoch of B minibatches with
 * L looks (fewer when L &gt; B: one per boundary), the last at the epoch's end, and once before training. A look is an
 * inference pass only: it changes neither parameters nor updater state, so a trial trains the same numbers with or
 * without looks.
 */
final class AccuracyLooks {

    private final MultiLayerNetwork net;
    private final Split subsample;
    private final int classes;
    private final int chunk;
    private final int batchSize;
    private final int examplesPerEpoch;
    /** {@code looksAfter[m]}: whether a look follows minibatch {@code m} of an epoch (1..B). */
    private final boolean[] looksAfter;

    AccuracyLooks(EvaluationLooks looks, Dataset data, MultiLayerNetwork net, int batchSize, int chunk) {
        this.net = net;
        Split split = data.validation() != null ? data.validation() : data.test();
        this.subsample = split.head(Math.min(looks.examples(), split.count()));
        this.classes = data.classes();
        this.chunk = chunk;
        this.batchSize = batchSize;
        this.examplesPerEpoch = data.train().count();
        int batches = (examplesPerEpoch + batchSize - 1) / batchSize;
        this.looksAfter = new boolean[batches + 1];
        for (long k = 1; k <= looks.perEpoch(); k++) {
            looksAfter[(int) (k * batches / looks.perEpoch())] = true;
        }
        looksAfter[0] = false;
    }

    long examplesPerEpoch() {
        return examplesPerEpoch;
    }

    /** Whether a look follows minibatch {@code done} (from 1) of an epoch. */
    boolean after(int done) {
        return looksAfter[done];
    }

    /** Training examples seen once {@code done} minibatches of {@code epoch} (from 1) are trained. */
    long seen(int epoch, int done) {
        return (epoch - 1L) * examplesPerEpoch + Math.min((long) done * batchSize, examplesPerEpoch);
    }

    /** Measures the subsample's accuracy now, and appends it to the curve at {@code seen} examples. */
    void look(long seen, List<Long> examples, List<Double> accuracy) {
        examples.add(seen);
        accuracy.add(Evaluation.of(net, subsample, classes, List.of(), chunk).accuracy);
    }
}

package org.activationbench.train;

import java.util.Arrays;
import java.util.List;

/**
 * What a trial's looks ({@link org.activationbench.grid.EvaluationLooks}) measured up to one checkpoint: accuracies of
 * a fixed subsample of the validation split (of the test set when there is none) at evenly spread minibatch
 * boundaries, each at the training examples seen so far, with the look before training at 0.
 *
 * @param examplesTo97      training examples seen at the first look (up to this checkpoint) whose subsample accuracy
 *                          reached 0.97; null if none did. Likewise 98 and 99
 * @param accuracyAucEpoch1 the mean subsample accuracy over the looks of epoch 1, the look at 0 included: the area
 *                          under the accuracy curve of the first epoch, per epoch
 * @param lookExamples      the looks since the previous checkpoint (since training began, at the first): training
 *                          examples seen at each, ascending
 * @param lookAccuracy      the subsample accuracy at each of those looks
 */
public record LookMetrics(Long examplesTo97, Long examplesTo98, Long examplesTo99, double accuracyAucEpoch1,
        long[] lookExamples, double[] lookAccuracy) implements java.io.Serializable {

    public LookMetrics {
        if (lookExamples.length != lookAccuracy.length) {
            throw new IllegalArgumentException(lookExamples.length + " looks but " + lookAccuracy.length + " accuracies");
        }
    }

    /**
     * The metrics at the checkpoint ending epoch {@code epoch}, from the whole curve measured so far.
     *
     * @param examplesPerEpoch training examples in an epoch
     * @param previous         the epoch of the previous checkpoint; 0 at the first
     * @param examples         training examples seen at every look so far, ascending, from the look at 0
     * @param accuracy         the subsample accuracy at each
     */
    static LookMetrics at(int epoch, long examplesPerEpoch, int previous, List<Long> examples, List<Double> accuracy) {
        long end = epoch * examplesPerEpoch;
        long after = previous == 0 ? -1 : previous * examplesPerEpoch;
        Long[] reached = new Long[TrialRunner.TARGETS.length];
        double epoch1Sum = 0;
        int epoch1Looks = 0;
        int from = -1;
        int to = 0;
        for (int i = 0; i < examples.size() && examples.get(i) <= end; i++) {
            long seen = examples.get(i);
            double a = accuracy.get(i);
            for (int t = 0; t < reached.length; t++) {
                if (reached[t] == null && a >= TrialRunner.TARGETS[t]) {
                    reached[t] = seen;
                }
            }
            if (seen <= examplesPerEpoch) {
                epoch1Sum += a;
                epoch1Looks++;
            }
            if (seen > after && from < 0) {
                from = i;
            }
            to = i + 1;
        }
        from = from < 0 ? to : from;
        long[] lookExamples = new long[to - from];
        double[] lookAccuracy = new double[to - from];
        for (int i = from; i < to; i++) {
            lookExamples[i - from] = examples.get(i);
            lookAccuracy[i - from] = accuracy.get(i);
        }
        return new LookMetrics(reached[0], reached[1], reached[2], epoch1Looks == 0 ? Double.NaN : epoch1Sum / epoch1Looks,
                lookExamples, lookAccuracy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookMetrics m && java.util.Objects.equals(examplesTo97, m.examplesTo97)
                && java.util.Objects.equals(examplesTo98, m.examplesTo98) && java.util.Objects.equals(examplesTo99, m.examplesTo99)
                && Double.compare(accuracyAucEpoch1, m.accuracyAucEpoch1) == 0 && Arrays.equals(lookExamples, m.lookExamples)
                && Arrays.equals(lookAccuracy, m.lookAccuracy);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(examplesTo97, examplesTo98, examplesTo99, accuracyAucEpoch1, Arrays.hashCode(lookExamples),
                Arrays.hashCode(lookAccuracy));
    }

    @Override
    public String toString() {
        return "LookMetrics[to97=" + examplesTo97 + ", to98=" + examplesTo98 + ", to99=" + examplesTo99 + ", aucEpoch1="
                + accuracyAucEpoch1 + ", looks=" + Arrays.toString(lookExamples) + ", accuracy=" + Arrays.toString(lookAccuracy) + "]";
    }
}

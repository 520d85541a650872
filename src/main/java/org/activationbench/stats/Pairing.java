package org.activationbench.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two sets of per-seed values matched by seed. Seeds present on only one side are counted, not silently dropped.
 *
 * @param seeds     the seeds present on both sides, ascending
 * @param baseline  the baseline's value for each of {@code seeds}
 * @param candidate the candidate's value for each of {@code seeds}
 */
public record Pairing(List<Long> seeds, double[] baseline, double[] candidate, int unpairedBaseline, int unpairedCandidate) {

    /** The values of the seeds both sides have, in seed order; the others are counted as unpaired. */
    public static Pairing of(Map<Long, Double> baseline, Map<Long, Double> candidate) {
        TreeSet<Long> both = new TreeSet<>(baseline.keySet());
        both.retainAll(candidate.keySet());
        double[] b = new double[both.size()];
        double[] c = new double[both.size()];
        int i = 0;
        for (long seed : both) {
            b[i] = baseline.get(seed);
            c[i] = candidate.get(seed);
            i++;
        }
        return new Pairing(List.copyOf(both), b, c, baseline.size() - both.size(), candidate.size() - both.size());
    }

    /** Pairs: seeds both sides have. */
    public int size() {
        return seeds.size();
    }

    /** candidate - baseline, per seed. */
    public double[] differences() {
        double[] d = new double[baseline.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = candidate[i] - baseline[i];
        }
        return d;
    }
}

package org.activationbench.data;

/**
 * One part of a dataset held in plain arrays: {@code count} examples of {@code features} floats in [0, 1],
 * row-major, and their class labels.
 */
public record Split(int count, int features, float[] x, int[] y) {

    public Split {
        if (x.length != (long) count * features || y.length != count) {
            throw new IllegalArgumentException("split arrays do not match count " + count + " x features " + features);
        }
    }

    /** The first {@code n} examples (a copy), for smoke tests and small runs. */
    public Split head(int n) {
        int m = Math.min(n, count);
        float[] xs = new float[m * features];
        System.arraycopy(x, 0, xs, 0, xs.length);
        int[] ys = new int[m];
        System.arraycopy(y, 0, ys, 0, m);
        return new Split(m, features, xs, ys);
    }
}

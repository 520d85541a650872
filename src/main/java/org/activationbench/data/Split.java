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

    /** The examples whose {@code mask} entry equals {@code keep}, in their order (a copy). */
    public Split select(boolean[] mask, boolean keep) {
        int m = 0;
        for (boolean b : mask) {
            if (b == keep) {
                m++;
            }
        }
        float[] xs = new float[m * features];
        int[] ys = new int[m];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (mask[i] == keep) {
                System.arraycopy(x, i * features, xs, k * features, features);
                ys[k++] = y[i];
            }
        }
        return new Split(m, features, xs, ys);
    }
}

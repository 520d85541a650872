package org.activationbench.testing;

import java.util.SplittableRandom;
import org.activationbench.data.Dataset;
import org.activationbench.data.Split;

/** Small learnable image datasets built in code: class c lights a 4x28 band of rows, plus noise. */
public final class SyntheticData {

    private SyntheticData() {}

    public static Dataset dataset(int trainCount, int testCount, long seed) {
        return new Dataset("synthetic", 28, 28, 10, split(trainCount, seed), split(testCount, seed + 1));
    }

    static Split split(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * 784];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(10);
            y[i] = label;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                boolean lit = row >= 2 + label * 2 && row < 6 + label * 2;
                x[i * 784 + p] = (float) Math.min(1.0, (lit ? 0.7 : 0.0) + 0.3 * random.nextDouble());
            }
        }
        return new Split(count, 784, x, y);
    }
}

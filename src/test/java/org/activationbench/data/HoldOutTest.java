package org.activationbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldOutTest {

    /** 10 examples whose single feature is their index, labelled index mod 3. */
    private static Dataset indexed() {
        float[] x = new float[10];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        Split train = new Split(10, 1, x, y);
        return new Dataset("indexed", 1, 1, 3, train, train.head(2));
    }

    private static Set<Float> features(Split s) {
        Set<Float> set = new HashSet<>();
        for (float f : s.x()) {
            set.add(f);
        }
        return set;
    }

    @Test
    void theValidationSplitIsASeededSubsetAndTheRestTrainsInItsOrder() {
        Dataset d = indexed().holdOut(3, 42);
        assertEquals(3, d.validation().count());
        assertEquals(7, d.train().count());
        Set<Float> all = features(d.train());
        all.addAll(features(d.validation()));
        assertEquals(10, all.size(), "every example is in exactly one split");
        float[] train = d.train().x().clone();
        Arrays.sort(train);
        assertArrayEquals(train, d.train().x(), "the training examples keep their order");
        for (int i = 0; i < 3; i++) {
            assertEquals((int) d.validation().x()[i] % 3, d.validation().y()[i], "labels travel with their images");
        }
        assertArrayEquals(d.validation().x(), indexed().holdOut(3, 42).validation().x(), "the same seed, the same split");
        assertNotEquals(Arrays.toString(d.validation().x()), Arrays.toString(indexed().holdOut(3, 43).validation().x()));
        assertArrayEquals(indexed().test().x(), d.test().x(), "the test set is untouched");
        assertEquals(5, d.subset(5, 2).train().count());
        assertEquals(d.validation(), d.subset(5, 2).validation(), "data.train-examples cuts what remains, not the split");
    }

    @Test
    void aSplitThatLeavesNothingToTrainOnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> indexed().holdOut(10, 1));
        assertThrows(IllegalArgumentException.class, () -> indexed().holdOut(0, 1));
    }
}

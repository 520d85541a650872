package org.activationbench.executor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    @Test
    void collectsOnlyWhenTheMemoryOutsideTheHeapExceedsTheBudget() {
        NativeMemoryGuard guard = new NativeMemoryGuard(3072);
        assertFalse(guard.shouldCollect(4000, 1000), "2,000 MiB outside the heap is within 3,072");
        assertFalse(guard.shouldCollect(4072, 1000), "exactly the budget");
        assertTrue(guard.shouldCollect(4073, 1000));
    }

    @Test
    void collectsAgainOnlyAfterAnEighthOfTheBudgetMoreGrowth() {
        NativeMemoryGuard guard = new NativeMemoryGuard(3072);
        assertTrue(guard.shouldCollect(5000, 1000));
        // the C library keeps what the collection freed: the resident set stays over the budget without growing
        assertFalse(guard.shouldCollect(5000, 1000));
        assertFalse(guard.shouldCollect(5383, 1000), "383 MiB of growth, an eighth is 384");
        assertTrue(guard.shouldCollect(5384, 1000));
        assertFalse(guard.shouldCollect(5400, 1000));
    }

    @Test
    void growthCountsFromTheResidentSetAfterTheCollection() {
        NativeMemoryGuard guard = new NativeMemoryGuard(3072);
        assertTrue(guard.shouldCollect(8000, 2000));
        guard.afterCollection(5000);
        assertFalse(guard.shouldCollect(5383, 1000));
        assertTrue(guard.shouldCollect(5384, 1000), "an eighth of the budget above the 5,000 MiB left after the trim");
    }

    @Test
    void aHeapThatGrewCountsAsHeap() {
        NativeMemoryGuard guard = new NativeMemoryGuard(3072);
        assertFalse(guard.shouldCollect(6000, 3000), "3,000 MiB outside a 3,000 MiB heap");
    }
}

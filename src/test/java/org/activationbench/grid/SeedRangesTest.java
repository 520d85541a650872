package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedRangesTest {

    @Test
    void consecutiveSeedsReadAsRangesAndTheRestAsThemselves() {
        // A tuned grid's first round: tuning seeds 1000-1001 and confirmation seeds 0-1, in trial order.
        assertEquals("0-1, 1000-1001", SeedRanges.of(List.of(1000L, 1001L, 0L, 1L, 0L)));
        assertEquals("0, 2, 4-6", SeedRanges.of(List.of(6L, 0L, 5L, 2L, 4L)));
        assertEquals("7", SeedRanges.of(List.of(7L)));
        assertEquals("", SeedRanges.of(List.of()));
    }
}

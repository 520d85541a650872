package org.activationbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic floor against hand arithmetic: multiply-adds per example are weights x positions for each of the
 * forward product, the weight gradient and (but for the first layer) the input gradient; 2 FLOPs each.
 */
class EpochFloorTest {

    /**
     * mlp 784-256-128-10: dense1 784 x 256 = 200,704 weights, forward and weight gradient: 401,408; dense2 256 x 128 =
     * 32,768, three passes: 98,304; output 128 x 10 = 1,280, three passes: 3,840. 503,552 multiply-adds, 1,007,104 FLOPs.
     */
    @Test
    void theMlpsFlopsPerExampleAreItsThreeProductsTwiceOrThreeTimes() {
        assertEquals(2 * (2 * 200_704 + 3 * 32_768 + 3 * 1_280), EpochFloor.flopsPerExample("mlp"));
        assertEquals(1_007_104, EpochFloor.flopsPerExample("mlp"));
    }

    /**
     * cnn on 28 x 28: conv1 3 x 3 x 1 x 32 = 288 weights at 26 x 26 = 676 positions: 194,688 per pass, two passes;
     * pooled to 13 x 13; conv2 3 x 3 x 32 x 64 = 18,432 weights at 11 x 11 = 121 positions: 2,230,272 per pass, three
     * passes; pooled to 5 x 5; output 5 x 5 x 64 x 10 = 16,000, three passes. 389,376 + 6,690,816 + 48,000 = 7,128,192
     * multiply-adds, 14,256,384 FLOPs; 855,383,040,000 in an epoch of 60,000.
     */
    @Test
    void theCnnsFlopsPerExampleCountEachConvolutionAtEveryOutputPosition() {
        assertEquals(2 * (2 * 288L * 676 + 3 * 18_432L * 121 + 3 * 16_000L), EpochFloor.flopsPerExample("cnn"));
        assertEquals(14_256_384, EpochFloor.flopsPerExample("cnn"));
        assertEquals(855_383_040_000L, EpochFloor.of("cnn", 60_000, 100, 16, null).flopsPerEpoch());
    }

    /**
     * mlp-deep-4: 784 x 128 = 100,352 weights, two passes: 200,704; three 128 x 128 = 16,384, three passes each:
     * 147,456; output 128 x 10 = 1,280, three passes: 3,840. 352,000 multiply-adds, 704,000 FLOPs.
     */
    @Test
    void aDeepMlpsFlopsPerExampleCountEachOfItsHiddenLayers() {
        assertEquals(2 * (2 * 100_352 + 3 * 3 * 16_384 + 3 * 1_280), EpochFloor.flopsPerExample("mlp-deep-4"));
        assertEquals(704_000, EpochFloor.flopsPerExample("mlp-deep-4"));
    }

    /** At 100 GFLOP/s the MLP's 60,426,240,000 FLOPs of an epoch take 0.6042624 s; 1.2 s measured is 1.2 / 0.604... */
    @Test
    void theFloorIsTheFlopsAtThePeakAndEachTimeIsSetAgainstIt() {
        EpochFloor floor = EpochFloor.of("mlp", 60_000, 100.0, 1.2, 1.1);
        assertEquals(60_426_240_000L, floor.flopsPerEpoch());
        assertEquals(0.6042624, floor.floorSeconds(), 1e-12);
        assertEquals(1.2 / 0.6042624, floor.measuredOverFloor(), 1e-12);
        assertEquals(1.1 / 0.6042624, floor.peerOverFloor(), 1e-12);
        assertEquals(100.0, floor.peakGflops());
        EpochFloor alone = EpochFloor.of("mlp", 60_000, 50.0, 1.2, null);
        assertEquals(2 * 0.6042624, alone.floorSeconds(), 1e-12);
        assertNull(alone.peerSeconds());
        assertNull(alone.peerOverFloor());
    }

    /** A 2048-square product is 2 x 2048^3 = 17,179,869,184 FLOPs: in 0.2 s, 85.9 GFLOP/s. */
    @Test
    void thePeakIsASquareProductsOperationsOverItsSeconds() {
        assertEquals(17.179869184 / 0.2, MatrixPeak.gflops(2048, 0.2), 1e-9);
        assertEquals(2e-9 * 1000 * 1000 * 1000, MatrixPeak.gflops(1000, 1.0), 1e-12);
    }
}

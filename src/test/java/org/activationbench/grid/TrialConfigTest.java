package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialConfigTest {

    private static TrialConfig leaky(double alpha, long seed, List<Integer> checkpoints) {
        return new TrialConfig("mnist", "mlp", "leakyrelu", alpha, seed, checkpoints, "adam", 0.001, 128, "xavier");
    }

    @Test
    void canonicalFormIsFixed() {
        assertEquals("dataset=mnist;architecture=mlp;activation=leakyrelu;alpha=0.1;checkpoints=1,2,5;optimizer=adam;"
                + "learning_rate=0.001;batch_size=128;weight_init=xavier;seed=3", leaky(0.1, 3, List.of(5, 1, 2)).canonical());
    }

    /** The expected id is the first 16 hex digits of `printf %s "<canonical>" | sha256sum`, computed outside Java. */
    @Test
    void trialIdIsTheHashOfTheCanonicalForm() {
        assertEquals("363570c3a26d1333", leaky(0.1, 3, List.of(1, 2, 5)).trialId());
    }

    /**
     * Trials of the published grids (conf/grids/), each built as the grid builds it; the ids are the first 16 hex digits
     * of `printf %s "<canonical form>" | sha256sum`, checked against the code before the condition settings existed.
     * A setting at its default must leave every one of them unchanged.
     */
    @Test
    void publishedTrialIdsStayValid() {
        assertEquals("2120944e176e27a0", new TrialConfig("mnist", "cnn", "relu", null, 0, List.of(1, 5, 10), "adam", 0.001,
                128, "xavier").trialId());
        assertEquals("0781ee36f4c6d868", new TrialConfig("mnist", "mlp", "leakyrelu", 0.1, 4, List.of(1, 2, 5, 10, 20), "adam",
                0.003, 128, "xavier").withValidation(new ValidationSplit(10_000, 20250101)).trialId());
        assertEquals("0dd8395fcb749100", new TrialConfig("mnist", "mlp-deep-8", "leakyrelu", 0.01, 9, List.of(1, 5, 10), "adam",
                0.001, 128, "he").trialId());
        assertEquals("59cabc0e27759443", new TrialConfig("mnist", "mlp", "relu", null, 2, List.of(1, 2, 3), "adam", 0.001, 128,
                "xavier", 0, new Strategy(Strategy.DATA_PARALLEL, 5, 0, 128)).trialId());
        assertEquals("c1918a5250d6cbdf", new TrialConfig("fashion-mnist", "cnn", "leakyrelu", 0.3, 5, List.of(1, 5, 10), "adam",
                0.001, 128, "xavier", 0, Strategy.DEFAULT, Engine.STOCK).trialId());
    }

    @Test
    void trialIdDoesNotDependOnOrderOrNumberSpelling() {
        assertEquals(leaky(0.1, 3, List.of(1, 2, 5)).trialId(), leaky(0.10, 3, List.of(5, 2, 1, 2)).trialId());
        assertNotEquals(leaky(0.1, 3, List.of(1, 2, 5)).trialId(), leaky(0.1, 4, List.of(1, 2, 5)).trialId());
        assertNotEquals(leaky(0.1, 3, List.of(1, 2, 5)).trialId(), leaky(0.2, 3, List.of(1, 2, 5)).trialId());
    }

    @Test
    void theInitSeedIsNeverZero() {
        // DL4J reads seed 0 as "no seed"; trial seed 0 must still initialise deterministically.
        for (long seed = -5; seed <= 5; seed++) {
            assertNotEquals(0L, leaky(0.1, seed, List.of(1)).initSeed());
        }
        assertNotEquals(leaky(0.1, 0, List.of(1)).initSeed(), leaky(0.1, 1, List.of(1)).initSeed());
    }

    @Test
    void invalidValuesAreRefusedWhereTheyEnter() {
        assertThrows(IllegalArgumentException.class, () -> leaky(0.1, 1, List.of(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> leaky(-0.1, 1, List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> leaky(0.1, 1, List.of()));
    }

    /** A validation split is part of the id only when set; the stage never is, so old ids stay valid. */
    @Test
    void theValidationSplitEntersTheIdOnlyWhenSetAndTheStageNever() {
        TrialConfig plain = leaky(0.1, 3, List.of(1, 2, 5));
        TrialConfig tuning = new TrialConfig(plain.dataset(), plain.architecture(), plain.activation(), plain.alpha(),
                plain.seed(), plain.checkpoints(), plain.optimizer(), plain.learningRate(), plain.batchSize(),
                plain.weightInit(), 0, Strategy.DEFAULT, Engine.FAST, null, Stage.TUNING);
        assertEquals("363570c3a26d1333", tuning.trialId());
        TrialConfig split = plain.withValidation(new ValidationSplit(10_000, 7));
        assertEquals(plain.canonical().replace(";seed=3", ";validation_examples=10000;validation_seed=7;seed=3"),
                split.canonical());
        assertNotEquals(plain.trialId(), split.trialId());
        assertNotEquals(split.trialId(), plain.withValidation(new ValidationSplit(10_000, 8)).trialId());
    }

    /**
     * Looks at their default (none) add nothing, whatever the subsample size, so existing ids stay valid; looks on enter
     * the id with both settings. The id of the trial with looks is `printf %s "<canonical>" | sha256sum`, outside Java.
     */
    @Test
    void looksEnterTheIdOnlyWhenOn() {
        TrialConfig plain = leaky(0.1, 3, List.of(1, 2, 5));
        assertEquals("363570c3a26d1333", plain.withLooks(EvaluationLooks.OFF).trialId());
        assertEquals("363570c3a26d1333", plain.withLooks(new EvaluationLooks(0, 5000)).trialId());
        TrialConfig looks = plain.withLooks(new EvaluationLooks(10, 2000));
        assertEquals(plain.canonical().replace(";seed=3", ";looks_per_epoch=10;look_examples=2000;seed=3"), looks.canonical());
        assertEquals("180f2a1a84b02d4c", looks.trialId());
        assertNotEquals(looks.trialId(), plain.withLooks(new EvaluationLooks(10, 1000)).trialId());
        assertNotEquals(looks.trialId(), plain.withLooks(new EvaluationLooks(5, 2000)).trialId());
        // A copy at another seed or rate keeps its looks.
        assertEquals(looks.looks(), looks.withSeed(4).looks());
        assertEquals(looks.looks(), looks.withLearningRate(0.01).looks());
        assertEquals(looks.looks(), looks.withValidation(new ValidationSplit(100, 1)).looks());
    }

    @Test
    void looksAreRefusedOnADataParallelTrialAndNegativeSettingsWhereTheyEnter() {
        TrialConfig parallel = new TrialConfig("mnist", "mlp", "relu", null, 0, List.of(1), "adam", 0.001, 128, "xavier", 0,
                new Strategy(Strategy.DATA_PARALLEL, 5, 2, 64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parallel.withLooks(new EvaluationLooks(10, 2000)));
        assertEquals("looks are taken between the minibatches of one task; a data-parallel trial has none", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EvaluationLooks(-1, 2000));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationLooks(10, 0));
    }
}

package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.Engine;
import org.activationbench.grid.Stage;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.activationbench.grid.ValidationSplit;
import org.activationbench.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A trial cut short and continued from its saved state ends with exactly the parameters, updater state and metrics of
 * the same trial never interrupted, and saving changes nothing. 512 examples in minibatches of 32: 16 per epoch;
 * checkpoints 1, 2 and 4, gradient norms over the last 5 minibatches of a checkpoint epoch.
 */
class ContinuedTrialTest {

    private static final Dataset DATA = SyntheticData.dataset(512, 256, 11);
    /** Saves between every two minibatches. */
    private static final long ALWAYS = 1;
    private final TrialRunner runner = new TrialRunner(5, 200);

    static TrialConfig config(String architecture, String activation, Double alpha, Engine engine) {
        return new TrialConfig("synthetic", architecture, activation, alpha, 3, List.of(1, 2, 4), "adam", 1e-3, 32, "xavier", 0,
                Strategy.DEFAULT, engine);
    }

    /** As {@link #config}, with 64 of the training examples held out for validation: 14 minibatches per epoch. */
    static TrialConfig validated(String architecture, String activation, Double alpha, Engine engine) {
        return new TrialConfig("synthetic", architecture, activation, alpha, 3, List.of(1, 2, 4), "adam", 1e-3, 32, "xavier", 0,
                Strategy.DEFAULT, engine, new ValidationSplit(64, 5), Stage.FIXED);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({"mlp,relu,,FAST", "cnn,relu,,FAST", "mlp,prelu,,FAST", "mlp,leakyrelu,0.1,STOCK"})
    void aTrialInterruptedSeveralTimesEndsExactlyAsOneNeverInterrupted(String architecture, String activation, Double alpha,
            Engine engine) {
        TrialConfig config = config(architecture, activation, alpha, engine);
        TrialResult plain = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, plain.status(), plain.errorClass() + ": " + plain.errorMessage());

        // Saving at every minibatch boundary changes nothing, and the last state holds the trained network.
        MemoryStateStore undisturbed = new MemoryStateStore();
        TrialResult saved = runner.run(config, DATA, TrialListener.NONE, new StateSaving(undisturbed, ALWAYS));
        assertSameNumbers(plain, saved);
        assertEquals(1, saved.firstTrainedEpoch());
        assertEquals(4 * 15 + 3, undisturbed.saves, "15 boundaries per epoch and 3 checkpoints");

        MemoryStateStore store = new MemoryStateStore();
        List<TrialResult> attempts = new ArrayList<>();
        // Killed in epoch 1 between two timer saves: continues after minibatch 6.
        attempts.add(runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieBeforeSaving("1:7"), ALWAYS)));
        // Continued part-way through epoch 1; killed right after checkpoint 2's state is complete.
        attempts.add(runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieAfterSaving("3:0"), ALWAYS)));
        // Checkpoint states only; killed in epoch 3, between checkpoints 2 and 4: continues from the end of epoch 2.
        attempts.add(runner.run(config, DATA, TrialListener.NONE,
                new StateSaving(store.keepTimerSaves(false).dieBeforeSaving("3:9"), ALWAYS)));
        // Killed inside checkpoint 4's gradient-norm window (minibatches 12-16): the sums so far must carry over.
        attempts.add(runner.run(config, DATA, TrialListener.NONE,
                new StateSaving(store.keepTimerSaves(true).dieBeforeSaving("4:14"), ALWAYS)));
        TrialResult last = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.live(), 0));
        // Checkpoint 4 was reached by an attempt continued from a state: its recovered units are counted against the
        // inactive units of checkpoint 2 that the state kept.
        assertTrue(plain.checkpoints().get(2).recoveredUnits() != null && last.checkpoints().get(2).recoveredUnits() != null);

        for (TrialResult killed : attempts) {
            assertEquals(TrialStatus.FAILED, killed.status());
            assertEquals(MemoryStateStore.Killed.class.getName(), killed.errorClass());
        }
        assertEquals(List.of(1, 1, 3, 3), attempts.stream().map(TrialResult::firstTrainedEpoch).toList());
        assertEquals(List.of(1, 7, 1, 1), attempts.stream().map(TrialResult::firstTrainedMinibatch).toList());
        assertEquals(4, last.firstTrainedEpoch());
        assertEquals(14, last.firstTrainedMinibatch());
        assertSameNumbers(plain, last);
        assertBitForBit(undisturbed.last(), store.last());
        assertTrue(last.allTrainSeconds() >= last.trainSeconds(), last.allTrainSeconds() + " < " + last.trainSeconds());
    }

    /** The validation metrics of the checkpoints before an interruption are kept with the state. */
    @Test
    void aTrialWithAValidationSplitKeepsItsValidationMetricsAcrossAnInterruption() {
        TrialConfig config = validated("mlp", "relu", null, Engine.FAST);
        TrialResult plain = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, plain.status(), plain.errorClass() + ": " + plain.errorMessage());
        MemoryStateStore store = new MemoryStateStore();
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieBeforeSaving("3:5"), ALWAYS));
        TrialResult last = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.live(), 0));
        assertEquals(3, last.firstTrainedEpoch());
        assertSameNumbers(plain, last);
        for (int i = 0; i < plain.checkpoints().size(); i++) {
            assertTrue(plain.checkpoints().get(i).validationAccuracy() != null);
            assertEquals(plain.checkpoints().get(i).validationLoss(), last.checkpoints().get(i).validationLoss());
            assertEquals(plain.checkpoints().get(i).validationAccuracy(), last.checkpoints().get(i).validationAccuracy());
        }
    }

    /**
     * The looks measured before an interruption are kept with the state: a trial with 5 looks per epoch (after
     * minibatches 3, 6, 9, 12 and 16) killed part-way through epochs 1 and 3, and between two checkpoints, ends with
     * the looks of one never interrupted, bit for bit. Killed as it saves after minibatch 7 of epoch 1, it continues
     * from its state after minibatch 6, where a look was due: the state must hold that look.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mlp", "cnn"})
    void aTrialWithLooksKilledMidEpochEndsWithTheLooksOfOneNeverInterrupted(String architecture) {
        TrialConfig config = config(architecture, "relu", null, Engine.FAST)
                .withLooks(new org.activationbench.grid.EvaluationLooks(5, 100));
        TrialResult plain = runner.run(config, DATA);
        assertEquals(TrialStatus.OK, plain.status(), plain.errorClass() + ": " + plain.errorMessage());
        MemoryStateStore undisturbed = new MemoryStateStore();
        TrialResult saved = runner.run(config, DATA, TrialListener.NONE, new StateSaving(undisturbed, ALWAYS));
        assertSameNumbers(plain, saved);
        assertSameLooks(plain, saved);

        MemoryStateStore store = new MemoryStateStore();
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieBeforeSaving("1:7"), ALWAYS));
        assertEquals(List.of(0L, 96L, 192L), java.util.Arrays.stream(store.last().lookExamples()).boxed().toList(),
                "the state after minibatch 6 holds the look before training and those after minibatches 3 and 6");
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieBeforeSaving("3:5"), ALWAYS));
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.keepTimerSaves(false).dieBeforeSaving("4:2"), ALWAYS));
        TrialResult last = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.keepTimerSaves(true).live(), ALWAYS));
        assertEquals(3, last.firstTrainedEpoch(), "continued from checkpoint 2's state");
        assertSameNumbers(plain, last);
        assertSameLooks(plain, last);
        assertEquals(bits(undisturbed.last().lookAccuracy()), bits(store.last().lookAccuracy()));
        assertArrayEquals(undisturbed.last().lookExamples(), store.last().lookExamples());
        assertEquals(1 + 4 * 5, store.last().lookExamples().length, "one look before training, 5 per epoch");
    }

    /** Every checkpoint's looks, the accuracies as their raw bits. */
    static void assertSameLooks(TrialResult expected, TrialResult actual) {
        assertEquals(expected.checkpoints().size(), actual.checkpoints().size());
        for (int i = 0; i < expected.checkpoints().size(); i++) {
            LookMetrics x = expected.checkpoints().get(i).looks();
            LookMetrics y = actual.checkpoints().get(i).looks();
            String at = "checkpoint " + expected.checkpoints().get(i).epoch();
            assertTrue(x != null && y != null, at);
            assertArrayEquals(x.lookExamples(), y.lookExamples(), at);
            assertEquals(bits(x.lookAccuracy()), bits(y.lookAccuracy()), at);
            assertEquals(List.of(String.valueOf(x.examplesTo97()), String.valueOf(x.examplesTo98()),
                    String.valueOf(x.examplesTo99())), List.of(String.valueOf(y.examplesTo97()),
                    String.valueOf(y.examplesTo98()), String.valueOf(y.examplesTo99())), at);
            assertEquals(Double.doubleToRawLongBits(x.accuracyAucEpoch1()), Double.doubleToRawLongBits(y.accuracyAucEpoch1()), at);
        }
    }

    private static List<Long> bits(double[] values) {
        return java.util.Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).boxed().toList();
    }

    @Test
    void aTrialWhoseStateHoldsItAllEndsAtOnceWithItsResult() {
        TrialConfig config = config("mlp", "relu", null, Engine.FAST);
        MemoryStateStore store = new MemoryStateStore();
        TrialResult whole = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieAfterSaving("5:0"), 0));
        assertEquals(TrialStatus.FAILED, whole.status(), "killed after its last state, before its result was delivered");
        TrialResult again = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.live(), 0));
        assertEquals(TrialStatus.OK, again.status());
        assertEquals(5, again.firstTrainedEpoch());
        assertSameNumbers(runner.run(config, DATA), again);
    }

    @Test
    void aStateOfAnotherTrialOrCodeVersionIsIgnoredAndTheTrialStartsFromEpochOne() {
        TrialConfig config = config("mlp", "relu", null, Engine.FAST);
        TrialResult plain = runner.run(config, DATA);

        MemoryStateStore other = new MemoryStateStore();
        runner.run(config.withSeed(4), DATA, TrialListener.NONE, new StateSaving(other.dieAfterSaving("2:0"), 0));
        TrialResult afterOther = runner.run(config, DATA, TrialListener.NONE, new StateSaving(other.live(), 0));
        assertEquals(1, afterOther.firstTrainedEpoch());
        assertSameNumbers(plain, afterOther);

        MemoryStateStore oldCode = new MemoryStateStore();
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(oldCode.dieAfterSaving("3:0"), 0));
        TrialState s = oldCode.last();
        oldCode.plant(bytes(new TrialState(s.fingerprint().replace(" code ", " code 0.0.9 0000000 "), s.epoch(), s.minibatch(),
                s.parameters(), s.updaterState(), s.iterationCount(), s.epochCount(), s.gradientNorms(), s.testLossByEpoch(),
                s.testAccuracyByEpoch(), s.checkpoints(), s.keptTrainNanos(), s.epochTrainNanos(), s.spentTrainNanos(),
                s.inactive())));
        TrialResult afterOldCode = runner.run(config, DATA, TrialListener.NONE, new StateSaving(oldCode.live(), 0));
        assertEquals(1, afterOldCode.firstTrainedEpoch());
        assertSameNumbers(plain, afterOldCode);

        MemoryStateStore otherFormat = new MemoryStateStore();
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(otherFormat.dieAfterSaving("2:0"), 0));
        byte[] b = otherFormat.bytes().clone();
        int format = 2 + TrialStateFormat.MAGIC.length(); // the int after the magic's length and characters
        b[format + 3]++;
        otherFormat.plant(b);
        TrialResult afterOtherFormat = runner.run(config, DATA, TrialListener.NONE, new StateSaving(otherFormat.live(), 0));
        assertEquals(1, afterOtherFormat.firstTrainedEpoch());
        assertSameNumbers(plain, afterOtherFormat);
    }

    /**
     * A state of format 2, which kept neither the units per layer nor the inactive units, is continued: the checkpoints
     * before it get the network's units, and the first checkpoint after it has no recovered units (nothing to count
     * them against; nor have those before it, measured by a version that did not count them); every other number is
     * the uninterrupted trial's.
     */
    @Test
    void aStateOfFormat2IsContinuedWithoutRecoveredUnitsAtTheNextCheckpoint() throws Exception {
        TrialConfig config = config("mlp", "relu", null, Engine.FAST);
        TrialResult plain = runner.run(config, DATA);
        MemoryStateStore store = new MemoryStateStore();
        runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.dieAfterSaving("3:0"), 0));
        TrialState s = store.last();
        assertTrue(s.inactive() != null, "a state of format 3 keeps the inactive units of checkpoint 2");
        store.plant(format2(s));
        TrialState read = TrialStateFormat.read(new java.io.ByteArrayInputStream(store.bytes()), store.bytes().length);
        assertEquals(null, read.inactive());
        assertEquals(null, read.checkpoints().get(1).hiddenUnits());

        TrialResult continued = runner.run(config, DATA, TrialListener.NONE, new StateSaving(store.live(), 0));
        assertEquals(3, continued.firstTrainedEpoch());
        assertEquals(null, continued.checkpoints().get(2).recoveredUnits());
        assertEquals(null, continued.checkpoints().get(2).newlyInactiveUnits());
        assertTrue(plain.checkpoints().get(2).recoveredUnits() != null);
        // Format 2 kept no recovered units of its own checkpoints either.
        List<CheckpointMetrics> expected = plain.checkpoints().stream().map(p -> new CheckpointMetrics(p.epoch(), p.trainLoss(),
                p.trainAccuracy(), p.testLoss(), p.testAccuracy(), p.trainSeconds(), p.examplesPerSecond(), p.inactiveFraction(),
                p.hiddenUnits(), p.gradientNorm(), p.epochTo97(), p.epochTo98(), p.epochTo99(), p.validationLoss(),
                p.validationAccuracy(), null, null, null)).toList();
        assertSameNumbers(new TrialResult(plain.config(), plain.status(), null, null, expected, plain.hiddenLayers(),
                plain.hiddenUnits(), plain.gradientLayers(), plain.epochsCompleted(), plain.testLossByEpoch(),
                plain.testAccuracyByEpoch(), 0, 0, 1, 1, plain.startedAt(), plain.finishedAt()), continued);
    }

    /** A state at the end of an epoch as format 2 wrote it: each checkpoint's per-layer fractions, no units, no masks. */
    private static byte[] format2(TrialState state) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeUTF(TrialStateFormat.MAGIC);
        d.writeInt(2);
        d.writeUTF(state.fingerprint());
        for (int v : new int[] {state.epoch(), state.minibatch(), state.iterationCount(), state.epochCount()}) {
            d.writeInt(v);
        }
        for (long v : new long[] {state.keptTrainNanos(), state.epochTrainNanos(), state.spentTrainNanos()}) {
            d.writeLong(v);
        }
        d.writeInt(state.parameters().length);
        for (float v : state.parameters()) {
            d.writeInt(Float.floatToRawIntBits(v));
        }
        d.writeInt(state.updaterState().length);
        for (float v : state.updaterState()) {
            d.writeInt(Float.floatToRawIntBits(v));
        }
        doubles(d, state.gradientNorms());
        doubles(d, state.testLossByEpoch().stream().mapToDouble(Double::doubleValue).toArray());
        doubles(d, state.testAccuracyByEpoch().stream().mapToDouble(Double::doubleValue).toArray());
        d.writeInt(state.checkpoints().size());
        for (CheckpointMetrics m : state.checkpoints()) {
            d.writeInt(m.epoch());
            for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.trainSeconds(),
                    m.examplesPerSecond()}) {
                d.writeLong(Double.doubleToRawLongBits(v));
            }
            doubles(d, m.inactiveFraction());
            doubles(d, m.gradientNorm());
            for (Integer e : new Integer[] {m.epochTo97(), m.epochTo98(), m.epochTo99()}) {
                d.writeInt(e == null ? -1 : e);
            }
            d.writeBoolean(false);
        }
        d.writeUTF("end of state");
        return out.toByteArray();
    }

    private static void doubles(java.io.DataOutputStream d, double[] values) throws java.io.IOException {
        d.writeInt(values == null ? -1 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            d.writeLong(Double.doubleToRawLongBits(values[i]));
        }
    }

    static byte[] bytes(TrialState state) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            TrialStateFormat.write(state, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every number of the two results but the timings, compared bit for bit. */
    static void assertSameNumbers(TrialResult expected, TrialResult actual) {
        assertEquals(expected.status(), actual.status(), actual.errorClass() + ": " + actual.errorMessage());
        assertEquals(expected.epochsCompleted(), actual.epochsCompleted());
        assertEquals(expected.testLossByEpoch(), actual.testLossByEpoch());
        assertEquals(expected.testAccuracyByEpoch(), actual.testAccuracyByEpoch());
        assertEquals(expected.checkpoints().size(), actual.checkpoints().size());
        for (int i = 0; i < expected.checkpoints().size(); i++) {
            CheckpointMetrics x = expected.checkpoints().get(i);
            CheckpointMetrics y = actual.checkpoints().get(i);
            String at = "checkpoint " + x.epoch();
            assertEquals(x.epoch(), y.epoch(), at);
            assertEquals(Double.doubleToRawLongBits(x.trainLoss()), Double.doubleToRawLongBits(y.trainLoss()), at);
            assertEquals(Double.doubleToRawLongBits(x.trainAccuracy()), Double.doubleToRawLongBits(y.trainAccuracy()), at);
            assertEquals(Double.doubleToRawLongBits(x.testLoss()), Double.doubleToRawLongBits(y.testLoss()), at);
            assertEquals(Double.doubleToRawLongBits(x.testAccuracy()), Double.doubleToRawLongBits(y.testAccuracy()), at);
            assertArrayEquals(x.inactiveFraction(), y.inactiveFraction(), at);
            assertArrayEquals(x.hiddenUnits(), y.hiddenUnits(), at);
            assertEquals(x.recoveredUnits(), y.recoveredUnits(), at);
            assertEquals(x.newlyInactiveUnits(), y.newlyInactiveUnits(), at);
            assertEquals(x.previouslyInactiveUnits(), y.previouslyInactiveUnits(), at);
            assertArrayEquals(x.gradientNorm(), y.gradientNorm(), at);
            assertEquals(List.of(String.valueOf(x.epochTo97()), String.valueOf(x.epochTo98()), String.valueOf(x.epochTo99())),
                    List.of(String.valueOf(y.epochTo97()), String.valueOf(y.epochTo98()), String.valueOf(y.epochTo99())), at);
        }
    }

    /** Two final states: the same parameters and updater state, bit for bit, and the same counters. */
    static void assertBitForBit(TrialState expected, TrialState actual) {
        assertEquals(MemoryStateStore.position(expected), MemoryStateStore.position(actual));
        assertArrayEquals(bits(expected.parameters()), bits(actual.parameters()), "parameters");
        assertArrayEquals(bits(expected.updaterState()), bits(actual.updaterState()), "updater state");
        assertEquals(expected.iterationCount(), actual.iterationCount());
        assertEquals(expected.epochCount(), actual.epochCount());
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}

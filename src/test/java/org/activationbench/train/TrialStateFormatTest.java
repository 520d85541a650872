package org.activationbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state's bytes: read back bit for bit; a byte changed anywhere, a state cut short anywhere, a byte added, or an
 * impossible array length is a damaged state, never a state; and states written before the checksum (format 2) and
 * before the looks (format 3) still read.
 */
class TrialStateFormatTest {

    /**
     * The state in {@code state-format-2.bin}, which the format-2 writer (commit 59776de) wrote from exactly these
     * values: a NaN with a payload and a negative zero, gradient norms part-way, a checkpoint with validation metrics
     * and one without gradient norms.
     */
    static TrialState sample() {
        return new TrialState("fingerprint of a format-2 state", 3, 5,
                new float[] {0.25f, -1.5f, Float.intBitsToFloat(0x7fc00001), -0f},
                new float[] {1e-3f, 2e-3f, 3e-3f, 4e-3f, 5e-3f, 6e-3f, 7e-3f, 8e-3f}, 37, 2,
                new double[] {0.5, 1.25, 3}, List.of(0.75, 0.5), List.of(0.8125, 0.875),
                List.of(new CheckpointMetrics(1, 0.7, 0.8, 0.75, 0.8125, 1.5, 2000, new double[] {0.125, 0.25}, null,
                                new double[] {2.5, 3.5}, null, null, null, 0.625, 0.84375, null, null, null),
                        new CheckpointMetrics(2, 0.45, 0.9, 0.5, 0.875, 3.0, 2100, new double[] {0.0625, 0.25}, null, null, 2,
                                null, null, null, null, null, null, null)),
                4_000_000_000L, 500_000_000L, 6_000_000_000L, null);
    }

    /**
     * The state in {@code state-format-3.bin}, which the format-3 writer (commit 79befae) wrote from exactly these values:
     * two checkpoints with their units, the second with followed units, and the inactive units of the second.
     */
    static TrialState sampleOfFormat3() {
        java.util.BitSet first = new java.util.BitSet();
        first.set(1);
        first.set(5);
        java.util.BitSet second = new java.util.BitSet();
        second.set(3);
        return new TrialState("fingerprint of a format-3 state", 3, 0,
                new float[] {0.25f, -1.5f, Float.intBitsToFloat(0x7fc00001), -0f},
                new float[] {1e-3f, 2e-3f}, 37, 2, null, List.of(0.75, 0.5), List.of(0.8125, 0.875),
                List.of(new CheckpointMetrics(1, 0.7, 0.8, 0.75, 0.8125, 1.5, 2000, new double[] {0.125, 0.25}, new int[] {8, 4},
                                new double[] {2.5, 3.5}, null, null, null, 0.625, 0.84375, null, null, null),
                        new CheckpointMetrics(2, 0.45, 0.9, 0.5, 0.875, 3.0, 2100, new double[] {0.25, 0.25}, new int[] {8, 4},
                                new double[] {1.5, 2.5}, 2, null, null, null, null, 1, 2, 2)),
                4_000_000_000L, 0, 6_000_000_000L, new InactiveUnits(new int[] {8, 4}, new java.util.BitSet[] {first, second}));
    }

    /** A state of a trial with looks, part-way through epoch 2: a checkpoint's looks, and the curve since. */
    static TrialState sampleWithLooks() {
        TrialState s = sample();
        LookMetrics looks = new LookMetrics(400L, null, null, 0.686, new long[] {0, 100, 200, 300, 400},
                new double[] {0.1, 0.5, 0.9, 0.96, Double.longBitsToDouble(0x7ff8000000000007L)});
        CheckpointMetrics m = s.checkpoints().get(0);
        CheckpointMetrics withLooks = new CheckpointMetrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(),
                m.testAccuracy(), m.trainSeconds(), m.examplesPerSecond(), m.inactiveFraction(), new int[] {8, 4},
                m.gradientNorm(), m.epochTo97(), m.epochTo98(), m.epochTo99(), m.validationLoss(), m.validationAccuracy(), null,
                null, null, looks);
        return new TrialState(s.fingerprint(), 2, 5, s.parameters(), s.updaterState(), s.iterationCount(), s.epochCount(),
                s.gradientNorms(), List.of(0.75), List.of(0.8125), List.of(withLooks), s.keptTrainNanos(), s.epochTrainNanos(),
                s.spentTrainNanos(), null, new long[] {0, 100, 200, 300, 400, 500}, new double[] {0.1, 0.5, 0.9, 0.96,
                        Double.longBitsToDouble(0x7ff8000000000007L), -0.0});
    }

    static byte[] bytes(TrialState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TrialStateFormat.write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static TrialState read(byte[] bytes) throws IOException {
        return TrialStateFormat.read(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** Every field, floats and doubles as their raw bits, so that two states read alike only if they are bit for bit. */
    static String render(TrialState s) {
        StringBuilder b = new StringBuilder().append(s.fingerprint()).append(' ').append(s.epoch()).append(':').append(s.minibatch())
                .append(' ').append(s.iterationCount()).append(' ').append(s.epochCount()).append(' ').append(s.keptTrainNanos())
                .append(' ').append(s.epochTrainNanos()).append(' ').append(s.spentTrainNanos());
        b.append("\nparameters ").append(bits(s.parameters())).append("\nupdater ").append(bits(s.updaterState()))
                .append("\nnorms ").append(bits(s.gradientNorms())).append("\ntest ").append(s.testLossByEpoch())
                .append(s.testAccuracyByEpoch());
        for (CheckpointMetrics m : s.checkpoints()) {
            b.append("\ncheckpoint ").append(m.epoch()).append(bits(new double[] {m.trainLoss(), m.trainAccuracy(), m.testLoss(),
                    m.testAccuracy(), m.trainSeconds(), m.examplesPerSecond()})).append(bits(m.inactiveFraction()))
                    .append(bits(m.gradientNorm())).append(List.of(String.valueOf(m.epochTo97()), String.valueOf(m.epochTo98()),
                            String.valueOf(m.epochTo99()), String.valueOf(m.validationLoss()), String.valueOf(m.validationAccuracy())))
                    .append(m.hiddenUnits() == null ? "null" : Arrays.toString(m.hiddenUnits()))
                    .append(List.of(String.valueOf(m.recoveredUnits()), String.valueOf(m.newlyInactiveUnits()),
                            String.valueOf(m.previouslyInactiveUnits())));
            LookMetrics l = m.looks();
            b.append(l == null ? " no looks" : " looks " + List.of(String.valueOf(l.examplesTo97()), String.valueOf(l.examplesTo98()),
                    String.valueOf(l.examplesTo99())) + bits(new double[] {l.accuracyAucEpoch1()}) + Arrays.toString(l.lookExamples())
                    + bits(l.lookAccuracy()));
        }
        b.append("\ninactive ").append(s.inactive() == null ? "null" : java.util.stream.IntStream.range(0, s.inactive().layers())
                .mapToObj(h -> s.inactive().units()[h] + ":" + s.inactive().mask(h)).toList());
        b.append("\ncurve ").append(Arrays.toString(s.lookExamples())).append(bits(s.lookAccuracy()));
        return b.toString();
    }

    private static String bits(float[] values) {
        int[] bits = new int[values.length];
        Arrays.setAll(bits, i -> Float.floatToRawIntBits(values[i]));
        return Arrays.toString(bits);
    }

    private static String bits(double[] values) {
        return values == null ? "null" : Arrays.toString(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    @Test
    void aStateIsReadBackBitForBit() throws IOException {
        assertEquals(render(sample()), render(read(bytes(sample()))));
        assertEquals(render(sampleOfFormat3()), render(read(bytes(sampleOfFormat3()))));
        assertEquals(render(sampleWithLooks()), render(read(bytes(sampleWithLooks()))));
        assertTrue(render(sampleWithLooks()).contains("curve [0, 100, 200, 300, 400, 500]"), render(sampleWithLooks()));
    }

    @Test
    void aByteChangedAnywhereIsFound() {
        byte[] whole = bytes(sampleWithLooks());
        int format = 2 + TrialStateFormat.MAGIC.length();
        for (int i = 0; i < whole.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] changed = whole.clone();
                changed[i] ^= (byte) flip;
                Exception e = assertThrows(Exception.class, () -> read(changed), "byte " + i + " ^ " + flip);
                if (i >= format && i < format + 4 && e instanceof ForeignStateException) {
                    continue;   // the format number changed: a state of another format, never read
                }
                assertInstanceOf(DamagedStateException.class, e, "byte " + i + " ^ " + flip + ": " + e);
            }
        }
    }

    @Test
    void aStateCutShortOrWithAByteAddedIsFound() {
        byte[] whole = bytes(sampleWithLooks());
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(DamagedStateException.class, () -> read(cut), length + " of " + whole.length + " bytes");
        }
        assertThrows(DamagedStateException.class, () -> read(Arrays.copyOf(whole, whole.length + 1)));
    }

    /** A length read from a changed byte is checked against the file's size before an array of that length is made. */
    @Test
    void anImpossibleLengthIsFoundWithoutAllocatingIt() {
        byte[] changed = bytes(sample());
        // The parameters' length follows the magic line, the format, the fingerprint, 4 ints and 3 longs.
        int at = 2 + TrialStateFormat.MAGIC.length() + 4 + 2 + sample().fingerprint().length() + 4 * 4 + 3 * 8;
        assertEquals(4, ByteBuffer.wrap(changed, at, 4).getInt(), "the sample has 4 parameters");
        ByteBuffer.wrap(changed, at, 4).putInt(Integer.MAX_VALUE);
        DamagedStateException e = assertThrows(DamagedStateException.class, () -> read(changed));
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void aStateOfFormatTwoWrittenBeforeTheChecksumStillReads() throws IOException {
        byte[] old;
        try (InputStream in = TrialStateFormatTest.class.getResourceAsStream("state-format-2.bin")) {
            old = in.readAllBytes();
        }
        assertEquals(2, ByteBuffer.wrap(old, 2 + TrialStateFormat.MAGIC.length(), 4).getInt(), "the fixture is of format 2");
        assertEquals(render(sample()), render(read(old)));
        assertEquals(old.length + 2 * (4 + 12 + 1) + 4 + 2 * 4 + 4, bytes(sample()).length, "format 3 adds per checkpoint"
                + " its units (none: 4 bytes) and its followed units (12), then the last checkpoint's masks (none: 4) and the"
                + " checksum; format 4 per checkpoint whether it has looks (1), and the curve (two empty arrays: 8)");
    }

    @Test
    void aStateOfFormatThreeWrittenBeforeTheLooksStillReads() throws IOException {
        byte[] old;
        try (InputStream in = TrialStateFormatTest.class.getResourceAsStream("state-format-3.bin")) {
            old = in.readAllBytes();
        }
        assertEquals(3, ByteBuffer.wrap(old, 2 + TrialStateFormat.MAGIC.length(), 4).getInt(), "the fixture is of format 3");
        TrialState read = read(old);
        assertEquals(render(sampleOfFormat3()), render(read));
        assertTrue(render(read).contains("inactive ") && read.inactive() != null, "format 3 kept the inactive units");
        assertEquals(0, read.lookExamples().length);
        // Its checksum is still verified.
        byte[] changed = old.clone();
        changed[old.length - 20] ^= 1;
        assertThrows(DamagedStateException.class, () -> read(changed));
    }
}

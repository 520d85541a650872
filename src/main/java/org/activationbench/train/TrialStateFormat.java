package org.activationbench.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link TrialState} as bytes: a header (a magic line, the format number, the fingerprint) that is read alone to
 * tell a foreign state, then the arrays streamed in blocks, bit for bit (raw IEEE 754 bits, NaN payloads included), an
 * end mark, and the CRC-32C of every byte before it, so that a file cut short or with any byte changed is never taken
 * for a state ({@link DamagedStateException}). Big-endian throughout. Format 3 added the checksum, each checkpoint's
 * units per layer and recovered units, and the inactive units of the last checkpoint; a state of format 2 is still
 * read, unverified and without them (its checkpoints' units are filled in by the runner that continues it, and the
 * recovered units of the first checkpoint after it are null).
 */
public final class TrialStateFormat {

    static final String MAGIC = "activation-bench trial state";
    /** Raised whenever the layout below changes; a state of another format is ignored, never half-read. */
    static final int FORMAT = 4;
    /** The format before the looks: still read, verified, without looks. */
    static final int FORMAT_WITHOUT_LOOKS = 3;
    /** The format before the checksum and the followed units: still read, with nothing to verify. */
    static final int UNCHECKED_FORMAT = 2;
    private static final String END = "end of state";
    private TrialStateFormat() {}

    /** Writes {@code state} to {@code out} (buffered here; the caller closes {@code out}). */
    public static void write(TrialState state, OutputStream out) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(out, StateArrays.BLOCK), new CRC32C());
        DataOutputStream d = new DataOutputStream(checked);
        d.writeUTF(MAGIC);
        d.writeInt(FORMAT);
        d.writeUTF(state.fingerprint());
        d.writeInt(state.epoch());
        d.writeInt(state.minibatch());
        d.writeInt(state.iterationCount());
        d.writeInt(state.epochCount());
        d.writeLong(state.keptTrainNanos());
        d.writeLong(state.epochTrainNanos());
        d.writeLong(state.spentTrainNanos());
        StateArrays.floats(d, state.parameters());
        StateArrays.floats(d, state.updaterState());
        StateArrays.doubles(d, state.gradientNorms());
        StateArrays.doubles(d, state.testLossByEpoch().stream().mapToDouble(Double::doubleValue).toArray());
        StateArrays.doubles(d, state.testAccuracyByEpoch().stream().mapToDouble(Double::doubleValue).toArray());
        d.writeInt(state.checkpoints().size());
        for (CheckpointMetrics m : state.checkpoints()) {
            d.writeInt(m.epoch());
            for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.trainSeconds(),
                    m.examplesPerSecond()}) {
                d.writeLong(Double.doubleToRawLongBits(v));
            }
            StateArrays.doubles(d, m.inactiveFraction());
            StateArrays.ints(d, m.hiddenUnits());
            StateArrays.doubles(d, m.gradientNorm());
            for (Integer e : new Integer[] {m.epochTo97(), m.epochTo98(), m.epochTo99()}) {
                d.writeInt(e == null ? -1 : e);
            }
            d.writeBoolean(m.validationLoss() != null);
            if (m.validationLoss() != null) {
                d.writeLong(Double.doubleToRawLongBits(m.validationLoss()));
                d.writeLong(Double.doubleToRawLongBits(m.validationAccuracy()));
            }
            for (Integer n : new Integer[] {m.recoveredUnits(), m.newlyInactiveUnits(), m.previouslyInactiveUnits()}) {
                d.writeInt(n == null ? -1 : n);
            }
            LookMetrics looks = m.looks();
            d.writeBoolean(looks != null);
            if (looks != null) {
                for (Long e : new Long[] {looks.examplesTo97(), looks.examplesTo98(), looks.examplesTo99()}) {
                    d.writeLong(e == null ? -1 : e);
                }
                d.writeLong(Double.doubleToRawLongBits(looks.accuracyAucEpoch1()));
                StateArrays.longs(d, looks.lookExamples());
                StateArrays.doubles(d, looks.lookAccuracy());
            }
        }
        InactiveUnits inactive = state.inactive();
        d.writeInt(inactive == null ? -1 : inactive.layers());
        if (inactive != null) {
            for (int h = 0; h < inactive.layers(); h++) {
                d.writeInt(inactive.units()[h]);
                long[] words = inactive.mask(h).toLongArray();
                d.writeInt(words.length);
                for (long w : words) {
                    d.writeLong(w);
                }
            }
        }
        StateArrays.longs(d, state.lookExamples());
        StateArrays.doubles(d, state.lookAccuracy());
        d.writeUTF(END);
        d.writeInt((int) checked.getChecksum().getValue());
        d.flush();
    }

    /**
     * Reads a state of {@code size} bytes (the file's length, which bounds every length read from it, so that a changed
     * length is found damaged instead of allocating gigabytes). A state of format {@value #UNCHECKED_FORMAT}, written
     * before states carried a checksum, is read without one.
     *
     * @throws ForeignStateException if the header names another format, which is never read
     * @throws DamagedStateException if the bytes are not a state as written: another magic line, cut short, a checksum
     *                               that does not match, or anything after it
     * @throws IOException           if {@code in} cannot be read
     */
    public static TrialState read(InputStream in, long size) throws IOException {
        int buffer = (int) Math.max(1, Math.min(size, StateArrays.BLOCK));
        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(in, buffer), new CRC32C());
        DataInputStream d = new DataInputStream(checked);
        try {
            if (!d.readUTF().equals(MAGIC)) {
                throw new DamagedStateException("it does not start as an activation-bench trial state");
            }
            int format = d.readInt();
            if (format != FORMAT && format != FORMAT_WITHOUT_LOOKS && format != UNCHECKED_FORMAT) {
                throw new ForeignStateException("a state of format " + format + "; this version reads format " + FORMAT
                        + " (and " + FORMAT_WITHOUT_LOOKS + " and " + UNCHECKED_FORMAT + ")");
            }
            TrialState state = body(d, size, format);
            if (format != UNCHECKED_FORMAT) {
                int computed = (int) checked.getChecksum().getValue();
                int stored = d.readInt();
                if (computed != stored) {
                    throw new DamagedStateException(String.format(java.util.Locale.ROOT,
                            "its CRC-32C is %08x, not the %08x written with it", computed, stored));
                }
            }
            if (d.read() != -1) {
                throw new DamagedStateException("bytes follow the end of the state");
            }
            return state;
        } catch (EOFException e) {
            throw new DamagedStateException("it is cut short (" + size + " bytes)");
        } catch (UTFDataFormatException | IllegalArgumentException e) {
            throw new DamagedStateException("it does not parse (" + e.getMessage() + ")");
        }
    }

    /** Everything between the format number and the checksum. */
    private static TrialState body(DataInputStream d, long size, int format) throws IOException {
        String fingerprint = d.readUTF();
        int epoch = d.readInt();
        int minibatch = d.readInt();
        int iterations = d.readInt();
        int epochs = d.readInt();
        long kept = d.readLong();
        long inEpoch = d.readLong();
        long spent = d.readLong();
        float[] parameters = StateArrays.floats(d, size);
        float[] updater = StateArrays.floats(d, size);
        double[] norms = StateArrays.doubles(d, size);
        List<Double> testLoss = StateArrays.boxed(StateArrays.doubles(d, size));
        List<Double> testAccuracy = StateArrays.boxed(StateArrays.doubles(d, size));
        int count = StateArrays.length(d, 1, size);
        List<CheckpointMetrics> checkpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = d.readInt();
            double[] v = new double[6];
            for (int j = 0; j < v.length; j++) {
                v[j] = Double.longBitsToDouble(d.readLong());
            }
            double[] inactive = StateArrays.doubles(d, size);
            int[] units = format == UNCHECKED_FORMAT ? null : StateArrays.ints(d, size);
            double[] gradient = StateArrays.doubles(d, size);
            Integer[] reached = new Integer[3];
            for (int j = 0; j < 3; j++) {
                int e = d.readInt();
                reached[j] = e < 0 ? null : e;
            }
            Double validationLoss = null;
            Double validationAccuracy = null;
            if (d.readBoolean()) {
                validationLoss = Double.longBitsToDouble(d.readLong());
                validationAccuracy = Double.longBitsToDouble(d.readLong());
            }
            Integer[] followed = new Integer[3];
            for (int j = 0; j < 3 && format != UNCHECKED_FORMAT; j++) {
                int n = d.readInt();
                followed[j] = n < 0 ? null : n;
            }
            LookMetrics looks = format == FORMAT && d.readBoolean() ? lookMetrics(d, size) : null;
            checkpoints.add(new CheckpointMetrics(at, v[0], v[1], v[2], v[3], v[4], v[5], inactive, units, gradient, reached[0],
                    reached[1], reached[2], validationLoss, validationAccuracy, followed[0], followed[1], followed[2], looks));
        }
        InactiveUnits inactive = format == UNCHECKED_FORMAT ? null : inactiveUnits(d, size);
        long[] lookExamples = format == FORMAT ? StateArrays.longs(d, size) : new long[0];
        double[] lookAccuracy = format == FORMAT ? StateArrays.doubles(d, size) : new double[0];
        if (lookExamples == null || lookAccuracy == null || lookExamples.length != lookAccuracy.length) {
            throw new DamagedStateException("its looks are missing or do not pair up");
        }
        if (!d.readUTF().equals(END)) {
            throw new DamagedStateException("it does not end with its end mark");
        }
        return new TrialState(fingerprint, epoch, minibatch, parameters, updater, iterations, epochs, norms,
                testLoss, testAccuracy, checkpoints, kept, inEpoch, spent, inactive, lookExamples, lookAccuracy);
    }

    private static LookMetrics lookMetrics(DataInputStream d, long size) throws IOException {
        Long[] reached = new Long[3];
        for (int j = 0; j < 3; j++) {
            long e = d.readLong();
            reached[j] = e < 0 ? null : e;
        }
        double auc = Double.longBitsToDouble(d.readLong());
        long[] examples = StateArrays.longs(d, size);
        double[] accuracy = StateArrays.doubles(d, size);
        if (examples == null || accuracy == null || examples.length != accuracy.length) {
            throw new DamagedStateException("a checkpoint's looks are missing or do not pair up");
        }
        return new LookMetrics(reached[0], reached[1], reached[2], auc, examples, accuracy);
    }

    private static InactiveUnits inactiveUnits(DataInputStream d, long size) throws IOException {
        int layers = d.readInt();
        if (layers < 0) {
            return null;
        }
        if (layers > size) {
            throw new DamagedStateException("it names " + layers + " layers of inactive units in " + size + " bytes");
        }
        int[] units = new int[layers];
        java.util.BitSet[] masks = new java.util.BitSet[layers];
        for (int h = 0; h < layers; h++) {
            units[h] = StateArrays.length(d, 0, size);
            long[] words = new long[StateArrays.length(d, Long.BYTES, size)];
            for (int i = 0; i < words.length; i++) {
                words[i] = d.readLong();
            }
            masks[h] = java.util.BitSet.valueOf(words);
        }
        try {
            return new InactiveUnits(units, masks);
        } catch (IllegalArgumentException e) {
            throw new DamagedStateException("its inactive units do not fit its layers: " + e.getMessage());
        }
    }
}

package org.activationbench.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrialState} as bytes: a header (a magic line, the format number, the fingerprint) that is read alone to
 * tell a foreign state, then the arrays streamed in blocks, bit for bit (raw IEEE 754 bits, NaN payloads included), and
 * an end mark, so a cut-off file is never taken for a state. Big-endian throughout. Format 3 added each checkpoint's
 * units per layer and recovered units, and the inactive units of the last checkpoint; a state of format 2 is still
 * read, without them (its checkpoints' units are filled in by the runner that continues it, and the recovered units of
 * the first checkpoint after it are null).
 */
public final class TrialStateFormat {

    static final String MAGIC = "activation-bench trial state";
    /** Raised whenever the layout below changes; a state of another format is ignored, never half-read. */
    static final int FORMAT = 3;
    /** The format before units were followed across checkpoints; read, never written. */
    static final int FORMAT_2 = 2;
    private static final String END = "end of state";
    /** Bytes per block when streaming arrays: no copy of a whole array besides the state's own. */
    private static final int BLOCK = 1 << 16;

    private TrialStateFormat() {}

    /** Writes {@code state} to {@code out} (buffered here; the caller closes {@code out}). */
    public static void write(TrialState state, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out, BLOCK));
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
        floats(d, state.parameters());
        floats(d, state.updaterState());
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
            ints(d, m.hiddenUnits());
            doubles(d, m.gradientNorm());
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
        d.writeUTF(END);
        d.flush();
    }

    /**
     * Reads a state.
     *
     * @throws ForeignStateException if the header is not this format's
     * @throws IOException           if the bytes end early or do not end with the end mark
     */
    public static TrialState read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, BLOCK));
        String magic;
        int format;
        try {
            magic = d.readUTF();
            format = d.readInt();
        } catch (EOFException | java.io.UTFDataFormatException e) {
            throw new ForeignStateException("not an activation-bench trial state");
        }
        if (!magic.equals(MAGIC)) {
            throw new ForeignStateException("not an activation-bench trial state");
        }
        if (format != FORMAT && format != FORMAT_2) {
            throw new ForeignStateException("a state of format " + format + "; this version reads formats " + FORMAT_2
                    + " and " + FORMAT);
        }
        String fingerprint = d.readUTF();
        int epoch = d.readInt();
        int minibatch = d.readInt();
        int iterations = d.readInt();
        int epochs = d.readInt();
        long kept = d.readLong();
        long inEpoch = d.readLong();
        long spent = d.readLong();
        float[] parameters = floats(d);
        float[] updater = floats(d);
        double[] norms = doubles(d);
        List<Double> testLoss = boxed(doubles(d));
        List<Double> testAccuracy = boxed(doubles(d));
        int count = d.readInt();
        List<CheckpointMetrics> checkpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = d.readInt();
            double[] v = new double[6];
            for (int j = 0; j < v.length; j++) {
                v[j] = Double.longBitsToDouble(d.readLong());
            }
            double[] inactive = doubles(d);
            int[] units = format == FORMAT_2 ? null : ints(d);
            double[] gradient = doubles(d);
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
            for (int j = 0; j < 3 && format != FORMAT_2; j++) {
                int n = d.readInt();
                followed[j] = n < 0 ? null : n;
            }
            checkpoints.add(new CheckpointMetrics(at, v[0], v[1], v[2], v[3], v[4], v[5], inactive, units, gradient, reached[0],
                    reached[1], reached[2], validationLoss, validationAccuracy, followed[0], followed[1], followed[2]));
        }
        InactiveUnits inactive = format == FORMAT_2 ? null : inactiveUnits(d);
        if (!d.readUTF().equals(END)) {
            throw new IOException("the state does not end with its end mark");
        }
        return new TrialState(fingerprint, epoch, minibatch, parameters, updater, iterations, epochs, norms,
                testLoss, testAccuracy, checkpoints, kept, inEpoch, spent, inactive);
    }

    private static InactiveUnits inactiveUnits(DataInputStream d) throws IOException {
        int layers = d.readInt();
        if (layers < 0) {
            return null;
        }
        int[] units = new int[layers];
        java.util.BitSet[] masks = new java.util.BitSet[layers];
        for (int h = 0; h < layers; h++) {
            units[h] = length(d);
            long[] words = new long[length(d)];
            for (int i = 0; i < words.length; i++) {
                words[i] = d.readLong();
            }
            masks[h] = java.util.BitSet.valueOf(words);
        }
        try {
            return new InactiveUnits(units, masks);
        } catch (IllegalArgumentException e) {
            throw new IOException("the state's inactive units do not fit its layers: " + e.getMessage());
        }
    }

    private static void ints(DataOutputStream d, int[] values) throws IOException {
        d.writeInt(values.length);
        for (int v : values) {
            d.writeInt(v);
        }
    }

    private static int[] ints(DataInputStream d) throws IOException {
        int[] values = new int[length(d)];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.readInt();
        }
        return values;
    }

    private static void floats(DataOutputStream d, float[] values) throws IOException {
        d.writeInt(values.length);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int from = 0; from < values.length; from += BLOCK / 4) {
            int n = Math.min(BLOCK / 4, values.length - from);
            block.clear();
            block.asFloatBuffer().put(values, from, n);
            d.write(block.array(), 0, n * 4);
        }
    }

    private static float[] floats(DataInputStream d) throws IOException {
        float[] values = new float[length(d)];
        byte[] bytes = new byte[BLOCK];
        for (int from = 0; from < values.length; from += BLOCK / 4) {
            int n = Math.min(BLOCK / 4, values.length - from);
            d.readFully(bytes, 0, n * 4);
            ByteBuffer.wrap(bytes, 0, n * 4).asFloatBuffer().get(values, from, n);
        }
        return values;
    }

    private static void doubles(DataOutputStream d, double[] values) throws IOException {
        d.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (double v : values) {
                d.writeLong(Double.doubleToRawLongBits(v));
            }
        }
    }

    private static double[] doubles(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) {
            return null;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.longBitsToDouble(d.readLong());
        }
        return values;
    }

    private static int length(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) {
            throw new IOException("a negative array length in the state: " + n);
        }
        return n;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}

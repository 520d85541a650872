package org.activationbench.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrays of a {@link TrialState} as {@link TrialStateFormat} streams them: a length, then the values' raw bits in
 * blocks, and on reading, a length that cannot fit in the file taken for a changed byte.
 */
final class StateArrays {

    /** Bytes per block when streaming arrays: no copy of a whole array besides the state's own. */
    static final int BLOCK = 1 << 16;

    private StateArrays() {}

    static void longs(DataOutputStream d, long[] values) throws IOException {
        d.writeInt(values.length);
        for (long v : values) {
            d.writeLong(v);
        }
    }

    static long[] longs(DataInputStream d, long size) throws IOException {
        long[] values = new long[length(d, Long.BYTES, size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.readLong();
        }
        return values;
    }

    /** An int array, or -1 for none (a checkpoint continued from a format-2 state knows no units). */
    static void ints(DataOutputStream d, int[] values) throws IOException {
        d.writeInt(values == null ? -1 : values.length);
        for (int i = 0; values != null && i < values.length; i++) {
            d.writeInt(values[i]);
        }
    }

    static int[] ints(DataInputStream d, long size) throws IOException {
        int n = d.readInt();
        if (n == -1) {
            return null;
        }
        checkLength(n, Integer.BYTES, size);
        int[] values = new int[n];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.readInt();
        }
        return values;
    }

    static void floats(DataOutputStream d, float[] values) throws IOException {
        d.writeInt(values.length);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int from = 0; from < values.length; from += BLOCK / 4) {
            int n = Math.min(BLOCK / 4, values.length - from);
            block.clear();
            block.asFloatBuffer().put(values, from, n);
            d.write(block.array(), 0, n * 4);
        }
    }

    static float[] floats(DataInputStream d, long size) throws IOException {
        float[] values = new float[length(d, Float.BYTES, size)];
        byte[] bytes = new byte[Math.min(BLOCK, values.length * Float.BYTES)];
        for (int from = 0; from < values.length; from += BLOCK / 4) {
            int n = Math.min(BLOCK / 4, values.length - from);
            d.readFully(bytes, 0, n * 4);
            ByteBuffer.wrap(bytes, 0, n * 4).asFloatBuffer().get(values, from, n);
        }
        return values;
    }

    static void doubles(DataOutputStream d, double[] values) throws IOException {
        d.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (double v : values) {
                d.writeLong(Double.doubleToRawLongBits(v));
            }
        }
    }

    static double[] doubles(DataInputStream d, long size) throws IOException {
        int n = d.readInt();
        if (n == -1) {
            return null;
        }
        checkLength(n, Double.BYTES, size);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Double.longBitsToDouble(d.readLong());
        }
        return values;
    }

    static int length(DataInputStream d, int width, long size) throws IOException {
        int n = d.readInt();
        checkLength(n, width, size);
        return n;
    }

    /** A count of {@code width}-byte values that cannot be in a file of {@code size} bytes is a changed byte. */
    private static void checkLength(int n, int width, long size) throws DamagedStateException {
        if (n < 0 || (long) n * width > size) {
            throw new DamagedStateException("it gives a length of " + n + " values, impossible in " + size + " bytes");
        }
    }

    static List<Double> boxed(double[] values) throws DamagedStateException {
        if (values == null) {
            throw new DamagedStateException("a test curve is missing");
        }
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}

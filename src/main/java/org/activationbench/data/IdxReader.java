package org.activationbench.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzipped, and checks everything that can be checked:
 * magic number, dimensions, declared count against the payload length, and an optional SHA-256 of the
 * uncompressed content. Every fault is a {@link DataFileException} naming the file.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private final String fix;

    /** @param fix what the user should do when a file is bad, appended to every message */
    public IdxReader(String fix) {
        this.fix = fix;
    }

    /** Images as unsigned bytes, row-major, {@code count * rows * cols} long. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    /** Reads an IDX images file, checking its checksum and that its header holds the expected sizes. */
    public Images readImages(Path file, int expectedCount, int expectedRows, int expectedCols, String sha256) {
        ByteBuffer content = read(file, sha256);
        header(file, content, IMAGES_MAGIC, "images");
        int count = content.getInt();
        int rows = content.getInt();
        int cols = content.getInt();
        if (rows != expectedRows || cols != expectedCols) {
            throw bad(file, "images are " + rows + "x" + cols + ", expected " + expectedRows + "x" + expectedCols);
        }
        checkCount(file, count, expectedCount);
        long payload = (long) count * rows * cols;
        checkLength(file, content, payload);
        byte[] pixels = new byte[(int) payload];
        content.get(pixels);
        return new Images(count, rows, cols, pixels);
    }

    /** Labels as ints, each checked to lie in {@code [0, classes)}. */
    public int[] readLabels(Path file, int expectedCount, int classes, String sha256) {
        ByteBuffer content = read(file, sha256);
        header(file, content, LABELS_MAGIC, "labels");
        int count = content.getInt();
        checkCount(file, count, expectedCount);
        checkLength(file, content, count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = Byte.toUnsignedInt(content.get());
            if (label >= classes) {
                throw bad(file, "label " + label + " at index " + i + " is out of range 0.." + (classes - 1));
            }
            labels[i] = label;
        }
        return labels;
    }

    private void header(Path file, ByteBuffer content, int expectedMagic, String kind) {
        if (content.remaining() < 4) {
            throw bad(file, "truncated: " + content.remaining() + " bytes, too short for an IDX header");
        }
        int magic = content.getInt();
        if (magic != expectedMagic) {
            throw bad(file, String.format("wrong magic number 0x%08x, expected 0x%08x for IDX %s", magic, expectedMagic, kind));
        }
        int dims = expectedMagic & 0xff;
        if (content.remaining() < 4 * dims) {
            throw bad(file, "truncated: header declares " + dims + " dimensions but the file ends first");
        }
    }

    private void checkCount(Path file, int count, int expectedCount) {
        if (count != expectedCount) {
            throw bad(file, "holds " + count + " items, expected " + expectedCount);
        }
    }

    private void checkLength(Path file, ByteBuffer content, long payload) {
        if (content.remaining() < payload) {
            throw bad(file, "truncated: header declares " + payload + " payload bytes, file has " + content.remaining());
        }
        if (content.remaining() > payload) {
            throw bad(file, "has " + (content.remaining() - payload) + " bytes beyond the declared payload");
        }
    }

    private ByteBuffer read(Path file, String sha256) {
        if (!Files.isRegularFile(file)) {
            throw bad(file, "missing");
        }
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = readAll(in);
        } catch (ZipException | EOFException e) {
            throw bad(file, "corrupt gzip stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + e + ")");
        }
        if (sha256 != null) {
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw bad(file, "checksum mismatch: SHA-256 of its content is " + actual + ", expected " + sha256);
            }
        }
        return ByteBuffer.wrap(bytes);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        in.transferTo(out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private DataFileException bad(Path file, String problem) {
        return new DataFileException(file, problem, fix);
    }
}

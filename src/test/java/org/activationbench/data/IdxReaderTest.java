package org.activationbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final String FIX = "Run jobs/fetch-data.sh";

    @TempDir
    Path dir;

    private final IdxReader reader = new IdxReader(FIX);

    static byte[] images(int magic, int count, int rows, int cols, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    static byte[] labels(int count, int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(out)) {
                gz.write(content);
            }
            Files.write(file, out.toByteArray());
        } else {
            Files.write(file, content);
        }
        return file;
    }

    @Test
    void readsRawImagesWithTheirPixels() throws IOException {
        byte[] content = images(IdxReader.IMAGES_MAGIC, 3, 2, 2, 12);
        IdxReader.Images images = reader.readImages(write("img", content), 3, 2, 2, IdxReader.sha256(content));
        assertEquals(3, images.count());
        assertArrayEquals(Arrays.copyOfRange(content, 16, 28), images.pixels());
    }

    @Test
    void readsGzippedLabelsAndChecksTheUncompressedContent() throws IOException {
        byte[] content = labels(4, 0, 9, 3, 3);
        int[] read = reader.readLabels(write("lbl.gz", content), 4, 10, IdxReader.sha256(content));
        assertArrayEquals(new int[] {0, 9, 3, 3}, read);
    }

    @Test
    void missingFileNamesTheFileAndTheFix() {
        Path file = dir.resolve("absent");
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readLabels(file, 1, 10, null));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().endsWith(FIX), e.getMessage());
    }

    @Test
    void truncatedPayloadIsReported() throws IOException {
        byte[] content = Arrays.copyOf(images(IdxReader.IMAGES_MAGIC, 3, 2, 2, 12), 20);
        Path file = write("short", content);
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readImages(file, 3, 2, 2, null));
        assertTrue(e.getMessage().contains("truncated: header declares 12 payload bytes, file has 4"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        Path file = write("stub", new byte[] {0, 0, 8, 3, 0, 0});
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readImages(file, 3, 2, 2, null));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void extraBytesAreReported() throws IOException {
        byte[] content = Arrays.copyOf(labels(2, 1, 2), 12);
        Path file = write("long", content);
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readLabels(file, 2, 10, null));
        assertTrue(e.getMessage().contains("2 bytes beyond the declared payload"), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        Path file = write("labels-as-images", labels(2, 1, 2));
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readImages(file, 2, 2, 2, null));
        assertTrue(e.getMessage().contains("wrong magic number 0x00000801, expected 0x00000803"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        Path file = write("bad-label", labels(3, 1, 10, 2));
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readLabels(file, 3, 10, null));
        assertTrue(e.getMessage().contains("label 10 at index 1 is out of range 0..9"), e.getMessage());
    }

    @Test
    void checksumMismatchIsReported() throws IOException {
        byte[] content = labels(2, 1, 2);
        Path file = write("tampered", content);
        String expected = IdxReader.sha256(labels(2, 1, 3));
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readLabels(file, 2, 10, expected));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void wrongCountAndDimensionsAreReported() throws IOException {
        Path file = write("img", images(IdxReader.IMAGES_MAGIC, 3, 2, 2, 12));
        assertTrue(assertThrows(DataFileException.class, () -> reader.readImages(file, 4, 2, 2, null))
                .getMessage().contains("holds 3 items, expected 4"));
        assertTrue(assertThrows(DataFileException.class, () -> reader.readImages(file, 3, 28, 28, null))
                .getMessage().contains("images are 2x2, expected 28x28"));
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        Path file = dir.resolve("broken.gz");
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        DataFileException e = assertThrows(DataFileException.class, () -> reader.readLabels(file, 1, 10, null));
        assertTrue(e.getMessage().contains("corrupt gzip stream"), e.getMessage());
    }
}

package org.activationbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    @Test
    void scalesPixelsToTheUnitInterval() {
        float[] x = DatasetLoader.scale(new byte[] {0, (byte) 255, (byte) 128});
        assertEquals(0f, x[0]);
        assertEquals(1f, x[1]);
        assertEquals(128 / 255f, x[2]);
    }

    @Test
    void prefersTheRawFileAndFallsBackToGzip(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.gz"), "x");
        assertEquals(dir.resolve("a.gz"), DatasetLoader.locate(dir, "a"));
        Files.writeString(dir.resolve("a"), "x");
        assertEquals(dir.resolve("a"), DatasetLoader.locate(dir, "a"));
    }

    @Test
    void anEmptyDataFolderNamesTheFetchCommand(@TempDir Path dir) {
        DataFileException e = assertThrows(DataFileException.class, () -> new DatasetLoader(dir).load(DatasetSpec.MNIST));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte: missing"), e.getMessage());
        assertTrue(e.getMessage().contains("jobs/fetch-data.sh mnist --data " + dir), e.getMessage());
    }

    @Test
    void aFileOfTheWrongDatasetFailsItsChecksum(@TempDir Path dir) throws IOException {
        Path mnist = dir.resolve("mnist");
        Files.createDirectories(mnist);
        byte[] header = IdxReaderTest.images(IdxReader.IMAGES_MAGIC, 60_000, 28, 28, 60_000 * 784);
        Files.write(mnist.resolve("train-images-idx3-ubyte"), header);
        DataFileException e = assertThrows(DataFileException.class, () -> new DatasetLoader(dir).load(DatasetSpec.MNIST));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }
}

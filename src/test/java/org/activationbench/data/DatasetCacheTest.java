package org.activationbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {

    @TempDir
    Path dir;

    /** The MNIST files as Spark ships them: directly in a folder of the application's own. */
    private Path shipped(String application) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(application));
        try (Stream<Path> files = Files.list(Path.of("data", "mnist"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.createSymbolicLink(folder.resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        return folder;
    }

    @Test
    void aJvmHostingOneApplicationAfterAnotherHoldsEachDatasetOnce() throws IOException {
        DatasetSpec mnist = DatasetSpec.byId("mnist");
        Path first = shipped("app-1");
        Path second = shipped("app-2");
        int loads = DatasetCache.loads();
        Dataset a = DatasetCache.getFromFolder(first, mnist);
        assertSame(a, DatasetCache.getFromFolder(first, mnist), "the same application's trials share one copy");
        assertEquals(loads + 1, DatasetCache.loads());
        DatasetCache.getFromFolder(second, mnist);
        assertEquals(loads + 2, DatasetCache.loads());
        assertEquals(1, DatasetCache.held(mnist), "the second application's copy replaced the first's");
    }
}

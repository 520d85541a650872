package org.activationbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No main source file is over 250 lines, counted as {@code wc -l} counts them: a class that grows past it is split. */
class ClassSizeTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final int MAX_LINES = 250;

    @Test
    void noMainSourceIsOver250Lines() throws IOException {
        Map<String, Long> over = new TreeMap<>();
        long files;
        try (Stream<Path> sources = Files.walk(MAIN)) {
            var all = sources.filter(p -> p.toString().endsWith(".java")).toList();
            files = all.size();
            for (Path p : all) {
                long lines = newlines(p);
                if (lines > MAX_LINES) {
                    over.put(MAIN.relativize(p).toString(), lines);
                }
            }
        }
        assertTrue(files > 100, "only " + files + " sources under " + MAIN);
        assertEquals(Map.of(), over, "main sources over " + MAX_LINES + " lines; split each along a seam");
    }

    /** Lines as {@code wc -l} counts them: newline characters. */
    private static long newlines(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            long n = 0;
            for (byte b : bytes) {
                n += b == '\n' ? 1 : 0;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

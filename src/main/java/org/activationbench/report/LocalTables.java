package org.activationbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The output folder's tables on this machine's disk, where DuckDB reads them: the folder itself, or for an output on
 * a cluster file system (hdfs://, s3a://) a temporary copy of its tables, which are small, deleted on close.
 */
record LocalTables(Path folder, boolean copied) implements AutoCloseable {

    static LocalTables of(String output) {
        URI uri = URI.create(output.replace(" ", "%20"));
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return new LocalTables(uri.getScheme() == null ? Path.of(output) : Path.of(uri), false);
        }
        try {
            Path copy = Files.createTempDirectory("activation-bench-tables");
            FileSystem fs = FileSystem.get(uri, new Configuration());
            for (String table : new String[] {"runs", "epochs", "comparisons"}) {
                org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(output, table);
                if (fs.exists(source)) {
                    fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(copy.resolve(table).toUri()), true);
                }
            }
            return new LocalTables(copy, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the tables of " + output + " for the report", e);
        }
    }

    @Override
    public void close() {
        if (!copied) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.activationbench.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a grid run, on any file system Hadoop reaches (local, HDFS, S3). It holds the grid that
 * produced it ({@code grid.conf}), so a resume can check it continues the same grid.
 */
final class OutputFolder {

    static final String GRID_FILE = "grid.conf";

    /** What a run may do with a folder, decided before anything is written. */
    enum State { ABSENT, EMPTY, HOLDS_RUN, NOT_A_FOLDER, FOREIGN }

    private final Path path;
    private final FileSystem fs;

    OutputFolder(String location, Configuration conf) {
        this.path = new Path(location);
        try {
            this.fs = path.getFileSystem(conf);
            fs.setWriteChecksum(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + location, e);
        }
    }

    String location() {
        return path.toString();
    }

    State state() {
        try {
            if (!fs.exists(path)) {
                return State.ABSENT;
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                return State.NOT_A_FOLDER;
            }
            FileStatus[] entries = fs.listStatus(path);
            if (entries.length == 0) {
                return State.EMPTY;
            }
            return fs.exists(new Path(path, GRID_FILE)) ? State.HOLDS_RUN : State.FOREIGN;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    String storedGrid() {
        try (InputStream in = fs.open(new Path(path, GRID_FILE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(path, GRID_FILE), e);
        }
    }

    void storeGrid(String text) {
        try {
            fs.mkdirs(path);
            try (OutputStream out = fs.create(new Path(path, GRID_FILE), true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + new Path(path, GRID_FILE), e);
        }
    }

    void delete() {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}

package org.activationbench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.fs.FSError;

/**
 * A write that did not land: results, compaction, comparisons, a report, a run's own files. It names the path and the
 * file system's reason (a full disk, a read-only or vanished folder). Hadoop's local file system reports a failed
 * write as {@link FSError}, an {@code Error}, which code catching {@code IOException} never sees: every write path
 * turns both into this one exception, which stops a run.
 */
public final class WriteFailure extends RuntimeException {

    private final String path;

    private WriteFailure(String path, Throwable cause) {
        super("cannot write " + path + ": " + reason(cause), cause);
        this.path = path;
    }

    /** The failure of writing {@code path}, if {@code t} or one of its causes is a file system's error; else empty. */
    public static Optional<WriteFailure> of(Object path, Throwable t) {
        Throwable deepest = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof WriteFailure w) {
                return Optional.of(w);
            }
            // The innermost: Parquet and Spark wrap the file system's words in their own.
            if (c instanceof IOException || c instanceof FSError) {
                deepest = c;
            }
        }
        return Optional.ofNullable(deepest).map(c -> new WriteFailure(String.valueOf(path), c));
    }

    /**
     * {@code t} as the failure of writing {@code path} when a file system's error caused it; otherwise {@code t}
     * itself, rethrown unchanged (a bug is not a full disk).
     */
    public static RuntimeException at(Object path, Throwable t) {
        Optional<WriteFailure> w = of(path, t);
        if (w.isPresent()) {
            return w.get();
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The path that could not be written, as the writer named it. */
    public String path() {
        return path;
    }

    /** The file system's own words: FSError's and UncheckedIOException's wrapped message, else the message or type. */
    static String reason(Throwable t) {
        Throwable c = t;
        while ((c instanceof FSError || c instanceof UncheckedIOException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof java.nio.file.FileSystemException f) {
            // java.nio's message is the path alone when the system gave no reason: the exception's name says more.
            return (f.getReason() != null ? f.getReason() : c.getClass().getSimpleName()) + " (" + f.getFile() + ")";
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}

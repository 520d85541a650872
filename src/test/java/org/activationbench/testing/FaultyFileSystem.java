package org.activationbench.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * This machine's disk under the scheme {@code faulty://} (registered for Hadoop in META-INF/services), where a test
 * can make writes fail as a full disk does: from the Nth file created whose path matches, every matching file is
 * created (empty) and then refuses its bytes ({@value #NO_SPACE}), with an {@link IOException} or with the
 * {@code FSError} Hadoop's local file system throws, until {@link #clear()}. {@code faulty:///tmp/x} is the local {@code /tmp/x}.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "faulty";
    /** The file system's own words for a full disk. */
    public static final String NO_SPACE = "No space left on device";

    /** Which writes fail: matching paths from the {@code nth} on, as {@code FSError} if {@code fsError}. */
    public record Fault(Predicate<Path> where, int nth, boolean fsError) {}

    private static final String FULL = "/dev/full";
    private static volatile Fault fault;
    private static final AtomicInteger matched = new AtomicInteger();
    private static volatile long firstFailureMillis;
    private static volatile String firstFailedPath;

    /** Arms a fault; counting starts afresh. */
    public static void fail(Fault f) {
        matched.set(0);
        firstFailureMillis = 0;
        firstFailedPath = null;
        fault = f;
    }

    /** Removes the fault: the disk has room again. */
    public static void clear() {
        fault = null;
    }

    /** When the first write failed ({@code System.currentTimeMillis()}), or 0 if none has. */
    public static long firstFailureMillis() {
        return firstFailureMillis;
    }

    /** The local path of the first file whose write failed, or null. */
    public static String firstFailedPath() {
        return firstFailedPath;
    }

    /** The URI of a local path on this file system. */
    public static String uri(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }

    /** Whether the current thread is inside a method named {@code method} (the write path a fault is meant for). */
    public static boolean calledFrom(String method) {
        return StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getMethodName().equals(method)));
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission) throws IOException {
        OutputStream out = super.createOutputStreamWithMode(f, append, permission);
        Fault armed = fault;
        if (armed == null || !armed.where().test(f) || matched.incrementAndGet() < armed.nth()) {
            return out;
        }
        String path = f.toUri().getPath();
        synchronized (FaultyFileSystem.class) {
            if (firstFailedPath == null) {
                firstFailedPath = path;
                firstFailureMillis = System.currentTimeMillis();
            }
        }
        // As on a full disk: the file is created, empty, and its bytes go nowhere. /dev/full refuses every write
        // with the kernel's ENOSPC; through Hadoop's own local stream that surfaces as FSError, as it does for a run.
        out.close();
        return armed.fsError() ? super.createOutputStreamWithMode(new Path(FULL), true, null) : new FileOutputStream(FULL);
    }
}

package org.activationbench.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writing a file so that it is either absent or whole after a crash or power loss: under a hidden temporary name,
 * flushed to the disk ({@code hsync} on HDFS, {@code FileChannel.force} on a local disk), then renamed. On an object
 * store (S3) a file appears whole on close and a rename is a copy: the same calls are safe but not atomic.
 */
public final class DurableFiles {

    private DurableFiles() {}

    /** The hidden name a file is written under before it is renamed into place. */
    public static Path temporary(Path file) {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    /** Writes {@code content} to {@code file}, replacing it if it exists. */
    public static void write(FileSystem fs, Path file, byte[] content) throws IOException {
        Path temporary = temporary(file);
        try {
            try (FSDataOutputStream out = fs.create(temporary, true)) {
                out.write(content);
                out.hsync();
            }
            forceIfLocal(fs, temporary);
        } catch (IOException | RuntimeException | FSError e) {
            deleteQuietly(fs, temporary, e);
            throw e;
        }
        if (fs.exists(file) && isLocal(fs)) {
            // A local rename replaces the target atomically; Hadoop's would refuse, so go through java.nio.
            java.nio.file.Files.move(local(fs, temporary), local(fs, file), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            if (fs.exists(file) && !fs.delete(file, false)) {
                throw new IOException("could not replace " + file);
            }
            rename(fs, temporary, file);
        }
        forceIfLocal(fs, file.getParent());
    }

    /** Removes a file this process was writing when the write failed (cut short, often empty), keeping the failure. */
    static void deleteQuietly(FileSystem fs, Path temporary, Throwable failure) {
        try {
            fs.delete(temporary, false);
        } catch (IOException | RuntimeException | FSError e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Sets a damaged file aside: renames it to {@code _damaged-NAME} in its folder ({@code _damaged-2-NAME} and so on
     * if that name is taken, so that nothing set aside earlier is replaced), where readers no longer take it; it is
     * never deleted. Returns its new path.
     */
    public static Path setAside(FileSystem fs, Path file) throws IOException {
        Path aside = new Path(file.getParent(), ResultStore.DAMAGED + file.getName());
        for (int n = 2; fs.exists(aside); n++) {
            aside = new Path(file.getParent(), ResultStore.DAMAGED + n + "-" + file.getName());
        }
        rename(fs, file, aside);
        return aside;
    }

    /** Renames, failing loudly: Hadoop's rename reports failure by returning false. */
    public static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    /** Flushes a local file (or folder, for the names in it) to the disk; other file systems flush on hsync. */
    public static void forceIfLocal(FileSystem fs, Path path) throws IOException {
        if (!isLocal(fs)) {
            return;
        }
        java.nio.file.Path p = local(fs, path);
        try (FileChannel channel = FileChannel.open(p, java.nio.file.Files.isDirectory(p)
                ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Whether the file system is this machine's disk (where {@code java.nio} is the stronger tool). */
    public static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getScheme());
    }

    static java.nio.file.Path local(FileSystem fs, Path path) {
        return java.nio.file.Path.of(fs.makeQualified(path).toUri());
    }
}

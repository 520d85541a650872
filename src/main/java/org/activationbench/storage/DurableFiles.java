package org.activationbench.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * Writing a file so that it is either absent or whole after a crash or power loss: under a hidden temporary name,
 * flushed to the disk ({@code hsync} on HDFS, {@code FileChannel.force} on a local disk), then renamed. On HDFS every
 * block, not only the last one {@code hsync} reaches, is forced to the datanodes' disks as it is closed
 * ({@code SYNC_BLOCK}). On an object store (S3) a file appears whole on close and a rename is a copy: the same calls
 * are safe but not atomic.
 */
public final class DurableFiles {

    /** The prefix of a file set aside as unreadable; Spark and the project's readers skip names starting with '_'. */
    public static final String DAMAGED = "_damaged-";

    private DurableFiles() {}

    /** The hidden name a file is written under before it is renamed into place. */
    public static Path temporary(Path file) {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    /**
     * Deletes the temporaries in {@code folder} (its own files named as {@link #temporary} names them): those of writers
     * that were killed, for a caller that knows no live writer uses the folder. On HDFS each stays open under its dead
     * writer's lease, for many minutes, until deleted. Returns how many it deleted.
     */
    public static int deleteTemporaries(FileSystem fs, Path folder) throws IOException {
        int deleted = 0;
        if (fs.exists(folder)) {
            for (FileStatus s : fs.listStatus(folder, p -> p.getName().startsWith(".") && p.getName().endsWith(".tmp"))) {
                if (s.isFile() && fs.delete(s.getPath(), false)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Writes {@code content} to {@code file}, replacing it if it exists. */
    public static void write(FileSystem fs, Path file, byte[] content) throws IOException {
        Path temporary = temporary(file);
        try {
            try (FSDataOutputStream out = create(fs, temporary)) {
                out.write(content);
                out.hsync();
            }
            forceIfLocal(fs, temporary);
        } catch (IOException | RuntimeException | FSError e) {
            deleteQuietly(fs, temporary, e);
            throw e;
        }
        replace(fs, temporary, file);
        forceIfLocal(fs, file.getParent());
    }

    /**
     * Creates (or overwrites) a file for writing; on HDFS with {@code SYNC_BLOCK}. On HDFS an overwrite replaces even a
     * file another client still holds open (the temporary of a writer killed while writing it), ending its lease.
     */
    public static FSDataOutputStream create(FileSystem fs, Path file) throws IOException {
        if (!(fs instanceof DistributedFileSystem)) {
            return fs.create(file, true);
        }
        return fs.create(file, FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(fs.getConf())),
                EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE, CreateFlag.SYNC_BLOCK),
                fs.getConf().getInt("io.file.buffer.size", 4096), fs.getDefaultReplication(file),
                fs.getDefaultBlockSize(file), null);
    }

    /**
     * Renames a whole file into place, replacing what is there: in one atomic step on a local disk ({@code java.nio})
     * and on HDFS (rename with {@code OVERWRITE}), so that the name never stands empty; elsewhere a delete, then a rename.
     */
    public static void replace(FileSystem fs, Path from, Path to) throws IOException {
        if (isLocal(fs) && fs.exists(to)) {
            // Hadoop's local rename would refuse an existing target.
            java.nio.file.Files.move(local(fs, from), local(fs, to), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else if (fs instanceof DistributedFileSystem dfs) {
            dfs.rename(from, to, Options.Rename.OVERWRITE);
        } else {
            if (fs.exists(to) && !fs.delete(to, false)) {
                throw new IOException("could not replace " + to);
            }
            rename(fs, from, to);
        }
    }

    /** Removes a file this process was writing when the write failed (cut short, often empty), keeping the failure. */
    public static void deleteQuietly(FileSystem fs, Path temporary, Throwable failure) {
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
        Path aside = new Path(file.getParent(), DAMAGED + file.getName());
        for (int n = 2; fs.exists(aside); n++) {
            aside = new Path(file.getParent(), DAMAGED + n + "-" + file.getName());
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

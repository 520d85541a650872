package org.activationbench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The writer lock's file on any file system: created only if absent, with its holder on disk before it counts as
 * taken, and read once its creator has written it.
 */
final class LockFile {

    private LockFile() {}

    /**
     * The lock's text once its creator has written it; empty if there is no lock file. A lock read empty is read again
     * for {@link WriterLock#EMPTY_PATIENCE_MILLIS}; still empty, its creator died between creating it and writing its
     * holder, and on HDFS the file it may still hold open is closed by lease recovery before the empty text is returned.
     */
    static Optional<String> settled(FileSystem fs, Path file) throws IOException {
        long deadline = System.nanoTime() + WriterLock.EMPTY_PATIENCE_MILLIS * 1_000_000;
        Optional<String> text = read(fs, file);
        while (text.isPresent() && text.get().isEmpty() && System.nanoTime() < deadline) {
            HdfsLeases.pause(100);
            text = read(fs, file);
        }
        if (text.isPresent() && text.get().isEmpty()) {
            HdfsLeases.recover(fs, file);
            text = read(fs, file);
        }
        return text;
    }

    /** Creates the lock file holding {@code me}, durably; false if it exists (or another HDFS client holds it open). */
    static boolean create(FileSystem fs, Path file, WriterLock.Holder me) throws IOException {
        byte[] content = me.render().getBytes(StandardCharsets.UTF_8);
        if (DurableFiles.isLocal(fs)) {
            try (OutputStream out = Files.newOutputStream(DurableFiles.local(fs, file), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write(content);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(content);
            // As SYNC on a local disk: the holder is on the datanodes' disks before the lock counts as taken.
            out.hsync();
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS refuses to create a file another client still holds open (its creator writing it now, or one that
            // died while creating it) with an error of its own: the lock exists.
            if (HdfsLeases.heldByAnother(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The lock file's text; empty if there is none. */
    static Optional<String> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }
}

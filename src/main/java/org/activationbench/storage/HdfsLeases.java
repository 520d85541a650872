package org.activationbench.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.ipc.RemoteException;

/**
 * Files another HDFS client holds open. HDFS gives the writer of a file a lease, which outlives a killed writer by a
 * minute (and up to twenty); until it ends, HDFS refuses anyone else's create-if-absent of that file (as the writer
 * lock's), though an overwrite or a delete removes it, and lease recovery ends the lease at once, closing the file with
 * what reached the datanodes.
 */
final class HdfsLeases {

    /** How long HDFS may take to close a file whose writer died: its datanodes settle the last block's length. */
    static final long RECOVERY_SECONDS = 60;

    private HdfsLeases() {}

    /** Whether HDFS refused to create a file because another client holds it open (its lease, or its lease's recovery). */
    static boolean heldByAnother(IOException e) {
        return e instanceof RemoteException r && (r.getClassName().endsWith(".AlreadyBeingCreatedException")
                || r.getClassName().endsWith(".RecoveryInProgressException"));
    }

    /** Closes a file whose writer died by recovering its lease, and waits until it is closed; nothing off HDFS. */
    static void recover(FileSystem fs, Path file) throws IOException {
        if (!(fs instanceof DistributedFileSystem dfs)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS);
        while (!dfs.recoverLease(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("HDFS did not close " + file + ", left open by a writer that died, within "
                        + RECOVERY_SECONDS + " s of lease recovery");
            }
            pause(200);
        }
    }

    /** Sleeps; an interrupt is an {@code InterruptedIOException}, as for any wait on a file system. */
    static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a file another process holds");
        }
    }
}

package org.activationbench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The one writer of an output folder: a lock file created only if absent (atomically: {@code CREATE_NEW} on a local
 * or mounted disk, {@code create(overwrite=false)} on HDFS), naming the host, process and start time of its holder.
 * Whoever lands, compacts or replaces tables holds it; a lock left by a process that is gone from this host is taken
 * over, and so is one left empty by a process that died while creating it. On an object store without
 * create-if-absent the check and the creation are two steps (see docs/operations.md).
 */
public final class WriterLock implements AutoCloseable {

    public static final String FILE = "activation-bench.lock";

    /** Who holds a lock, as its file says. */
    public record Holder(String host, long pid, Instant since, String command) {

        String render() {
            return "host=" + host + "\npid=" + pid + "\nsince=" + since + "\ncommand=" + command + "\n";
        }

        static Holder parse(String text) {
            String host = "?";
            long pid = -1;
            Instant since = Instant.EPOCH;
            String command = "?";
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1).strip();
                try {
                    switch (line.substring(0, eq)) {
                        case "host" -> host = value;
                        case "pid" -> pid = Long.parseLong(value);
                        case "since" -> since = Instant.parse(value);
                        case "command" -> command = value;
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    // A half-written lock names what it can; the rest stays unknown.
                }
            }
            return new Holder(host, pid, since, command);
        }

        /** Whether the process is known to be gone: only a process on this host can be checked. */
        boolean goneFrom(String thisHost) {
            return host.equals(thisHost) && pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        /** The holder as a notice names it: command, pid, host and since when. */
        public String describe() {
            return "'" + command + "' (pid " + pid + " on " + host + ", since " + since + ")";
        }
    }

    /** Thrown when another live process holds the lock. */
    public static final class HeldException extends RuntimeException {
        private final transient Holder holder;
        private final String lockFile;

        HeldException(Holder holder, String lockFile) {
            super("is being written by " + holder.describe() + "; lock file " + lockFile);
            this.holder = holder;
            this.lockFile = lockFile;
        }

        /** Who holds the lock. */
        public Holder holder() {
            return holder;
        }

        /** The lock file, as a path or URI, for the user to inspect. */
        public String lockFile() {
            return lockFile;
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final Holder holder;

    /**
     * Runs after Spark's own shutdown hooks (priority 40 in Hadoop's manager: the SparkContext is stopped first) and
     * before Hadoop closes its file systems (10).
     */
    static final int SHUTDOWN_PRIORITY = 35;

    /** How long a lock file may stay empty before its creator is taken for dead: a live one writes its holder at once. */
    static final long EMPTY_PATIENCE_MILLIS = 3000;

    /** Releases the lock when a signal ends the JVM before the holder does: SIGTERM lets no finally block finish. */
    private final Runnable releaseOnShutdown = () -> {
        try {
            close();
        } catch (RuntimeException e) {
            // The JVM is ending: a lock that cannot be removed now is taken over later, as the holder is gone.
        }
    };

    private WriterLock(FileSystem fs, Path file, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
        ShutdownHookManager.get().addShutdownHook(releaseOnShutdown, SHUTDOWN_PRIORITY);
    }

    /**
     * Takes the lock of {@code folder} (which must exist) for {@code command}.
     *
     * @param notice where a message about a stale lock taken over goes
     * @throws HeldException if a live process, or one on another host, holds it
     */
    public static WriterLock acquire(FileSystem fs, Path folder, String command, java.util.function.Consumer<String> notice) {
        Path file = new Path(folder, FILE);
        Holder me = new Holder(thisHost(), ProcessHandle.current().pid(), Instant.now(), command);
        try {
            for (int tries = 0; tries < 3; tries++) {
                if (LockFile.create(fs, file, me)) {
                    return new WriterLock(fs, file, me);
                }
                Optional<String> text = LockFile.settled(fs, file);
                if (text.isEmpty()) {
                    continue;
                }
                Holder other = Holder.parse(text.get());
                boolean empty = text.get().isEmpty();
                if (!empty && !other.goneFrom(me.host())) {
                    throw new HeldException(other, file.toString());
                }
                // Only the text judged stale is removed: a lock a faster process just created stays.
                if (LockFile.read(fs, file).equals(text)) {
                    fs.delete(file, false);
                    notice.accept("taking over the lock of " + folder + ": " + (empty ? "it was left empty by a process"
                            + " that died while creating it" : other.describe() + " has ended without releasing it"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + folder, e);
        }
        throw new IllegalStateException("cannot lock " + folder + ": its lock file " + file + " keeps changing");
    }

    /** The holder of {@code folder}'s lock if a live process (or one on another host) holds it. */
    public static Optional<Holder> liveHolder(FileSystem fs, Path folder) {
        try {
            return LockFile.read(fs, new Path(folder, FILE)).map(Holder::parse).filter(h -> !h.goneFrom(thisHost()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock of " + folder, e);
        }
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** This process, as its lock file names it. */
    public Holder holder() {
        return holder;
    }

    /** Removes the lock file if it is still this holder's. */
    @Override
    public void close() {
        try {
            ShutdownHookManager.get().removeShutdownHook(releaseOnShutdown);
        } catch (IllegalStateException shuttingDown) {
            // Called by that hook, or while the hooks run: the lock is removed below all the same.
        }
        try {
            if (LockFile.read(fs, file).map(Holder::parse).map(holder::equals).orElse(false)) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + file, e);
        }
    }
}

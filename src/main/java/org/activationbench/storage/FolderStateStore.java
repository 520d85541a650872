package org.activationbench.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.activationbench.train.DamagedStateException;
import org.activationbench.train.ForeignStateException;
import org.activationbench.train.StateStore;
import org.activationbench.train.TrialState;
import org.activationbench.train.TrialStateFormat;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trial's states in its folder of the {@link StateFolder}, on any file system Hadoop reaches. Each state is
 * streamed to a hidden temporary file, flushed ({@code hsync}), renamed to {@code state-e<epoch>-m<minibatch>.bin}
 * (the name orders the states) and read back, and only once it verifies are older states removed, so a sound state
 * exists at every moment. A state that does not verify (its checksum, {@link TrialStateFormat}), when read back or when
 * a trial continues, is set aside as {@code _damaged-state-...} with a warning, never deleted, and the newest state
 * that verifies is used.
 * {@code spent-training-time} notes the trial's training time at most every {@value #SPENT_EVERY_SECONDS} s, for the
 * time an attempt loses after its last state. The store owns only these names; the trial's folder may hold others.
 *
 * <p>The file system's work (create, sync, rename, delete: most of a save's time on a local disk, more on a remote
 * store) runs on one writer thread, in the order the calls were made, while the trial trains on; a save waits only
 * for the one before it, so at most one state is in flight. Reading, removing and {@link #finish} first wait for
 * every write handed over.
 */
public final class FolderStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(FolderStateStore.class);
    static final String SPENT = "spent-training-time";
    static final long SPENT_EVERY_SECONDS = 30;

    private final FileSystem fs;
    private final Path folder;
    private final String trialId;
    private long lastSpentNote = System.nanoTime();
    /** The writer thread, started by the first write after construction or {@link #finish}. */
    private ExecutorService writer;
    private Future<?> lastSave = CompletableFuture.completedFuture(null);

    public FolderStateStore(StateFolder states, String trialId) {
        this.fs = states.fileSystem();
        this.folder = states.trial(trialId);
        this.trialId = trialId;
    }

    @Override
    public void save(TrialState state) {
        awaitQuietly(lastSave);
        lastSave = writer().submit(() -> write(state));
    }

    @Override
    public void finish() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("trial {}: waiting for its state to be written to {}", trialId, folder);
            }
        } catch (InterruptedException e) {
            // The task is being killed: a write still running completes or leaves only a temporary file behind.
            Thread.currentThread().interrupt();
        }
        writer = null;
    }

    private ExecutorService writer() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "state writer " + trialId);
                t.setDaemon(true);
                return t;
            });
        }
        return writer;
    }

    private static void awaitQuietly(Future<?> write) {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Not thrown: write() logs its own failures and returns.
        }
    }

    private void write(TrialState state) {
        Path file = new Path(folder, TrialStates.name(state.epoch(), state.minibatch()));
        Path temporary = DurableFiles.temporary(file);
        try {
            fs.mkdirs(folder);
            try (FSDataOutputStream out = DurableFiles.create(fs, temporary)) {
                TrialStateFormat.write(state, out);
                out.hsync();
            }
            DurableFiles.forceIfLocal(fs, temporary);
            DurableFiles.replace(fs, temporary, file);
            DurableFiles.forceIfLocal(fs, folder);
            try {
                read(fs.getFileStatus(file));
            } catch (DamagedStateException | ForeignStateException e) {
                // Just written in this format: read back as anything else, its bytes changed on the way.
                setAside(file, e, "its previous state stays");
                return;
            }
            for (FileStatus older : states()) {
                if (!older.getPath().getName().equals(file.getName())) {
                    fs.delete(older.getPath(), false);
                }
            }
        } catch (IOException | RuntimeException | FSError e) {
            // The previous state stays; the trial goes on and may lose more work if its attempt dies. FSError is how
            // Hadoop's local file system reports a full disk.
            LOG.warn("trial {}: its state at {} could not be saved in {} ({}); it continues, and the previous state stays",
                    trialId, state.position(), folder, e.toString());
            try {
                fs.delete(temporary, false);
            } catch (IOException | RuntimeException | FSError ignored) {
                // Best effort: the next save overwrites it.
            }
        }
    }

    @Override
    public Optional<TrialState> newest() {
        finish();
        List<FileStatus> states;
        try {
            states = states();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        for (FileStatus s : states) {
            try {
                return Optional.of(read(s));
            } catch (FileNotFoundException e) {
                // Removed since the listing (a newer one was completed meanwhile): look at the next.
            } catch (DamagedStateException e) {
                setAside(s.getPath(), e, "trying an older state, else the trial starts from epoch 1");
            } catch (IOException e) {
                LOG.warn("trial {}: the state {} cannot be read ({}); trying an older one", trialId, s.getPath(), e.toString());
            }
        }
        return Optional.empty();
    }

    private TrialState read(FileStatus state) throws IOException {
        try (InputStream in = fs.open(state.getPath())) {
            return TrialStateFormat.read(in, state.getLen());
        }
    }

    /** Renames a state that does not verify out of the states' names, so that it is neither used nor removed. */
    private void setAside(Path state, Exception why, String then) {
        try {
            Path aside = DurableFiles.setAside(fs, state);
            LOG.warn("trial {}: the state {} is damaged: {}; set aside as {} (kept, never used); {}", trialId, state,
                    why.getMessage(), aside.getName(), then);
        } catch (IOException e) {
            LOG.warn("trial {}: the state {} is damaged: {}, and could not be set aside ({}); {}", trialId, state,
                    why.getMessage(), e.toString(), then);
        }
    }

    @Override
    public void noteSpent(long nanos) {
        long now = System.nanoTime();
        if (now - lastSpentNote < SPENT_EVERY_SECONDS * 1_000_000_000L) {
            return;
        }
        lastSpentNote = now;
        writer().execute(() -> {
            try {
                fs.mkdirs(folder);
                DurableFiles.write(fs, new Path(folder, SPENT), Long.toString(nanos).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException | FSError e) {
                LOG.warn("trial {}: its training time could not be noted in {} ({})", trialId, folder, e.toString());
            }
        });
    }

    @Override
    public long spentNanos() {
        finish();
        try (InputStream in = fs.open(new Path(folder, SPENT))) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (FileNotFoundException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("trial {}: its noted training time cannot be read ({})", trialId, e.toString());
            return 0;
        }
    }

    /** Removes this store's files (states, temporary states, the noted time), then the trial's folder if nothing else is in it. */
    void delete() throws IOException {
        finish();
        if (!fs.exists(folder)) {
            return;
        }
        for (FileStatus s : fs.listStatus(folder)) {
            String name = s.getPath().getName();
            String written = name.startsWith(".") && name.endsWith(".tmp") ? name.substring(1, name.length() - 4) : name;
            if (s.isFile() && (TrialStates.isState(written) || written.equals(SPENT))) {
                fs.delete(s.getPath(), false);
            }
        }
        if (fs.listStatus(folder).length == 0) {
            fs.delete(folder, false);
        }
    }

    /** The states under their final names (none set aside), newest first. */
    private List<FileStatus> states() throws IOException {
        if (!fs.exists(folder)) {
            return List.of();
        }
        return Arrays.stream(fs.listStatus(folder, p -> TrialStates.isState(p.getName())))
                .sorted(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed())
                .toList();
    }
}

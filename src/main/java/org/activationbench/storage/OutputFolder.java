package org.activationbench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a grid run, on any file system Hadoop reaches (local, HDFS, S3). It holds the grid that
 * produced it ({@code grid.conf}), so a resume can check it continues the same grid, and a manifest naming what the
 * project wrote there, so that {@code --overwrite} removes those and nothing else.
 */
public final class OutputFolder {

    public static final String GRID_FILE = "grid.conf";
    public static final String MANIFEST = "activation-bench.manifest";
    /** Where analyze and report work on a run another process is writing: a copy of its landed tables, beside them. */
    public static final String SNAPSHOT = "snapshot";
    /** The tables a run lands as it goes, and a snapshot copies: the trials' rows and a tuned grid's chosen rates. */
    public static final List<String> LANDED_TABLES = List.of("runs", "epochs", "learning_rates");
    /** The tables a snapshot holds: those it copies, and the comparisons written on the copy. */
    public static final List<String> SNAPSHOT_TABLES = List.of("runs", "epochs", "learning_rates", "comparisons");
    /** What a run writes at the top of its folder; a folder from before the manifest is read as holding these. */
    public static final List<String> WRITTEN = List.of(GRID_FILE, "runs", "epochs", "comparisons", "learning_rates",
            SNAPSHOT, StateFolder.DEFAULT_NAME);

    /** What a run may do with a folder, decided before anything is written. */
    public enum State { ABSENT, EMPTY, HOLDS_RUN, NOT_A_FOLDER, FOREIGN }

    private final Path path;
    private final FileSystem fs;

    public OutputFolder(String location, Configuration conf) {
        this.path = new Path(location);
        try {
            this.fs = path.getFileSystem(conf);
            fs.setWriteChecksum(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + location, e);
        }
    }

    /** The folder as the user named it (a path or a URI). */
    public String location() {
        return path.toString();
    }

    /** The folder as Hadoop reaches it. */
    public Path path() {
        return path;
    }

    /** The file system the folder is on. */
    public FileSystem fileSystem() {
        return fs;
    }

    /** What a run may do with the folder, read from what is in it now. */
    public State state() {
        try {
            if (!fs.exists(path)) {
                return State.ABSENT;
            }
            if (!fs.getFileStatus(path).isDirectory()) {
                return State.NOT_A_FOLDER;
            }
            // A lock left alone (its run was refused or killed before writing) is no run, nor a user's file.
            FileStatus[] entries = fs.listStatus(path, p -> !p.getName().equals(WriterLock.FILE));
            if (entries.length == 0) {
                return State.EMPTY;
            }
            return fs.exists(new Path(path, GRID_FILE)) || fs.exists(new Path(path, MANIFEST)) ? State.HOLDS_RUN : State.FOREIGN;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The grid file of the run this folder holds, as it was stored. */
    public String storedGrid() {
        try (InputStream in = fs.open(new Path(path, GRID_FILE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(path, GRID_FILE), e);
        }
    }

    /** Writes the manifest, then the grid, each durably under a temporary name first. */
    public void storeGrid(String text) {
        try {
            fs.mkdirs(path);
            adopt();
            DurableFiles.write(fs, new Path(path, GRID_FILE), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | FSError e) {
            throw WriteFailure.at(new Path(path, GRID_FILE), e);
        }
    }

    /** Gives a folder written before manifests existed (recognised by its grid.conf) the manifest it would have had. */
    public void adopt() {
        try {
            if (!fs.exists(new Path(path, MANIFEST))) {
                DurableFiles.write(fs, new Path(path, MANIFEST),
                        ("# written by activation-bench; --overwrite removes only these\n" + String.join("\n", WRITTEN) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException | FSError e) {
            throw WriteFailure.at(new Path(path, MANIFEST), e);
        }
    }

    /**
     * Adds {@code entry} to the manifest of a folder that has one and does not list it yet (a folder written before the
     * entry existed), so that {@code --overwrite} removes it too; a folder without a manifest (a snapshot) is left as it is.
     */
    public void declare(String entry) {
        Path manifest = new Path(path, MANIFEST);
        try {
            if (!fs.exists(manifest)) {
                return;
            }
            String text;
            try (InputStream in = fs.open(manifest)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!text.lines().toList().contains(entry)) {
                DurableFiles.write(fs, manifest, (text + (text.endsWith("\n") ? "" : "\n") + entry + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException | FSError e) {
            throw WriteFailure.at(manifest, e);
        }
    }

    /**
     * Checks, before any work, that results can be written here: creates the folder if needed, writes and removes a
     * probe file. On failure removes the folders it created and throws {@link RefusedException}.
     */
    public void probeWritable() {
        List<Path> created = new ArrayList<>();
        try {
            for (Path p = path; p != null && !fs.exists(p); p = p.getParent()) {
                created.add(p);
            }
            fs.mkdirs(path);
            Path probe = new Path(path, ".activation-bench-probe-" + UUID.randomUUID());
            DurableFiles.write(fs, probe, new byte[] {1});
            if (!fs.delete(probe, false)) {
                throw new IOException("could not delete the probe file " + probe);
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : created) {
                try {
                    fs.delete(p, false);
                } catch (IOException ignored) {
                    // Best effort: a folder that cannot be written to may not be deletable either.
                }
            }
            throw new RefusedException(location() + " cannot be written (" + e.getMessage() + "); choose another"
                    + " --output or fix its permissions");
        }
    }

    /**
     * For {@code --overwrite}: removes what the manifest lists, and inside the table folders only the files and folders
     * the project names as its own ({@code experiment=}, {@code part-}, {@code c-}, hidden and {@code _} names). Returns
     * what it kept because the project did not write it.
     */
    public List<String> deleteProjectFiles() {
        return new Overwrite(fs, path).deleteProjectFiles();
    }

    /**
     * Copies the files of the {@link #LANDED_TABLES} landed so far into {@code snapshot/} (replacing an earlier snapshot's), for work
     * on a run another process is writing; returns the snapshot's location.
     */
    public String snapshotOfLanded() {
        Path snapshot = new Path(path, SNAPSHOT);
        try {
            if (fs.exists(snapshot)) {
                List<String> kept = new ArrayList<>();
                new Overwrite(fs, path).deleteSnapshot(snapshot, kept);
                if (!kept.isEmpty()) {
                    throw new RefusedException(snapshot + " holds files activation-bench did not write: " + kept
                            + "; move them away");
                }
            }
            for (String table : LANDED_TABLES) {
                Path from = new Path(path, table);
                if (fs.exists(from)) {
                    org.apache.hadoop.fs.FileUtil.copy(fs, from, fs, new Path(snapshot, table), false, fs.getConf());
                }
            }
            return snapshot.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot snapshot the landed results of " + location(), e);
        }
    }

    /** Takes the folder's writer lock for {@code command}; refused, with who holds it, if a live process does. */
    public WriterLock lock(String command, java.util.function.Consumer<String> notice) {
        try {
            return WriterLock.acquire(fs, path, command, notice);
        } catch (WriterLock.HeldException e) {
            throw new RefusedException(location() + " " + e.getMessage() + "; wait for it to end, or use another"
                    + " --output (report and analyze can read it meanwhile)");
        }
    }
}

package org.activationbench.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What {@code --overwrite} deletes in an output folder: the manifest's entries, and inside the table, snapshot and
 * state folders only the names the project writes; anything else is kept and reported.
 */
final class Overwrite {

    private final FileSystem fs;
    private final Path path;

    Overwrite(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    /**
     * For {@code --overwrite}: removes what the manifest lists, and inside the table folders only the files and folders
     * the project names as its own ({@code experiment=}, {@code part-}, {@code c-}, hidden and {@code _} names). Returns
     * what it kept because the project did not write it.
     */
    List<String> deleteProjectFiles() {
        List<String> kept = new ArrayList<>();
        try {
            for (String entry : manifest()) {
                Path p = new Path(path, entry);
                if (!fs.exists(p)) {
                    continue;
                }
                if (fs.getFileStatus(p).isFile()) {
                    fs.delete(p, false);
                } else if (entry.equals(OutputFolder.SNAPSHOT)) {
                    deleteSnapshot(p, kept);
                } else if (entry.equals(StateFolder.DEFAULT_NAME)) {
                    deleteStates(p, kept);
                } else {
                    deleteOwned(p, 0, kept);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the results in " + path, e);
        }
        return kept;
    }

    /** The manifest's entries; a folder from before the manifest holds {@link OutputFolder#WRITTEN}. */
    private List<String> manifest() throws IOException {
        Path file = new Path(path, OutputFolder.MANIFEST);
        if (!fs.exists(file)) {
            return OutputFolder.WRITTEN;
        }
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.contains("/") && !l.equals(".."))
                    .toList();
        }
    }

    /** Deletes a table folder's own content, depth 0 the table folder; keeps anything else and the folders holding it. */
    private void deleteOwned(Path dir, int depth, List<String> kept) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            boolean owned = depth == 0
                    ? name.startsWith("experiment=") || name.startsWith("_") || name.startsWith(".")
                    : name.startsWith("part-") || name.startsWith("c-") || name.startsWith("_") || name.startsWith(".")
                            || depth > 1;
            if (!owned) {
                kept.add(s.getPath().toString());
            } else if (s.isDirectory()) {
                deleteOwned(s.getPath(), depth + 1, kept);
            } else {
                fs.delete(s.getPath(), false);
            }
        }
        if (fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }

    /** The default state folder: the trials' folders ({@code <trial_id>/}) are the project's, anything else is kept. */
    private void deleteStates(Path states, List<String> kept) throws IOException {
        for (FileStatus s : fs.listStatus(states)) {
            if (s.isDirectory() && StateFolder.isTrialFolder(s.getPath().getName())) {
                fs.delete(s.getPath(), true);
            } else {
                kept.add(s.getPath().toString());
            }
        }
        if (fs.listStatus(states).length == 0) {
            fs.delete(states, false);
        }
    }

    /** The snapshot holds tables of its own, one level down. */
    void deleteSnapshot(Path snapshot, List<String> kept) throws IOException {
        for (String table : OutputFolder.SNAPSHOT_TABLES) {
            deleteOwned(new Path(snapshot, table), 0, kept);
            Path dir = new Path(snapshot, table);
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        }
        if (fs.listStatus(snapshot).length == 0) {
            fs.delete(snapshot, false);
        }
    }
}

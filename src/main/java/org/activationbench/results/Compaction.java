package org.activationbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.activationbench.storage.DurableFiles;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The swap of one table's partition for its compacted content, in steps a killed process can resume from: first the
 * names of the files read ({@code _compacting-ID.inputs}, durable), then the new files in {@code _compacting-ID/}
 * (complete once it holds {@code _SUCCESS}), then the new files renamed in (each rename checked), then exactly the
 * files read deleted, then the staging folder and the list. Between the rename and the deletion a reader sees rows
 * twice, never none; readers keep one row per trial.
 */
final class Compaction {

    static final String PREFIX = "_compacting-";
    private static final String INPUTS = ".inputs";

    private final FileSystem fs;
    private final Path tableRoot;
    private final Path partition;
    private final String id;

    Compaction(FileSystem fs, Path tableRoot, Path partition, String id) {
        this.fs = fs;
        this.tableRoot = tableRoot;
        this.partition = partition;
        this.id = id;
    }

    /** Where the new content is written; the partition folder under it must end with {@code _SUCCESS}. */
    Path staging() {
        return new Path(tableRoot, PREFIX + id);
    }

    private Path inputsFile() {
        return new Path(tableRoot, PREFIX + id + INPUTS);
    }

    /** The prefix of the files this compaction moves in; the other table's files of the same compaction share it. */
    String movedPrefix() {
        return "c-" + id + "-";
    }

    /** The data files of a table partition as it stands: the inputs of a compaction. */
    static List<Path> dataFiles(FileSystem fs, Path partition) throws IOException {
        List<Path> files = new ArrayList<>();
        if (fs.exists(partition)) {
            for (FileStatus s : fs.listStatus(partition)) {
                String name = s.getPath().getName();
                if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    files.add(s.getPath());
                }
            }
        }
        return files;
    }

    /** Records, durably, the names of the files this compaction read: the only files it will delete. */
    void recordInputs(List<Path> inputs) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : inputs) {
            b.append(p.getName()).append('\n');
        }
        DurableFiles.write(fs, inputsFile(), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Moves the staged files in, then deletes the files read; safe to call again after a crash at any point. */
    void finish() throws IOException {
        Path staged = new Path(staging(), partition.getName());
        fs.mkdirs(partition);
        if (fs.exists(staged)) {
            for (FileStatus f : fs.listStatus(staged)) {
                String name = f.getPath().getName();
                if (name.endsWith(".parquet") && !name.startsWith(".")) {
                    DurableFiles.rename(fs, f.getPath(), new Path(partition, movedPrefix() + name));
                }
            }
            DurableFiles.forceIfLocal(fs, partition);
        }
        for (String name : inputs()) {
            Path old = new Path(partition, name);
            if (fs.exists(old) && !fs.delete(old, false)) {
                throw new IOException("could not delete " + old + ", which compaction replaced");
            }
        }
        delete(staging());
        delete(inputsFile());
    }

    /** Gives up a compaction whose new content was not complete: the files it read are untouched. */
    void discard() throws IOException {
        delete(staging());
        delete(inputsFile());
    }

    private void delete(Path p) throws IOException {
        if (fs.exists(p) && !fs.delete(p, true)) {
            throw new IOException("could not delete " + p);
        }
    }

    private List<String> inputs() throws IOException {
        if (!fs.exists(inputsFile())) {
            return List.of();
        }
        try (InputStream in = fs.open(inputsFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Completes or gives up every compaction of a table that a killed process left: complete staged content with its
     * list of inputs is swapped in; anything else is discarded, leaving the files it would have replaced. Only the
     * holder of the output folder's {@link WriterLock} may call this: another process's compaction would look killed.
     */
    static void recoverAll(FileSystem fs, Path tableRoot, Path partition) throws IOException {
        if (!fs.exists(tableRoot)) {
            return;
        }
        Set<String> ids = new TreeSet<>();
        for (FileStatus s : fs.listStatus(tableRoot)) {
            String name = s.getPath().getName();
            if (name.startsWith(PREFIX)) {
                ids.add(name.substring(PREFIX.length()).replace(INPUTS, ""));
            }
        }
        for (String id : ids) {
            Compaction c = new Compaction(fs, tableRoot, partition, id);
            boolean staged = fs.exists(new Path(new Path(c.staging(), partition.getName()), "_SUCCESS"))
                    || fs.exists(new Path(c.staging(), "_SUCCESS"));
            boolean listed = fs.exists(c.inputsFile());
            if (staged && listed) {
                c.finish();
            } else if (staged) {
                // Left by a version that listed no inputs: it replaced every file of the partition, so finish that way.
                c.recordInputs(dataFiles(fs, partition).stream().filter(p -> !p.getName().startsWith(c.movedPrefix())).toList());
                c.finish();
            } else if (!fs.exists(c.staging()) && listed && c.anyMovedIn()) {
                // Killed after the staging folder was emptied: only deletions of the files read may remain.
                c.finish();
            } else {
                c.discard();
            }
        }
    }

    private boolean anyMovedIn() throws IOException {
        return fs.exists(partition)
                && java.util.Arrays.stream(fs.listStatus(partition)).anyMatch(s -> s.getPath().getName().startsWith(movedPrefix()));
    }
}

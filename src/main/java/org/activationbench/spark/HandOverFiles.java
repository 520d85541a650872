package org.activationbench.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.results.DurableFiles;
import org.activationbench.results.Tables;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files through which a running trial hands its checkpoints and its progress to the driver, in its folder of the
 * run's state folder (reachable from executors and driver alike, on a cluster too):
 * {@code <state>/<trial_id>/checkpoints/epoch-NNNNNN-<attempt_id>}, one per checkpoint and attempt, holding the
 * epochs row's content (a serialized {@link Tables.Checkpoint}), and {@code <state>/<trial_id>/progress}, the
 * epoch an attempt has reached and its seconds per epoch, replaced as it trains. Every file is written under a
 * hidden temporary name and renamed into place, so a reader sees it whole or not at all.
 */
final class HandOverFiles {

    static final String CHECKPOINTS = "checkpoints";
    static final String PROGRESS = "progress";
    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d{6,})-([0-9a-f-]{36})");

    /** What a progress file says: an attempt's last epoch trained, of how many, and its wall seconds per epoch so far. */
    record Progress(String attemptId, int epoch, int maxEpochs, double secondsPerEpoch) {}

    private HandOverFiles() {}

    static Path checkpointFile(Path trialFolder, String attemptId, int epoch) {
        return new Path(new Path(trialFolder, CHECKPOINTS), String.format(Locale.ROOT, "epoch-%06d-%s", epoch, attemptId));
    }

    /** Whether a file name is that of a whole checkpoint file (not a temporary one). */
    static boolean isCheckpoint(String name) {
        return CHECKPOINT.matcher(name).matches();
    }

    static void writeCheckpoint(FileSystem fs, Path trialFolder, Tables.Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(checkpoint);
        }
        DurableFiles.write(fs, checkpointFile(trialFolder, checkpoint.attemptId(), checkpoint.metrics().epoch()),
                bytes.toByteArray());
    }

    static Tables.Checkpoint readCheckpoint(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file); ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
            return (Tables.Checkpoint) objects.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + " is not a checkpoint of this version: " + e.getMessage(), e);
        }
    }

    static void writeProgress(FileSystem fs, Path trialFolder, Progress p) throws IOException {
        String text = String.format(Locale.ROOT, "attempt %s%nepoch %d%nmax_epochs %d%nseconds_per_epoch %.6f%n",
                p.attemptId(), p.epoch(), p.maxEpochs(), p.secondsPerEpoch());
        DurableFiles.write(fs, new Path(trialFolder, PROGRESS), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The progress file's content; null if it is absent or not readable (being replaced on a store without renames). */
    static Progress readProgress(FileSystem fs, Path trialFolder) {
        try (InputStream in = fs.open(new Path(trialFolder, PROGRESS))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("attempt (\\S+)\\s+epoch (\\d+)\\s+max_epochs (\\d+)\\s+seconds_per_epoch (\\S+)")
                    .matcher(text);
            return m.find() ? new Progress(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Double.parseDouble(m.group(4))) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Removes the hand-over files of trials whose records have landed (every checkpoint they held has landed too), and
     * their {@code checkpoints/} folder once empty; files of any other name are left. These are messages, not state:
     * {@code --keep-state} does not keep them. Failing to remove is a warning.
     */
    static void deleteLanded(StateFolder states, java.util.Collection<String> trialIds) {
        if (!states.enabled()) {
            return;
        }
        for (String id : trialIds) {
            try {
                FileSystem fs = states.fileSystem();
                Path folder = states.trial(id);
                Path checkpoints = new Path(folder, CHECKPOINTS);
                if (fs.exists(checkpoints)) {
                    for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(checkpoints)) {
                        if (f.isFile() && isCheckpoint(written(f.getPath().getName()))) {
                            fs.delete(f.getPath(), false);
                        }
                    }
                    if (fs.listStatus(checkpoints).length == 0) {
                        fs.delete(checkpoints, false);
                    }
                }
                for (String name : new String[] {PROGRESS, "." + PROGRESS + ".tmp"}) {
                    Path p = new Path(folder, name);
                    if (fs.exists(p)) {
                        fs.delete(p, false);
                    }
                }
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(HandOverFiles.class).warn("trial {}: its hand-over files in {} could not be"
                        + " removed ({})", id, states.location(), e.toString());
            }
        }
    }

    /** The name a file is renamed to once written: its own, or that of the temporary name it is written under. */
    private static String written(String name) {
        return name.startsWith(".") && name.endsWith(".tmp") ? name.substring(1, name.length() - 4) : name;
    }
}

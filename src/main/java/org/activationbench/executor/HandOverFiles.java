package org.activationbench.executor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.activationbench.results.Tables;
import org.activationbench.storage.DurableFiles;
import org.activationbench.storage.StateFolder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files through which a running trial hands its checkpoints and its progress to the driver, in its folder of the
 * run's state folder (reachable from executors and driver alike, on a cluster too):
 * {@code <state>/<trial_id>/checkpoints/epoch-NNNNNN-<attempt_id>}, one per checkpoint and attempt, holding the
 * epochs row's content (a serialized {@link Tables.Checkpoint}), and {@code <state>/<trial_id>/progress}, the
 * epoch an attempt has reached and its seconds per epoch, replaced as it trains. Every file is written under a
 * hidden temporary name and renamed into place, so a reader sees it whole or not at all. A checkpoint file ends with
 * the CRC-32C of its bytes before it, so that one changed after it was written is never landed.
 */
public final class HandOverFiles {

    public static final String CHECKPOINTS = "checkpoints";
    static final String PROGRESS = "progress";
    private static final Pattern CHECKPOINT = Pattern.compile("epoch-(\\d{6,})-([0-9a-f-]{36})");
    /** What a checkpoint file starts with, before its serialized {@link Tables.Checkpoint} and its checksum. */
    private static final byte[] MAGIC = "activation-bench checkpoint\n".getBytes(StandardCharsets.US_ASCII);
    /** Java serialization's stream header: how a checkpoint file written before the checksum starts. */
    private static final byte[] UNCHECKED = {(byte) 0xac, (byte) 0xed};

    /** A checkpoint file that does not verify (changed, cut short) or does not parse: it is set aside, never landed. */
    public static final class DamagedFileException extends IOException {
        DamagedFileException(String message) {
            super(message);
        }
    }

    /** What a progress file says: an attempt's last epoch trained, of how many, and its wall seconds per epoch so far. */
    public record Progress(String attemptId, int epoch, int maxEpochs, double secondsPerEpoch) {}

    private HandOverFiles() {}

    static Path checkpointFile(Path trialFolder, String attemptId, int epoch) {
        return new Path(new Path(trialFolder, CHECKPOINTS), String.format(Locale.ROOT, "epoch-%06d-%s", epoch, attemptId));
    }

    /** Whether a file name is that of a whole checkpoint file (not a temporary one). */
    public static boolean isCheckpoint(String name) {
        return CHECKPOINT.matcher(name).matches();
    }

    /** Writes one checkpoint's row into the trial's folder, whole or not at all, for the driver to land. */
    public static void writeCheckpoint(FileSystem fs, Path trialFolder, Tables.Checkpoint checkpoint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(MAGIC);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(checkpoint);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        bytes.write(ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array());
        DurableFiles.write(fs, checkpointFile(trialFolder, checkpoint.attemptId(), checkpoint.metrics().epoch()),
                bytes.toByteArray());
    }

    /**
     * Reads a checkpoint file; one written before checkpoint files carried a checksum is read without one.
     *
     * @throws DamagedFileException if it does not verify or does not parse
     */
    public static Tables.Checkpoint readCheckpoint(FileSystem fs, Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        }
        int from = 0;
        int to = bytes.length;
        if (!startsWith(bytes, UNCHECKED)) {
            if (!startsWith(bytes, MAGIC) || bytes.length < MAGIC.length + Integer.BYTES) {
                throw new DamagedFileException("it does not start as a checkpoint file (" + bytes.length + " bytes)");
            }
            from = MAGIC.length;
            to = bytes.length - Integer.BYTES;
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, to);
            int stored = ByteBuffer.wrap(bytes, to, Integer.BYTES).getInt();
            if ((int) crc.getValue() != stored) {
                throw new DamagedFileException(String.format(Locale.ROOT, "its CRC-32C is %08x, not the %08x written with it",
                        (int) crc.getValue(), stored));
            }
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes, from, to - from))) {
            return (Tables.Checkpoint) objects.readObject();
        } catch (ClassNotFoundException | IOException | RuntimeException e) {
            // Its bytes are as written (or predate the checksum), yet they are not a checkpoint this version reads.
            throw new DamagedFileException("it is not a checkpoint of this version (" + e + ")");
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    static void writeProgress(FileSystem fs, Path trialFolder, Progress p) throws IOException {
        String text = String.format(Locale.ROOT, "attempt %s%nepoch %d%nmax_epochs %d%nseconds_per_epoch %.6f%n",
                p.attemptId(), p.epoch(), p.maxEpochs(), p.secondsPerEpoch());
        DurableFiles.write(fs, new Path(trialFolder, PROGRESS), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The progress file's content; null if it is absent or not readable (being replaced on a store without renames). */
    public static Progress readProgress(FileSystem fs, Path trialFolder) {
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
    public static void deleteLanded(StateFolder states, java.util.Collection<String> trialIds) {
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

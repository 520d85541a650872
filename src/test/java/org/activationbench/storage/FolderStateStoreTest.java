package org.activationbench.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.activationbench.train.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's states in its folder: written whole, the newest found, older ones given up only after, others' files kept. */
class FolderStateStoreTest {

    private static final String TRIAL = "0123456789abcdef";

    @TempDir
    Path dir;

    static TrialState state(int epoch, int minibatch, float first) {
        List<Double> curve = java.util.Collections.nCopies(epoch - 1, 0.5);
        return new TrialState("fingerprint", epoch, minibatch, new float[] {first, Float.intBitsToFloat(0x7fc00001), -0f},
                new float[] {1, 2, 3, 4, 5, 6}, 17, 0, minibatch > 0 ? new double[] {1.5, 2.5, 2} : null, curve, curve,
                List.of(), 10, 3, 12, null);
    }

    private FolderStateStore store() {
        return new FolderStateStore(StateFolder.resolve(dir.resolve("out").toString(), null, false, false, "local[2]"), TRIAL);
    }

    private List<String> files() throws IOException {
        Path trial = dir.resolve("out/state/" + TRIAL);
        if (!Files.exists(trial)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(trial)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theNewestStateIsFoundBitForBitAndTheOlderOnesAreGivenUp() throws IOException {
        FolderStateStore store = store();
        assertTrue(store.newest().isEmpty());
        store.save(state(2, 0, 1f));
        store.save(state(2, 7, 2f));
        store.finish();
        assertEquals(List.of("state-e000002-m000000007.bin"), files());
        TrialState newest = store().newest().orElseThrow();
        assertEquals(2, newest.epoch());
        assertEquals(7, newest.minibatch());
        assertEquals(Float.floatToRawIntBits(2f), Float.floatToRawIntBits(newest.parameters()[0]));
        assertEquals(0x7fc00001, Float.floatToRawIntBits(newest.parameters()[1]), "a NaN's payload survives");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(newest.parameters()[2]));
        assertArrayEquals(new double[] {1.5, 2.5, 2}, newest.gradientNorms());
    }

    @Test
    void aCutOffNewestStateIsPassedOverForTheCompleteOneBeforeIt() throws IOException {
        FolderStateStore store = store();
        store.save(state(3, 0, 1f));
        store.finish();
        Path trial = dir.resolve("out/state/" + TRIAL);
        byte[] whole = Files.readAllBytes(trial.resolve("state-e000003-m000000000.bin"));
        // As if a newer state had been cut off on a file system without atomic renames (S3).
        Files.write(trial.resolve("state-e000003-m000000005.bin"), java.util.Arrays.copyOf(whole, whole.length / 2));
        TrialState found = store.newest().orElseThrow();
        assertEquals(3, found.epoch());
        assertEquals(0, found.minibatch());
        assertEquals(List.of("_damaged-state-e000003-m000000005.bin", "state-e000003-m000000000.bin"), files(),
                "the cut-off state is set aside, not deleted");
    }

    @Test
    void aStateWithBytesChangedIsSetAsideAndTheNewestOneThatVerifiesIsUsed() throws IOException {
        FolderStateStore store = store();
        store.save(state(2, 0, 1f));
        store.finish();
        Path trial = dir.resolve("out/state/" + TRIAL);
        byte[] older = Files.readAllBytes(trial.resolve("state-e000002-m000000000.bin"));
        store.save(state(2, 4, 2f));
        store.finish();
        byte[] middle = flipped(Files.readAllBytes(trial.resolve("state-e000002-m000000004.bin")), 1);
        store.save(state(2, 9, 3f));
        store.finish();
        // Two states besides the newest, as saves that failed part-way leave them.
        Files.write(trial.resolve("state-e000002-m000000000.bin"), older);
        Files.write(trial.resolve("state-e000002-m000000004.bin"), middle);
        byte[] newest = flipped(Files.readAllBytes(trial.resolve("state-e000002-m000000009.bin")), 2);
        Files.write(trial.resolve("state-e000002-m000000009.bin"), newest);

        TrialState found = store().newest().orElseThrow();
        assertEquals(2, found.epoch());
        assertEquals(0, found.minibatch(), "the newest state that verifies");
        assertEquals(Float.floatToRawIntBits(1f), Float.floatToRawIntBits(found.parameters()[0]));
        assertEquals(List.of("_damaged-state-e000002-m000000004.bin", "_damaged-state-e000002-m000000009.bin",
                "state-e000002-m000000000.bin"), files());
        assertArrayEquals(newest, Files.readAllBytes(trial.resolve("_damaged-state-e000002-m000000009.bin")),
                "set aside as it was");

        // Damaged at the same position again: the file set aside before is not replaced.
        Files.write(trial.resolve("state-e000002-m000000009.bin"), newest);
        assertEquals(0, store().newest().orElseThrow().minibatch());
        assertTrue(files().contains("_damaged-2-state-e000002-m000000009.bin"), files().toString());
        assertTrue(files().contains("_damaged-state-e000002-m000000009.bin"));

        // Removing the trial's state keeps what was set aside.
        store().delete();
        assertEquals(List.of("_damaged-2-state-e000002-m000000009.bin", "_damaged-state-e000002-m000000004.bin",
                "_damaged-state-e000002-m000000009.bin"), files());
    }

    /** A state's bytes with {@code n} parameters negated (their sign bits flipped), as a disk fault might. */
    private static byte[] flipped(byte[] state, int n) {
        byte[] b = state.clone();
        // The parameters follow the magic line, the format, the fingerprint ("fingerprint"), 4 ints, 3 longs and their length.
        int parameters = 2 + 28 + 4 + 2 + "fingerprint".length() + 4 * 4 + 3 * 8 + 4;
        for (int i = 0; i < n; i++) {
            b[parameters + 4 * i] ^= (byte) 0x80;
        }
        return b;
    }

    @Test
    void aStateOfFormatTwoWrittenBeforeTheChecksumIsContinued() throws IOException {
        Path trial = Files.createDirectories(dir.resolve("out/state/" + TRIAL));
        try (var in = org.activationbench.train.TrialState.class.getResourceAsStream("state-format-2.bin")) {
            Files.write(trial.resolve("state-e000003-m000000005.bin"), in.readAllBytes());
        }
        TrialState found = store().newest().orElseThrow();
        assertEquals("fingerprint of a format-2 state", found.fingerprint());
        assertEquals(5, found.minibatch());
        assertEquals(List.of("state-e000003-m000000005.bin"), files(), "nothing set aside");
    }

    /**
     * A file system that changes one byte of the next state written (as a faulty disk or network might), for a store
     * to find when it reads the state back: registered for {@code flip:} through {@code spark.hadoop.fs.flip.impl}.
     */
    public static final class FlippingFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        static volatile boolean flipNextState;

        @Override
        public java.net.URI getUri() {
            return java.net.URI.create("flip:///");
        }

        @Override
        public String getScheme() {
            return "flip";
        }

        @Override
        public org.apache.hadoop.fs.FSDataOutputStream create(org.apache.hadoop.fs.Path f, boolean overwrite, int bufferSize,
                short replication, long blockSize, org.apache.hadoop.util.Progressable progress) throws IOException {
            org.apache.hadoop.fs.FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize,
                    progress);
            if (!f.getName().startsWith(".state-") || !flipNextState) {
                return out;
            }
            flipNextState = false;
            return new org.apache.hadoop.fs.FSDataOutputStream(new java.io.FilterOutputStream(out) {
                private long position;

                @Override
                public void write(int b) throws IOException {
                    out.write(position++ == 100 ? b ^ 0x80 : b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    for (int i = 0; i < len; i++) {
                        write(b[off + i]);
                    }
                }
            }, null);
        }
    }

    @Test
    void aNewStateThatDoesNotReadBackIsSetAsideAndThePreviousOneStays() throws IOException {
        System.setProperty("spark.hadoop.fs.flip.impl", FlippingFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.flip.impl.disable.cache", "true");
        try {
            StateFolder folder = StateFolder.resolve("unused", "flip://" + dir.resolve("flipped").toAbsolutePath(), false,
                    false, "local[2]");
            FolderStateStore store = new FolderStateStore(folder, TRIAL);
            store.save(state(2, 0, 1f));
            store.finish();
            FlippingFileSystem.flipNextState = true;
            store.save(state(2, 6, 2f));
            store.finish();
            try (Stream<Path> s = Files.list(dir.resolve("flipped/" + TRIAL))) {
                assertEquals(List.of("_damaged-state-e000002-m000000006.bin", "state-e000002-m000000000.bin"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertEquals(0, store.newest().orElseThrow().minibatch());
            store.save(state(2, 7, 3f));
            assertEquals(7, store.newest().orElseThrow().minibatch(), "the next sound state replaces the previous one");
        } finally {
            System.clearProperty("spark.hadoop.fs.flip.impl");
            System.clearProperty("spark.hadoop.fs.flip.impl.disable.cache");
        }
    }

    @Test
    void removingATrialsStateKeepsFilesTheStoreDidNotWrite() throws IOException {
        FolderStateStore store = store();
        store.save(state(2, 0, 1f));
        store.finish();
        Path trial = dir.resolve("out/state/" + TRIAL);
        Files.writeString(trial.resolve(".state-e000002-m000000004.bin.tmp"), "a save cut short");
        Files.createDirectories(trial.resolve("checkpoints"));
        Files.writeString(trial.resolve("notes.txt"), "a user's");
        store.delete();
        assertEquals(List.of("checkpoints", "notes.txt"), files());
        Files.delete(trial.resolve("notes.txt"));
        Files.delete(trial.resolve("checkpoints"));
        store.save(state(2, 0, 1f));
        store.delete();
        assertFalse(Files.exists(trial), "an emptied trial folder goes too");
    }

    @Test
    void savesAreWrittenInTheOrderMadeAndAllAreWrittenWhenTheStoreIsFinished() throws IOException {
        FolderStateStore store = store();
        for (int m = 1; m <= 20; m++) {
            store.save(state(4, m, m));
        }
        store.finish();
        assertEquals(List.of("state-e000004-m000000020.bin"), files(), "the last save made is the one kept, and nothing is left half-written");
        store.save(state(5, 0, 5f));
        assertEquals(5, store.newest().orElseThrow().epoch(), "a finished store saves again, and reads what it saved");
    }

    @Test
    void theTrainingTimeSpentIsNotedAtMostEveryThirtySeconds() {
        FolderStateStore store = store();
        assertEquals(0, store.spentNanos());
        store.noteSpent(5);
        assertEquals(0, store.spentNanos(), "not noted within 30 s of the store's start");
        TrialStates.deleteLanded(StateFolder.resolve(dir.resolve("out").toString(), null, false, false, "local"),
                List.of(TRIAL));
    }
}

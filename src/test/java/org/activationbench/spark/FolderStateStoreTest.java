package org.activationbench.spark;

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
        FolderStateStore.deleteLanded(StateFolder.resolve(dir.resolve("out").toString(), null, false, false, "local"),
                List.of(TRIAL));
    }
}

package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.storage.StateFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.Tables;
import org.activationbench.train.CheckpointMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's reading of streamed checkpoint files: one changed after it was written is set aside and not landed. */
class HandOverPollerTest {

    private static final String ATTEMPT = "00000000-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    private static Tables.Checkpoint checkpoint(TrialConfig trial, int epoch, double testAccuracy) {
        return new Tables.Checkpoint(trial, ATTEMPT, new CheckpointMetrics(epoch, 0.5, 0.8, 0.5, testAccuracy, 1.0, 1000,
                new double[] {0, 0}, null, null, null, null, null));
    }

    private List<String> checkpointFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder.resolve(HandOverFiles.CHECKPOINTS))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCheckpointFileThatDoesNotVerifyIsSetAsideAndTheOthersLand() throws IOException {
        TrialConfig trial = GridDriverTest.grid(StreamedCheckpointsTest.GRID).trials().get(0);
        StateFolder state = StateFolder.resolve(dir.resolve("out").toString(), null, false, false, "local[2]");
        var fs = state.fileSystem();
        HandOverFiles.writeCheckpoint(fs, state.trial(trial.trialId()), checkpoint(trial, 1, 0.75));
        HandOverFiles.writeCheckpoint(fs, state.trial(trial.trialId()), checkpoint(trial, 3, 0.875));
        Path folder = dir.resolve("out/state/" + trial.trialId());
        Path third = folder.resolve("checkpoints/epoch-000003-" + ATTEMPT);
        byte[] changed = Files.readAllBytes(third);
        changed[changed.length / 2] ^= 0x01;
        Files.write(third, changed);
        // A file written before checkpoint files carried a checksum: the serialized checkpoint alone.
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(legacy)) {
            out.writeObject(checkpoint(trial, 2, 0.8125));
        }
        Files.write(folder.resolve("checkpoints/epoch-000002-" + ATTEMPT), legacy.toByteArray());

        HandOverPoller poller = new HandOverPoller(state, List.of(trial));
        Map<String, List<Tables.Checkpoint>> fresh = poller.poll(new RunningTrials(), Set.of());
        assertEquals(List.of(1, 2), fresh.get(trial.trialId()).stream().map(c -> c.metrics().epoch()).toList());
        assertEquals(List.of(0.75, 0.8125), fresh.get(trial.trialId()).stream().map(c -> c.metrics().testAccuracy()).toList());
        assertEquals(List.of("_damaged-epoch-000003-" + ATTEMPT, "epoch-000001-" + ATTEMPT, "epoch-000002-" + ATTEMPT),
                checkpointFiles(folder));
        assertArrayEquals(changed, Files.readAllBytes(folder.resolve("checkpoints/_damaged-epoch-000003-" + ATTEMPT)));
        assertEquals(Map.of(), poller.poll(new RunningTrials(), Set.of()), "each file is read once");

        HandOverFiles.deleteLanded(state, List.of(trial.trialId()));
        assertEquals(List.of("_damaged-epoch-000003-" + ATTEMPT), checkpointFiles(folder), "what was set aside is kept");
    }
}

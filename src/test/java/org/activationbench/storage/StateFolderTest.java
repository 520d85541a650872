package org.activationbench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a run's trials keep their state, and which folders a cluster run refuses. */
class StateFolderTest {

    @Test
    void theDefaultIsTheOutputFoldersStateFolderWithOneFolderPerTrial() {
        StateFolder state = StateFolder.resolve("results/quick", null, false, false, "local[2]");
        assertTrue(state.enabled());
        assertFalse(state.explicit());
        String here = java.nio.file.Path.of("").toAbsolutePath().toUri().toString().replaceFirst("^file:///", "file:/");
        assertEquals(here + "results/quick/state", state.location(), "resolved here, so every executor reads it alike");
        assertEquals(here + "results/quick/state/0123456789abcdef", state.trial("0123456789abcdef").toString());
        assertThrows(IllegalArgumentException.class, () -> state.trial("../x"));
    }

    @Test
    void aClusterMasterWithTheStateOnTheDriversDiskIsRefusedWithTheWayOut() {
        RefusedException e = assertThrows(RefusedException.class,
                () -> StateFolder.resolve("/data/results/quick", null, false, false, "spark://10.0.0.1:7077"));
        assertTrue(e.getMessage().contains("/data/results/quick/state") && e.getMessage().contains("--state-dir")
                && e.getMessage().contains("--no-state") && e.getMessage().contains("spark://10.0.0.1:7077"), e.getMessage());
        assertThrows(RefusedException.class,
                () -> StateFolder.resolve("file:/data/results/quick", null, false, false, "yarn"));
    }

    @Test
    void aStandaloneMasterOnALoopbackAddressKeepsTheStateOnTheDriversDisk() {
        // Only workers on this machine reach a master listening on loopback, so its executors share the driver's disk.
        for (String master : List.of("spark://127.0.0.1:7077", "spark://127.3.4.5:7077", "spark://localhost:7077",
                "spark://LOCALHOST:7077", "spark://[::1]:7077", "spark://[0:0:0:0:0:0:0:1]:7077",
                "spark://127.0.0.1:7077,localhost:7078")) {
            StateFolder state = StateFolder.resolve("/data/results/quick", null, false, false, master);
            assertEquals("file:/data/results/quick/state", state.location(), master);
            assertFalse(state.explicit(), master);
        }
    }

    @Test
    void everyOtherMasterWithTheStateOnTheDriversDiskIsRefusedAsBefore() {
        for (String master : List.of("spark://master.example.org:7077", "spark://10.0.0.1:7077", "spark://128.0.0.1:7077",
                "spark://127.0.0.256:7077", "spark://127.0.0.1.example.org:7077", "spark://localhost.example.org:7077",
                "spark://[::2]:7077", "spark://[fe80::1]:7077", "spark://127.0.0.1:7077,master.example.org:7077",
                "yarn", "k8s://https://127.0.0.1:6443", "mesos://127.0.0.1:5050")) {
            RefusedException e = assertThrows(RefusedException.class,
                    () -> StateFolder.resolve("/data/results/quick", null, false, false, master), master);
            assertEquals("the trials' state would go to file:/data/results/quick/state, on the driver's own disk, but master "
                    + master + " runs trials on executors that write their state themselves and may not reach it; pass"
                    + " --state-dir URI on a file system every executor reaches (hdfs://, s3a://, or a folder mounted at"
                    + " the same path on every host), or --no-state to keep no state", e.getMessage());
        }
    }

    @Test
    void aSharedOutputFolderOrAnExplicitStateFolderIsTrustedOnACluster() {
        assertEquals("hdfs://nn:8020/results/quick/state",
                StateFolder.resolve("hdfs://nn:8020/results/quick", null, false, false, "yarn").location());
        StateFolder named = StateFolder.resolve("/data/results/quick", "/shared/state", true, false, "spark://10.0.0.1:7077");
        assertTrue(named.explicit());
        assertTrue(named.keep());
        assertEquals("file:/shared/state", named.location());
    }

    @Test
    void aStateFolderNoFileSystemReachesOrThatIsAFileIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        StateFolder unknown = StateFolder.resolve("out", "nosuchfs://bucket/state", false, false, "local");
        RefusedException e = assertThrows(RefusedException.class, unknown::checkReachable);
        assertTrue(e.getMessage().contains("nosuchfs://bucket/state"), e.getMessage());
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        StateFolder notAFolder = StateFolder.resolve("out", file.toString(), false, false, "local");
        assertThrows(RefusedException.class, notAFolder::checkReachable);
        StateFolder.resolve("out", dir.resolve("new").toString(), false, false, "local").checkReachable();
        assertFalse(java.nio.file.Files.exists(dir.resolve("new")), "a check writes nothing");
    }

    @Test
    void noStateKeepsNoneAndTakesNoOtherStateOption() {
        StateFolder off = StateFolder.resolve("/data/results/quick", null, false, true, "spark://10.0.0.1:7077");
        assertFalse(off.enabled());
        assertThrows(IllegalStateException.class, off::root);
        assertThrows(RefusedException.class, () -> StateFolder.resolve("out", "/shared", false, true, "local"));
        assertThrows(RefusedException.class, () -> StateFolder.resolve("out", null, true, true, "local"));
    }
}

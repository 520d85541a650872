package org.activationbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a run's trials keep their state, and which folders a cluster run refuses. */
class StateFolderTest {

    @Test
    void theDefaultIsTheOutputFoldersStateFolderWithOneFolderPerTrial() {
        StateFolder state = StateFolder.resolve("results/quick", null, false, false, "local[2]");
        assertTrue(state.enabled());
        assertFalse(state.explicit());
        assertEquals("results/quick/state", state.location());
        assertEquals("results/quick/state/0123456789abcdef", state.trial("0123456789abcdef").toString());
        assertThrows(IllegalArgumentException.class, () -> state.trial("../x"));
    }

    @Test
    void aClusterMasterWithTheStateOnTheDriversDiskIsRefusedWithTheWayOut() {
        GridDriver.RefusedException e = assertThrows(GridDriver.RefusedException.class,
                () -> StateFolder.resolve("/data/results/quick", null, false, false, "spark://10.0.0.1:7077"));
        assertTrue(e.getMessage().contains("/data/results/quick/state") && e.getMessage().contains("--state-dir")
                && e.getMessage().contains("--no-state") && e.getMessage().contains("spark://10.0.0.1:7077"), e.getMessage());
        assertThrows(GridDriver.RefusedException.class,
                () -> StateFolder.resolve("file:/data/results/quick", null, false, false, "yarn"));
    }

    @Test
    void aSharedOutputFolderOrAnExplicitStateFolderIsTrustedOnACluster() {
        assertEquals("hdfs://nn:8020/results/quick/state",
                StateFolder.resolve("hdfs://nn:8020/results/quick", null, false, false, "yarn").location());
        StateFolder named = StateFolder.resolve("/data/results/quick", "/shared/state", true, false, "spark://10.0.0.1:7077");
        assertTrue(named.explicit());
        assertTrue(named.keep());
        assertEquals("/shared/state", named.location());
    }

    @Test
    void noStateKeepsNoneAndTakesNoOtherStateOption() {
        StateFolder off = StateFolder.resolve("/data/results/quick", null, false, true, "spark://10.0.0.1:7077");
        assertFalse(off.enabled());
        assertThrows(IllegalStateException.class, off::root);
        assertThrows(GridDriver.RefusedException.class, () -> StateFolder.resolve("out", "/shared", false, true, "local"));
        assertThrows(GridDriver.RefusedException.class, () -> StateFolder.resolve("out", null, true, true, "local"));
    }
}

package org.activationbench.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A training thread's native operations run on exactly the threads it was given, OpenMP's team included. */
class NativeThreadsTest {

    @Test
    void theCallingThreadsOpenMpTeamFollowsTheConfiguredCount() throws Exception {
        int[] seen = CompletableFuture.supplyAsync(() -> {
            NativeThreads.configure(2);
            int two = NativeThreads.openMpThreads();
            NativeThreads.configure(1);
            return new int[] {two, NativeThreads.openMpThreads()};
        }).get();
        assertEquals(2, seen[0]);
        assertEquals(1, seen[1]);
        NativeThreads.configure(1);
        assertEquals(1, NativeThreads.openMpThreads(), "the test's own thread too");
    }
}

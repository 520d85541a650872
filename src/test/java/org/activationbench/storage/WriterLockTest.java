package org.activationbench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterLockTest {

    @TempDir
    Path dir;

    private FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    private org.apache.hadoop.fs.Path folder() {
        return new org.apache.hadoop.fs.Path(dir.toUri());
    }

    @Test
    void theLockNamesItsHolderAndRefusesASecondWriter() throws IOException {
        try (WriterLock held = WriterLock.acquire(fs(), folder(), "run quick", m -> { })) {
            String text = Files.readString(dir.resolve(WriterLock.FILE));
            assertTrue(text.contains("pid=" + ProcessHandle.current().pid()) && text.contains("command=run quick")
                    && text.contains("host=") && text.contains("since="), text);
            WriterLock.HeldException e = assertThrows(WriterLock.HeldException.class,
                    () -> WriterLock.acquire(fs(), folder(), "report", m -> { }));
            assertTrue(e.getMessage().startsWith("is being written by 'run quick' (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertTrue(WriterLock.liveHolder(fs(), folder()).isPresent());
        }
        assertFalse(Files.exists(dir.resolve(WriterLock.FILE)), "released");
        assertTrue(WriterLock.liveHolder(fs(), folder()).isEmpty());
    }

    /** Eight threads race for the lock: exactly one gets it. */
    @Test
    void onlyOneOfManySimultaneousWritersGetsTheLock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WriterLock>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return WriterLock.acquire(fs(), folder(), "run", m -> { });
                } catch (WriterLock.HeldException e) {
                    return null;
                }
            }));
        }
        start.countDown();
        int holders = 0;
        for (Future<WriterLock> f : attempts) {
            holders += f.get() != null ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, holders);
    }

    @Test
    void aLockWhoseProcessHasEndedIsTakenOverAndOneFromAnotherHostIsNot() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(dir.resolve(WriterLock.FILE), "host=" + WriterLock.thisHost() + "\npid=" + ended.pid()
                + "\nsince=2026-11-30T10:00:00Z\ncommand=run old\n");
        List<String> notices = new ArrayList<>();
        try (WriterLock lock = WriterLock.acquire(fs(), folder(), "run new", notices::add)) {
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).contains("'run old' (pid " + ended.pid()) && notices.get(0).contains("has ended"),
                    notices.get(0));
        }
        Files.writeString(dir.resolve(WriterLock.FILE), "host=elsewhere\npid=" + ended.pid()
                + "\nsince=2026-11-30T10:00:00Z\ncommand=run remote\n");
        assertThrows(WriterLock.HeldException.class, () -> WriterLock.acquire(fs(), folder(), "run", m -> { }));
    }

    /**
     * A lock file left empty (its creator died between creating it and writing its holder) is taken over once it has
     * stayed empty for the patience; one whose holder appears meanwhile is not.
     */
    @Test
    void aLockLeftEmptyIsTakenOverAfterThePatienceAndOneFilledMeanwhileIsNot() throws Exception {
        Files.writeString(dir.resolve(WriterLock.FILE), "");
        List<String> notices = new ArrayList<>();
        long start = System.nanoTime();
        try (WriterLock lock = WriterLock.acquire(fs(), folder(), "run", notices::add)) {
            assertTrue(System.nanoTime() - start >= WriterLock.EMPTY_PATIENCE_MILLIS * 1_000_000,
                    "taken before the patience");
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).contains("left empty by a process that died while creating it"), notices.get(0));
            assertTrue(Files.readString(dir.resolve(WriterLock.FILE)).contains("command=run\n"));
        }

        Files.writeString(dir.resolve(WriterLock.FILE), "");
        Thread filler = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(dir.resolve(WriterLock.FILE),
                        "host=elsewhere\npid=1\nsince=2026-11-30T10:00:00Z\ncommand=run slow\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        filler.start();
        WriterLock.HeldException e = assertThrows(WriterLock.HeldException.class,
                () -> WriterLock.acquire(fs(), folder(), "run", m -> { }));
        filler.join();
        assertTrue(e.getMessage().contains("'run slow'"), e.getMessage());
    }

    /** Releasing removes the lock file only if it is still this holder's. */
    @Test
    void releasingLeavesAnotherHoldersLockAlone() throws IOException {
        WriterLock lock = WriterLock.acquire(fs(), folder(), "run", m -> { });
        String other = "host=elsewhere\npid=1\nsince=2026-11-30T10:00:00Z\ncommand=run other\n";
        Files.writeString(dir.resolve(WriterLock.FILE), other);
        lock.close();
        assertEquals(other, Files.readString(dir.resolve(WriterLock.FILE)));
    }
}

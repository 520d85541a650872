package org.activationbench.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A line on standard error for a command that a signal (a kill, Ctrl-C) ends before it is done, said once: by a
 * shutdown hook, which runs whatever the command is doing, or by the command itself if it sees the shutdown first.
 */
final class StopNotice {

    private final String line;
    private final AtomicBoolean said = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread hook;

    private StopNotice(String line) {
        this.line = line;
        this.hook = new Thread(() -> {
            if (!ended.get()) {
                say();
            }
        }, "stop notice");
    }

    static StopNotice install(String line) {
        StopNotice notice = new StopNotice(line);
        Runtime.getRuntime().addShutdownHook(notice.hook);
        return notice;
    }

    void say() {
        if (said.compareAndSet(false, true)) {
            System.err.println(line);
        }
    }

    /** The command is done (or failed on its own): nothing to say; the hook is removed unless the JVM is already ending. */
    void ended() {
        ended.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hooks are running: this one finds the command ended and says nothing.
        }
    }
}

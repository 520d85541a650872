package org.activationbench.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * A line on standard error for a command that a signal (a kill, Ctrl-C) ends before it is done, said once and last: by
 * a shutdown hook, which runs whatever the command is doing, or by the command itself if it sees the shutdown first.
 * Once said, the console is quiet: what Spark's executors report while their context is stopped under them (tasks
 * rejected, a block manager gone) is the expected end of a stopped run, not news.
 */
final class StopNotice {

    /**
     * Before Spark's own hooks (priority 40 in Hadoop's manager, which stop the SparkContext), so that the console is
     * quiet before Spark's shutdown makes its noise; the writer lock is released after them (WriterLock, 35).
     */
    static final int SHUTDOWN_PRIORITY = 60;

    private final String line;
    private final AtomicBoolean said = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Runnable hook;

    private StopNotice(String line) {
        this.line = line;
        this.hook = () -> {
            if (!ended.get()) {
                say();
            }
        };
    }

    static StopNotice install(String line) {
        StopNotice notice = new StopNotice(line);
        ShutdownHookManager.get().addShutdownHook(notice.hook, SHUTDOWN_PRIORITY);
        return notice;
    }

    void say() {
        if (said.compareAndSet(false, true)) {
            // Everything else silenced first: a progress line another thread is printing completes before the notice
            // (closing a stream waits for its writer), and nothing is printed after it.
            Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.OFF);
            PrintStream err = System.err;
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            // Closed, not only replaced: the progress line holds the stream it was given, and a closed PrintStream
            // drops what is written to it.
            System.out.close();
            System.setOut(nowhere);
            System.setErr(nowhere);
            synchronized (err) {
                err.println(line);
                err.close();
            }
        }
    }

    /** The command is done (or failed on its own): nothing to say; the hook is removed unless the JVM is already ending. */
    void ended() {
        ended.set(true);
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hooks are running: this one finds the command ended and says nothing.
        }
    }
}

package org.activationbench.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.activationbench.executor.ResidentMemory;

/**
 * The driver's console progress: trials done, running (with their epochs) and left, failures, elapsed time and an
 * estimate of the rest from the measured seconds per epoch ({@link RunningTrials}). On a terminal one line is redrawn
 * in place; otherwise (a log file, CI) a plain line is printed every 10% or 30 s. A failure is printed on a line of
 * its own as soon as it lands.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long LOG_INTERVAL_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final int total;
    private final boolean terminal;
    private final RunningTrials trials;
    private final int parallelism;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private int diverged;
    private long lastPrint = start;
    private int lastDecile = -1;
    private int drawn;

    ProgressBar(PrintStream out, int total, boolean terminal) {
        this(out, total, terminal, new RunningTrials(), 1);
    }

    /** @param parallelism trials that run at once: the cluster's task slots */
    ProgressBar(PrintStream out, int total, boolean terminal, RunningTrials trials, int parallelism) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.trials = trials;
        this.parallelism = parallelism;
    }

    RunningTrials trials() {
        return trials;
    }

    synchronized void advance(int landed, int newlyFailed, int newlyDiverged) {
        done += landed;
        failed += newlyFailed;
        diverged += newlyDiverged;
        int decile = total == 0 ? 10 : done * 10 / total;
        print(decile != lastDecile || done == total);
        lastDecile = decile;
    }

    /** After new progress of the running trials: redrawn on a terminal, in a log at most every 30 s. */
    synchronized void refresh() {
        print(false);
    }

    /** A line of its own, at once (a failure): on a terminal above the progress line, which is then redrawn. */
    synchronized void note(String line) {
        if (terminal) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.println(line);
            out.print(line(System.nanoTime()));
            drawn = line(System.nanoTime()).length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void print(boolean milestone) {
        long now = System.nanoTime();
        String line = line(now);
        if (terminal) {
            // Pad over the previous line's tail: the line can get shorter.
            out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
            drawn = line.length();
            if (done == total) {
                out.println();
                drawn = 0;
            }
        } else if (milestone || now - lastPrint > LOG_INTERVAL_NANOS) {
            out.println(line);
            lastPrint = now;
        }
        out.flush();
    }

    String line(long now) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        Duration elapsed = Duration.ofNanos(now - start);
        int running = Math.min(trials.running(), total - done);
        String range = trials.epochRange();
        Optional<Duration> measured = trials.eta(parallelism, total - done);
        String eta = done == total ? clock(Duration.ZERO)
                : measured.isPresent() ? clock(measured.get())
                : done == 0 ? "--:--" : clock(elapsed.multipliedBy(total - done).dividedBy(done));
        long rss = ResidentMemory.currentMiB();
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " trials done, "
                + running + " running" + (running > 0 && !range.isEmpty() ? " (" + range + ")" : "") + ", "
                + (total - done - running) + " left, " + failed + " failed, " + diverged + " diverged, "
                + clock(elapsed) + " elapsed, ETA " + eta + (rss >= 0 ? ", driver RSS " + rss + " MiB" : "");
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}

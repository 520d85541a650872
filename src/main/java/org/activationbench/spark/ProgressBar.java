package org.activationbench.spark;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The driver's console progress: trials landed of the total, failures, elapsed time and an estimate of the rest.
 * On a terminal the line is redrawn in place; otherwise (a log file, CI) a line is printed every 10% or 30 s.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private int diverged;
    private long lastPrint;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, int total, boolean terminal) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
    }

    synchronized void advance(int landed, int newlyFailed, int newlyDiverged) {
        done += landed;
        failed += newlyFailed;
        diverged += newlyDiverged;
        long now = System.nanoTime();
        int decile = total == 0 ? 10 : done * 10 / total;
        if (terminal) {
            out.print("\r" + line(now));
            if (done == total) {
                out.println();
            }
        } else if (decile != lastDecile || now - lastPrint > 30_000_000_000L || done == total) {
            out.println(line(now));
            lastDecile = decile;
            lastPrint = now;
        }
        out.flush();
    }

    String line(long now) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        Duration elapsed = Duration.ofNanos(now - start);
        String eta = done == 0 ? "--:--" : clock(elapsed.multipliedBy(total - done).dividedBy(done));
        long rss = ResidentMemory.currentMiB();
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " trials, "
                + failed + " failed, " + diverged + " diverged, " + clock(elapsed) + " elapsed, ETA " + eta
                + (rss >= 0 ? ", driver RSS " + rss + " MiB" : "");
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}

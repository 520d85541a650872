package org.activationbench.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.activationbench.run.GridDriver;

/**
 * What a grid JVM reports of itself at the end of its run, written as JSON for the benchmark that started it.
 *
 * @param peakResidentMib   the driver's peak resident memory; -1 where the OS does not say
 * @param jitCompileSeconds time the JIT compilers spent over the JVM's life so far (they run on threads of their
 *                          own: in local[1] beside the trial on a free core, in local[N] taking time from the trials)
 */
public record GridJvmFigures(int trials, int ok, int diverged, int failed, double wallSeconds, long peakResidentMib,
        double jitCompileSeconds) {

    /** The figures of a finished run, with the JIT's compile time so far. */
    public static GridJvmFigures of(GridDriver.Summary summary) {
        var compiler = ManagementFactory.getCompilationMXBean();
        double jit = compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() / 1000.0 : Double.NaN;
        return new GridJvmFigures(summary.total() - summary.skipped(), summary.ok(), summary.diverged(), summary.failed(),
                summary.wall().toMillis() / 1000.0, summary.peakResidentMiB(), jit);
    }

    /** Writes these figures as JSON for the benchmark that started this JVM. */
    public void write(Path file) {
        BenchJson.write(file, this);
    }

    static GridJvmFigures read(Path file) {
        return BenchJson.read(file, GridJvmFigures.class);
    }
}

package org.activationbench.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's resident memory (heap, native arrays and all) as Linux reports it; -1 where /proc is not there. */
public final class ResidentMemory {

    private ResidentMemory() {}

    /** Current resident set, in MiB. */
    public static long currentMiB() {
        return read("VmRSS:");
    }

    /** Peak resident set since the JVM started, in MiB. */
    public static long peakMiB() {
        return read("VmHWM:");
    }

    private static long read(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

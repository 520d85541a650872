package org.activationbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A JVM the benchmark starts to run one of the command line's commands: this process's Java and class path, its
 * {@link BenchmarkSettings#jvmOptions}, one OpenMP thread, Spark bound to 127.0.0.1 unless set otherwise; its output
 * goes to a log file in the benchmark's output folder, quoted when the command fails.
 */
final class BenchJvm {

    private final Process process;
    private final Path log;
    private final String what;
    /** When the process ended, on {@link System#nanoTime}'s clock: noted as it ends, whenever it is awaited. */
    private final CompletableFuture<Long> ended;

    private BenchJvm(Process process, Path log, String what) {
        this.process = process;
        this.log = log;
        this.what = what;
        this.ended = process.onExit().thenApply(p -> System.nanoTime());
    }

    /**
     * Starts {@code settings.mainClass()} with {@code properties} (e.g. {@code -Dspark.master=local[2]}) and the
     * command's arguments; {@code name} names its log file and, in messages, the run.
     */
    static BenchJvm start(BenchmarkSettings settings, String name, List<String> properties, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvmOptions());
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), settings.mainClass()));
        command.addAll(arguments);
        Path log = settings.outDir().resolve(name + ".log");
        try {
            Files.createDirectories(settings.outDir());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
            return new BenchJvm(pb.start(), log, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " JVM", e);
        }
    }

    /**
     * Waits for the JVM to end and returns when it ended ({@link System#nanoTime}); throws
     * {@link IllegalStateException} with its log unless it ended with code 0.
     */
    long awaitSuccess() {
        try {
            long end = ended.get();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the " + what + " run failed (exit code " + process.exitValue() + "), its"
                        + " output (" + log + "):\n" + output());
            }
            return end;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the " + what + " run could not be awaited", e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the " + what + " run ran", e);
        }
    }

    /** What the JVM printed so far, standard output and error. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}

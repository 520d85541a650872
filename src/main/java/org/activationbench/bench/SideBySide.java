package org.activationbench.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent single-thread trainings of the throughput grid's trial, each a {@code train} process of its own: one
 * alone, then {@code processes} at once. Their throughput ratio is what the grid's speed-up from local[1] to
 * local[processes] is measured against: what the cores give trials that share only the machine (its caches and memory
 * bus, and the cores their JVMs' compiler and collector threads use too), with neither Spark nor a JVM in common.
 *
 * @param aloneSeconds    wall time of one process, start to exit, JVM start and data loading included
 * @param togetherSeconds wall time from starting the processes at once to the last one's exit
 * @param throughputRatio {@link #ratio}
 */
public record SideBySide(int processes, int round, double aloneSeconds, double togetherSeconds, double throughputRatio) {

    /**
     * Runs the grid's trial (its architecture, relu, its epochs as one checkpoint, its training examples, one native
     * thread) as one {@code train} process alone, then {@code processes} at once, seeds 0, 1, ...
     */
    static SideBySide measure(BenchmarkSettings settings, int processes, int round) {
        long start = System.nanoTime();
        train(settings, "train-alone", 0).awaitSuccess();
        double alone = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<BenchJvm> together = new ArrayList<>();
        for (int seed = 0; seed < processes; seed++) {
            together.add(train(settings, "train-side-by-side-" + seed, seed));
        }
        together.forEach(BenchJvm::awaitSuccess);
        return of(processes, round, alone, (System.nanoTime() - start) / 1e9);
    }

    private static BenchJvm train(BenchmarkSettings settings, String name, int seed) {
        List<String> arguments = new ArrayList<>(List.of("train", "--data", settings.data().toString(), "--arch",
                settings.gridArchitecture(), "--activation", "relu", "--checkpoints", String.valueOf(settings.gridEpochs()),
                "--seed", String.valueOf(seed), "--threads", "1"));
        if (settings.gridExamples() > 0) {
            arguments.addAll(List.of("--train-examples", String.valueOf(settings.gridExamples())));
        }
        return BenchJvm.start(settings, name, List.of(), arguments);
    }

    static SideBySide of(int processes, int round, double aloneSeconds, double togetherSeconds) {
        return new SideBySide(processes, round, aloneSeconds, togetherSeconds, ratio(processes, aloneSeconds, togetherSeconds));
    }

    /**
     * Trainings per unit of time with {@code processes} side by side over one alone: {@code processes} x alone /
     * together; {@code processes} when they do not slow each other at all.
     */
    static double ratio(int processes, double aloneSeconds, double togetherSeconds) {
        return processes * aloneSeconds / togetherSeconds;
    }

    /** A grid's speed-up over one core as a share of the independent trainings' throughput ratio: 1 when it scales as they do. */
    static double share(double gridSpeedUp, double throughputRatio) {
        return gridSpeedUp / throughputRatio;
    }
}

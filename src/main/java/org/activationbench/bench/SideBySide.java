package org.activationbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Independent single-thread trainings of the throughput grid's trial, each a {@code train} process of its own: one
 * alone, then {@code processes} at once. Their throughput ratio is what the grid's speed-up from local[1] to
 * local[processes] is measured against: what the cores give trials that share only the machine (its caches and memory
 * bus, and the cores their JVMs' compiler and collector threads use too), with neither Spark nor a JVM in common. The
 * trials are timed as the grid's trial phase is, each from building its network to its last evaluation, without the
 * JVM's start and the data loading before it.
 *
 * @param aloneSeconds    the lone process's trial
 * @param togetherSeconds from the first of the processes started at once beginning its trial to the last one ending
 * @param throughputRatio {@link #ratio}
 */
public record SideBySide(int processes, int round, double aloneSeconds, double togetherSeconds, double throughputRatio) {

    /** The trial's seconds in the {@code train} command's status line ("status OK, 5.6 s training, 7.12 s in all"). */
    private static final Pattern IN_ALL = Pattern.compile("(?m)^status .*, ([0-9]+\\.[0-9]+) s in all$");

    /**
     * Runs the grid's trial (its architecture, relu, its epochs as one checkpoint, its training examples, one native
     * thread) as one {@code train} process alone, then {@code processes} at once, seeds 0, 1, ...
     */
    static SideBySide measure(BenchmarkSettings settings, int processes, int round) {
        BenchJvm alone = train(settings, "train-alone", 0);
        alone.awaitSuccess();
        List<BenchJvm> together = new ArrayList<>();
        for (int seed = 0; seed < processes; seed++) {
            together.add(train(settings, "train-side-by-side-" + seed, seed));
        }
        double[] ends = new double[processes];
        double[] trials = new double[processes];
        for (int i = 0; i < processes; i++) {
            ends[i] = together.get(i).awaitSuccess() / 1e9;
            trials[i] = trialSeconds(together.get(i).output());
        }
        return of(processes, round, trialSeconds(alone.output()), phase(ends, trials));
    }

    /** The seconds the {@code train} command's status line gives its trial in all. */
    static double trialSeconds(String output) {
        Matcher m = IN_ALL.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("a train run printed no status line with its seconds in all:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * First trial start to last trial end of processes that ended at {@code ends} (seconds on one clock) after trials of
     * {@code trialSeconds}: each trial started its seconds before its process ended (the JVM's exit after it takes
     * about as long in each process).
     */
    static double phase(double[] ends, double[] trialSeconds) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ends.length; i++) {
            first = Math.min(first, ends[i] - trialSeconds[i]);
            last = Math.max(last, ends[i]);
        }
        return last - first;
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

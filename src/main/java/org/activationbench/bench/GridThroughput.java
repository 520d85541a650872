package org.activationbench.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.Sessions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of the benchmark's fixed grid in a JVM of its own, in local mode with {@code cores} cores.
 *
 * @param trialPhaseSeconds             first trial start to last trial end
 * @param sparkOverheadSecondsPerTrial  core time not spent inside a trial ({@code phase x cores - task seconds}), per trial
 * @param evaluationSecondsPerTrial     task time outside training steps (model build and evaluation), per trial
 * @param warmTaskSeconds               see {@link #warmTaskSeconds}
 */
public record GridThroughput(int cores, int round, int trials, double trialPhaseSeconds, double trialEpochsPerMinute,
        double sparkOverheadSecondsPerTrial, double evaluationSecondsPerTrial, double warmTaskSeconds, long peakResidentMib,
        double jitCompileSeconds) {

    /** The grid's figures from its runs table, with what its JVM reported of itself. */
    static GridThroughput read(Path output, int cores, int round, GridJvmFigures jvm) {
        SparkSession spark = Sessions.create("bench-read", "local[1]");
        try {
            List<Row> rows = new ResultStore(spark, output.toString(), "bench").read(Tables.RUNS)
                    .select("started_at", "finished_at", "task_seconds", "train_seconds", "max_epochs").collectAsList();
            Instant first = rows.stream().map(r -> r.getTimestamp(0).toInstant()).min(Instant::compareTo).orElseThrow();
            Instant last = rows.stream().map(r -> r.getTimestamp(1).toInstant()).max(Instant::compareTo).orElseThrow();
            double phase = Duration.between(first, last).toMillis() / 1000.0;
            double task = rows.stream().mapToDouble(r -> r.getDouble(2)).sum();
            double train = rows.stream().mapToDouble(r -> r.getDouble(3)).sum();
            int epochs = rows.stream().mapToInt(r -> r.getInt(4)).sum();
            double warm = warmTaskSeconds(rows.stream()
                    .map(r -> new double[] {r.getTimestamp(0).toInstant().toEpochMilli() / 1000.0, r.getDouble(2)}).toList(), cores);
            return new GridThroughput(cores, round, rows.size(), phase, epochs / phase * 60, (phase * cores - task) / rows.size(),
                    (task - train) / rows.size(), warm, jvm.peakResidentMib(), jvm.jitCompileSeconds());
        } finally {
            spark.stop();
        }
    }

    /**
     * Mean task seconds of the trials that started after the first {@code cores} ones: those run in a JVM whose JIT
     * has compiled the training path. With every core busy, a grid's throughput is cores / this, so the ratio of it
     * between local[1] and local[N] is the speed-up a long grid gets, without the warm-up each JVM pays once. NaN
     * when the grid has no more trials than cores.
     *
     * @param trials each trial's start (any monotonic clock) and task seconds
     */
    static double warmTaskSeconds(List<double[]> trials, int cores) {
        return trials.stream().sorted(Comparator.comparingDouble(t -> t[0])).skip(cores)
                .mapToDouble(t -> t[1]).average().orElse(Double.NaN);
    }
}

package org.activationbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.activationbench.grid.Engine;

/**
 * What a training epoch costs on one native thread, per architecture and engine, and how a grid scales from one
 * core to two: from the newest {@code jobs/bench.sh} figures where present, else built in. {@code source} says which.
 *
 * @param mlpFast  seconds per epoch of 60,000 examples, MLP 784-256-128-10, fast engine; likewise the others
 * @param speedUp  the throughput of a grid on {@code speedUpCores} cores over one core (local mode)
 */
public record EpochCosts(double mlpFast, double cnnFast, double mlpStock, double cnnStock, double speedUp, int speedUpCores,
        String source) {

    /**
     * Measured on the project's 2-core AMD EPYC (Zen 5) VM by {@code jobs/bench.sh}: on 2026-11-30
     * (bench-2026-11-30T142545.json) MLP 1.13 s, stock MLP 2.71 s, stock CNN 206 s per epoch on one thread and the
     * 16-trial MLP grid 1.70x faster on 2 cores than on 1; the CNN's 16.1 s on 2026-12-01 (bench-2026-12-01T002625.json,
     * with its fused first layer).
     */
    public static EpochCosts builtIn() {
        return new EpochCosts(1.13, 16.1, 2.71, 206, 1.70, 2,
                "built-in figures (jobs/bench.sh on a 2-core AMD EPYC, 2026-11-30 and 2026-12-01)");
    }

    /** The figures of one {@code bench-<time>.json}; an engine or architecture it did not time keeps the built-in figure. */
    public static EpochCosts of(Path json) {
        BenchResult r = BenchJson.read(json, BenchResult.class);
        EpochCosts b = builtIn();
        return new EpochCosts(seconds(r, "mlp", "fast", b.mlpFast), seconds(r, "cnn", "fast", b.cnnFast),
                seconds(r, "mlp", "stock", b.mlpStock), seconds(r, "cnn", "stock", b.cnnStock),
                r.gridSpeedUp() > 0 && r.cores() > 1 ? r.gridSpeedUp() : b.speedUp,
                r.gridSpeedUp() > 0 && r.cores() > 1 ? r.cores() : b.speedUpCores, "jobs/bench.sh figures from " + json);
    }

    /** The newest {@code bench-*.json} in {@code folder} (their names sort by time), else the built-in figures. */
    public static EpochCosts newest(Path folder) {
        if (!Files.isDirectory(folder)) {
            return builtIn();
        }
        try (Stream<Path> files = Files.list(folder)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().matches("bench-.*\\.json"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            return newest.map(EpochCosts::of).orElse(builtIn());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Seconds per epoch of the full training set of the MLP or the CNN on one thread. */
    double secondsPerEpoch(boolean cnn, Engine engine) {
        if (engine == Engine.STOCK) {
            return cnn ? cnnStock : mlpStock;
        }
        return cnn ? cnnFast : mlpFast;
    }

    /** Per-core efficiency when every core trains: the speed-up over the cores it was measured on. */
    double efficiency() {
        return Math.min(1.0, speedUp / speedUpCores);
    }

    private static double seconds(BenchResult r, String architecture, String engine, double fallback) {
        return r.epochs() == null ? fallback : r.epochs().stream()
                .filter(e -> e.architecture().equals(architecture) && e.engine().equals(engine) && e.secondsPerFullEpoch() > 0)
                .mapToDouble(EpochTiming::secondsPerFullEpoch).findFirst().orElse(fallback);
    }
}

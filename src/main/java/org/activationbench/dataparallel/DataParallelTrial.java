package org.activationbench.dataparallel;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.results.TrialRecord;
import org.activationbench.storage.WriteFailure;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One data-parallel trial: trained across the executors (parameter averaging) and measured here on the driver
 * between epochs, so each checkpoint lands as it passes, with no hand-over; its runs row lands when it ends. A
 * failure to land is a {@link org.activationbench.storage.WriteFailure}, which stops the run.
 */
public final class DataParallelTrial {

    private DataParallelTrial() {}

    /** Trains and lands {@code trial}; returns its landed record. */
    public static List<TrialRecord> run(SparkContext sc, Path dataRoot, TrialConfig trial, ResultStore store) {
        long start = System.nanoTime();
        Dataset data = DatasetCache.get(dataRoot, DatasetSpec.byId(trial.dataset()));
        AtomicReference<ParameterAveragingTrainer> trainer = new AtomicReference<>();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        String attemptId = UUID.randomUUID().toString();
        Set<String> streamed = new HashSet<>();
        // Kept out of the trial: the runner would take a failure thrown from its listener for the trial's own.
        AtomicReference<WriteFailure> streamFailure = new AtomicReference<>();
        TrialResult result = new TrialRunner(1000, (config, d, net) -> {
            trainer.set(new ParameterAveragingTrainer(jsc, config, d.train().count(), net));
            return trainer.get();
        }).run(trial, data, TrialListener.checkpoints(m -> {
            Tables.Checkpoint c = new Tables.Checkpoint(trial, attemptId, m);
            if (streamFailure.get() == null) {
                try {
                    store.landCheckpoints(List.of(c));
                    streamed.add(c.key());
                } catch (WriteFailure e) {
                    streamFailure.set(e);
                }
            }
        }));
        ParameterAveragingTrainer t = trainer.get();
        List<TrialRecord> batch = List.of(new TrialRecord(result, Provenance.current(), (System.nanoTime() - start) / 1e9, 0,
                t == null ? null : t.workers(), t == null ? null : t.workerFitSeconds(), attemptId));
        if (streamFailure.get() != null) {
            // Its rows land if they can; the run stops either way.
            try {
                store.land(batch, c -> streamed.contains(c.key()));
            } catch (WriteFailure e) {
                streamFailure.get().addSuppressed(e);
            }
            throw streamFailure.get();
        }
        store.land(batch, c -> streamed.contains(c.key()));
        return batch;
    }
}

package org.activationbench.run;

import java.nio.file.Path;
import java.util.List;
import org.activationbench.data.DatasetLoader;
import org.activationbench.dataparallel.DataParallelTrial;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.TrialRecord;
import org.activationbench.storage.StateFolder;
import org.activationbench.train.TrialStatus;
import org.apache.spark.SparkContext;

/**
 * The trials of a run, or of one of its rounds, on the cluster: the per-task ones fanned out as one Spark job, the
 * data-parallel ones one after another (each uses the whole cluster), counted by status as they land. The dataset's
 * files are shipped to the executors once.
 */
final class TrialBatches {

    private final Path dataRoot;
    private final GridSpec grid;
    private boolean filesAdded;

    TrialBatches(Path dataRoot, GridSpec grid) {
        this.dataRoot = dataRoot;
        this.grid = grid;
    }

    /** Runs trials: the per-task ones as one Spark job, longest first, then the data-parallel ones one by one. */
    void run(SparkContext sc, int threads, List<TrialConfig> trials, ResultStore store, StateFolder stateFolder,
            Counts counts, ProgressBar progress) {
        if (trials.isEmpty()) {
            return;
        }
        List<TrialConfig> todo = TrialOrder.longestFirst(trials);
        List<TrialConfig> perTask = todo.stream().filter(t -> !t.strategy().dataParallel()).toList();
        List<TrialConfig> dataParallel = todo.stream().filter(t -> t.strategy().dataParallel()).toList();
        if (!filesAdded) {
            // Executors fetch the dataset's files from the driver: no shared file system is needed.
            for (Path file : DatasetLoader.files(dataRoot.resolve(grid.dataset()))) {
                sc.addFile(file.toAbsolutePath().toString());
            }
            filesAdded = true;
        }
        if (!perTask.isEmpty()) {
            new TrialFanOut(sc, threads, store, progress, stateFolder, grid.training().stateEveryMinutes())
                    .run(perTask, counts::add);
        }
        for (TrialConfig trial : dataParallel) {
            List<TrialRecord> batch = DataParallelTrial.run(sc, dataRoot, trial, store);
            counts.add(batch);
            progress.advance(1, count(batch, TrialStatus.FAILED), count(batch, TrialStatus.DIVERGED));
            batch.stream().filter(r -> r.result().status() != TrialStatus.OK).forEach(r -> progress.note(TrialFanOut.outcome(r)));
        }
    }

    static int count(List<TrialRecord> batch, TrialStatus status) {
        return (int) batch.stream().filter(r -> r.result().status() == status).count();
    }

    /** Trials landed so far by status; written by the lander thread only. */
    static final class Counts {
        int ok;
        int diverged;
        int failed;

        void add(List<TrialRecord> batch) {
            ok += count(batch, TrialStatus.OK);
            diverged += count(batch, TrialStatus.DIVERGED);
            failed += count(batch, TrialStatus.FAILED);
        }
    }
}

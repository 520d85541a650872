package org.activationbench.executor;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.TrialRecord;
import org.activationbench.storage.FolderStateStore;
import org.activationbench.storage.StateFolder;
import org.activationbench.train.Provenance;
import org.activationbench.train.StateSaving;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialResult;
import org.activationbench.train.TrialRunner;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What runs on an executor for one partition (= one trial): the dataset from the files Spark shipped with the job
 * (loaded once per executor JVM), the trial, and its record. It lands nothing, the driver does; it writes only the
 * trial's state, into the {@link StateFolder}, and continues from the newest one there (a first attempt, a Spark retry
 * or a {@code --resume}); and while the trial trains, it hands its checkpoints and progress to the driver through
 * the same folder ({@link CheckpointHandOver}). A grid has one dataset, so its four files are alone in the job's file
 * folder.
 */
public final class TrialTask extends AbstractFunction1<Iterator<TrialConfig>, TrialRecord> implements Serializable {

    /**
     * Tests only: told of every epoch and checkpoint after the hand-over has written it. In local mode tasks run in
     * the test's JVM, so a test can hold a trial at a known point.
     */
    public static volatile TrialListener testListener = TrialListener.NONE;

    private final int nativeThreads;
    private final StateFolder state;
    private final double stateEveryMinutes;

    /**
     * @param state             where the trial's state is kept ({@link StateFolder#OFF}: nowhere)
     * @param stateEveryMinutes besides every checkpoint, save the state after this many minutes (0: checkpoints only)
     */
    public TrialTask(int nativeThreads, StateFolder state, double stateEveryMinutes) {
        this.nativeThreads = nativeThreads;
        this.state = state;
        this.stateEveryMinutes = stateEveryMinutes;
    }

    @Override
    public TrialRecord apply(Iterator<TrialConfig> partition) {
        TrialConfig config = partition.next();
        if (partition.hasNext()) {
            throw new IllegalStateException("a partition must hold exactly one trial");
        }
        long start = System.nanoTime();
        Instant started = Instant.now();
        NativeThreads.configure(nativeThreads);
        NativeMemoryGuard.startOnce();
        TrialResult result;
        // Drawn at the start, not the end: the checkpoints handed over while it trains carry it too.
        String attemptId = UUID.randomUUID().toString();
        try {
            Dataset data = DatasetCache.getFromFolder(Path.of(SparkFiles.getRootDirectory()), DatasetSpec.byId(config.dataset()));
            StateSaving saving = state.enabled()
                    ? StateSaving.every(new FolderStateStore(state, config.trialId()), stateEveryMinutes)
                    : StateSaving.NONE;
            result = new TrialRunner().run(config, data, handOver(config, attemptId), saving);
        } catch (RuntimeException e) {
            result = TrialRunner.failed(config, e, started);
        }
        TaskContext task = TaskContext.get();
        return new TrialRecord(result, Provenance.current(), (System.nanoTime() - start) / 1e9,
                task == null ? 0 : task.attemptNumber(), null, null, attemptId);
    }

    /** Checkpoints and progress written to the trial's state folder as they pass; nothing without a state folder. */
    private TrialListener handOver(TrialConfig config, String attemptId) {
        TrialListener handOver = state.enabled()
                ? new CheckpointHandOver(state.fileSystem(), state.trial(config.trialId()), config, attemptId)
                : TrialListener.NONE;
        return handOver.andThen(testListener);
    }
}

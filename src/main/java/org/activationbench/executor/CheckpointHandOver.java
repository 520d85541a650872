package org.activationbench.executor;

import java.io.IOException;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.Tables;
import org.activationbench.train.CheckpointMetrics;
import org.activationbench.train.TrialListener;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's side of streaming results: as a trial trains, writes each checkpoint (the content of its epochs row)
 * and, at most every {@link #PROGRESS_INTERVAL_NANOS}, the epoch it has reached into its folder of the run's state
 * folder ({@link HandOverFiles}), where the driver's {@link HandOverPoller} finds them. A file that cannot be written
 * costs only the early view: the task's record still carries every checkpoint.
 */
final class CheckpointHandOver implements TrialListener {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointHandOver.class);

    /** Progress is rewritten at most this often (and after the first epoch): one small file write per trial per 5 s. */
    static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final FileSystem fs;
    private final Path folder;
    private final TrialConfig config;
    private final String attemptId;
    private final long start = System.nanoTime();
    private long lastProgress;
    private int firstEpoch;
    private boolean warned;

    CheckpointHandOver(FileSystem fs, Path trialFolder, TrialConfig config, String attemptId) {
        this.fs = fs;
        this.folder = trialFolder;
        this.config = config;
        this.attemptId = attemptId;
    }

    @Override
    public void onEpoch(int epoch, double trainSeconds) {
        long now = System.nanoTime();
        if (firstEpoch != 0 && epoch < config.maxEpochs() && now - lastProgress < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastProgress = now;
        if (firstEpoch == 0) {
            firstEpoch = epoch;   // after epoch 1, or later for an attempt continued from a saved state
        }
        // Wall seconds per epoch since the task started: training, evaluation and the model's build, as a grid pays them.
        double perEpoch = (now - start) / 1e9 / (epoch - firstEpoch + 1);
        write(() -> HandOverFiles.writeProgress(fs, folder, new HandOverFiles.Progress(attemptId, epoch, config.maxEpochs(),
                perEpoch)));
    }

    @Override
    public void onCheckpoint(CheckpointMetrics metrics) {
        write(() -> HandOverFiles.writeCheckpoint(fs, folder, new Tables.Checkpoint(config, attemptId, metrics)));
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        try {
            w.run();
        } catch (IOException | RuntimeException | FSError e) {
            if (!warned) {
                warned = true;
                LOG.warn("trial {}: cannot hand over progress in {} ({}); its results land when it ends", config.trialId(),
                        folder, e.toString());
            }
        }
    }
}

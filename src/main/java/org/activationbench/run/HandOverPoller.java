package org.activationbench.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.Tables;
import org.activationbench.storage.DurableFiles;
import org.activationbench.storage.StateFolder;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of streaming results: lists the state folders of the trials it waits for, reads their progress
 * into {@link RunningTrials} and returns the checkpoints that have not landed yet. Called on the lander thread only.
 * A trial's folder may vanish at any time (its state removed once its row landed): that is no error. A checkpoint
 * file that does not verify is set aside ({@code _damaged-epoch-...}) with a warning, and not landed.
 */
final class HandOverPoller {

    private static final Logger LOG = LoggerFactory.getLogger(HandOverPoller.class);

    private final StateFolder state;
    private final Set<String> waiting = new HashSet<>();
    private final Set<String> read = new HashSet<>();
    private boolean warned;

    HandOverPoller(StateFolder state, List<TrialConfig> trials) {
        this.state = state;
        trials.forEach(t -> waiting.add(t.trialId()));
    }

    /** The trial's record has landed: its folder is no longer read. */
    void landed(String trialId) {
        waiting.remove(trialId);
    }

    /**
     * Reads every waiting trial's progress into {@code trials}; returns, per trial, its checkpoints whose key is not in
     * {@code landed}.
     */
    Map<String, List<Tables.Checkpoint>> poll(RunningTrials trials, Set<String> landed) {
        Map<String, List<Tables.Checkpoint>> fresh = new LinkedHashMap<>();
        if (!state.enabled() || waiting.isEmpty()) {
            return fresh;
        }
        try {
            FileSystem fs = state.fileSystem();
            if (!fs.exists(state.root())) {
                return fresh;
            }
            for (FileStatus trial : fs.listStatus(state.root())) {
                String id = trial.getPath().getName();
                if (!trial.isDirectory() || !waiting.contains(id)) {
                    continue;
                }
                trials.progressed(id, HandOverFiles.readProgress(fs, trial.getPath()));
                List<Tables.Checkpoint> checkpoints = checkpoints(fs, trial.getPath(), landed);
                if (!checkpoints.isEmpty()) {
                    fresh.put(id, checkpoints);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot read the trials' progress in {} ({}); results land as their trials end", state.location(),
                        e.toString());
            }
        }
        return fresh;
    }

    private List<Tables.Checkpoint> checkpoints(FileSystem fs, Path trialFolder, Set<String> landed) throws IOException {
        List<Tables.Checkpoint> found = new ArrayList<>();
        FileStatus[] files;
        try {
            files = fs.listStatus(new Path(trialFolder, HandOverFiles.CHECKPOINTS));
        } catch (FileNotFoundException e) {
            return found;
        }
        for (FileStatus f : files) {
            String path = f.getPath().toString();
            if (!HandOverFiles.isCheckpoint(f.getPath().getName()) || read.contains(path)) {
                continue;
            }
            Tables.Checkpoint c;
            try {
                c = HandOverFiles.readCheckpoint(fs, f.getPath());
            } catch (FileNotFoundException e) {
                continue;
            } catch (HandOverFiles.DamagedFileException e) {
                read.add(path);
                setAside(fs, trialFolder.getName(), f.getPath(), e);
                continue;
            }
            read.add(path);
            if (!landed.contains(c.key())) {
                found.add(c);
            }
        }
        found.sort(java.util.Comparator.comparingInt(c -> c.metrics().epoch()));
        return found;
    }

    /** Not landed: the trial's record carries the checkpoint, and lands it if its attempt is the one that ends. */
    private static void setAside(FileSystem fs, String trialId, Path file, IOException why) {
        try {
            Path aside = DurableFiles.setAside(fs, file);
            LOG.warn("trial {}: the streamed checkpoint {} is damaged: {}; set aside as {} (kept) and not landed; the"
                    + " trial's result carries that checkpoint", trialId, file, why.getMessage(), aside.getName());
        } catch (IOException e) {
            LOG.warn("trial {}: the streamed checkpoint {} is damaged: {}; not landed, and it could not be set aside ({})",
                    trialId, file, why.getMessage(), e.toString());
        }
    }
}

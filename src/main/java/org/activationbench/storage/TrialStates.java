package org.activationbench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state folder's trials as a whole: the names of their state files, which trials have a folder, and removing the
 * states of landed trials and the emptied folder.
 */
public final class TrialStates {

    static final String PREFIX = "state-";
    static final String SUFFIX = ".bin";
    private static final Logger LOG = LoggerFactory.getLogger(TrialStates.class);

    private TrialStates() {}

    /**
     * Removes the states of trials whose results have landed for good (OK or DIVERGED), unless the run keeps them: on
     * the driver, after landing, and at a resume for those a killed driver left behind. Failing to remove is a warning.
     */
    public static void deleteLanded(StateFolder states, java.util.Collection<String> trialIds) {
        if (!states.enabled() || states.keep()) {
            return;
        }
        for (String id : trialIds) {
            try {
                new FolderStateStore(states, id).delete();
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("trial {}: its state in {} could not be removed ({}); remove it by hand", id, states.trial(id), e.toString());
            }
        }
    }

    /** Removes the output folder's own state folder once no trial keeps anything there; a named one stays. */
    public static void removeIfEmpty(StateFolder states) {
        if (!states.enabled() || states.explicit()) {
            return;
        }
        try {
            FileSystem fs = states.fileSystem();
            if (fs.exists(states.root()) && fs.listStatus(states.root()).length == 0) {
                fs.delete(states.root(), false);
            }
        } catch (IOException e) {
            LOG.warn("the empty state folder {} could not be removed ({})", states.location(), e.toString());
        }
    }

    /** The trials that have a folder in {@code states}. */
    public static java.util.Set<String> trialsWithState(StateFolder states) {
        if (!states.enabled()) {
            return java.util.Set.of();
        }
        try {
            FileSystem fs = states.fileSystem();
            if (!fs.exists(states.root())) {
                return java.util.Set.of();
            }
            return Arrays.stream(fs.listStatus(states.root())).filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName()).filter(StateFolder::isTrialFolder)
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the state folder " + states.location(), e);
        }
    }

    /** A state's file name: its epoch and minibatch, so that the names sort as the states do. */
    static String name(int epoch, int minibatch) {
        return String.format("%se%06d-m%09d%s", PREFIX, epoch, minibatch, SUFFIX);
    }

    /** Whether a file name is a state's (not a temporary, set-aside or other file). */
    static boolean isState(String name) {
        return name.matches(PREFIX + "e\\d{6}-m\\d{9}" + java.util.regex.Pattern.quote(SUFFIX));
    }
}

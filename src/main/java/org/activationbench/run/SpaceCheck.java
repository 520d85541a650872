package org.activationbench.run;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.Architectures;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.StateFolder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Before a run: what the grid will write at its peak, against the free space of the output folder's and the state
 * folder's file systems. Too little is refused (exit 2) with both figures; less than twice as much is a warning,
 * since a disk that fills mid-run stops it (exit 4, continued with {@code --resume}).
 *
 * <p>Rows: per trial a runs file and an epochs file per checkpoint (streamed) and one more (its landing), all written
 * twice at the end (compaction writes the new files before it removes the old). States: a trial in flight holds two
 * of its states for a moment (the new one is read back before the old one is removed), so the slots training at once
 * need two of the grid's largest state each; {@code --keep-state} adds one state per trial.
 */
final class SpaceCheck {

    /** Bytes of one trial's runs file: 11.8 to 13.1 KB measured for MLP trials of 4 epochs. */
    static final long RUNS_FILE = 13_500;
    /** Bytes of one epochs file of one checkpoint: 5.4 to 6.4 KB measured. */
    static final long EPOCHS_FILE = 6_500;
    /** Bytes of a state beyond its arrays (header, curves, checksum): 832 measured for a 4-epoch MLP trial. */
    static final long STATE_OVERHEAD = 16_384;

    private SpaceCheck() {}

    /** What the grid writes: rows (output folder) and states (state folder), in bytes. */
    record Need(long rows, long states, int slots, boolean kept) {}

    static Need need(List<TrialConfig> trials, int slots, StateFolder state) {
        long rows = 0;
        long largest = 0;
        long allStates = 0;
        for (TrialConfig t : trials) {
            rows += 2 * (RUNS_FILE + (t.checkpoints().size() + 1) * EPOCHS_FILE);
            if (!t.strategy().dataParallel()) {
                long bytes = stateBytes(t.architecture());
                largest = Math.max(largest, bytes);
                allStates += bytes;
            }
        }
        int inFlight = Math.max(1, Math.min(slots, trials.size()));
        long states = !state.enabled() ? 0 : 2 * inFlight * largest + (state.keep() ? allStates : 0);
        return new Need(rows, states, inFlight, state.keep());
    }

    /** One state's bytes: the parameters and Adam's two moments, 4 bytes each, and what else a state holds. */
    static long stateBytes(String architecture) {
        return 12 * parameters(architecture) + STATE_OVERHEAD;
    }

    /** Trainable parameters of an architecture on the datasets' images (PReLU's slopes aside). */
    static long parameters(String architecture) {
        return Architectures.parameters(architecture, DatasetSpec.SIDE, DatasetSpec.CLASSES);
    }

    /**
     * The refusal, if the free space is less than the need; a warning line through {@code warn} if less than twice.
     * The state folder's need counts against the output folder's space when it lies inside it.
     */
    static Optional<String> problem(Need need, OutputFolder out, StateFolder state, java.util.function.Consumer<String> warn) {
        boolean inside = state.enabled() && !state.explicit();
        long outNeed = need.rows() + (inside ? need.states() : 0);
        Optional<String> p = check(out.fileSystem(), out.path(), outNeed, describe(need, inside), "--output", warn);
        if (p.isPresent() || !state.enabled() || inside) {
            return p;
        }
        return check(state.fileSystem(), state.root(), need.states(), describe(need, true).replaceFirst("^rows [^,]*, ", ""),
                "--state-dir", warn);
    }

    private static Optional<String> check(FileSystem fs, Path path, long need, String parts, String option,
            java.util.function.Consumer<String> warn) {
        long free = free(fs, path);
        if (free < 0) {
            return Optional.empty();
        }
        String figures = path + " has " + size(free) + " free, and this grid writes up to " + size(need) + " there ("
                + parts + ")";
        if (free < need) {
            return Optional.of(figures + "; free space, or choose another " + option
                    + (option.equals("--output") ? " or --state-dir" : "") + ", or pass --no-state to keep no state");
        }
        if (free < 2 * need) {
            warn.accept("warning: " + figures + "; if it fills, the run stops (exit 4): free space, then the same"
                    + " command with --resume");
        }
        return Optional.empty();
    }

    private static String describe(Need need, boolean withStates) {
        String rows = "rows " + size(need.rows());
        if (!withStates || need.states() == 0) {
            return rows;
        }
        return rows + ", the states of " + need.slots() + " trial(s) training at once" + (need.kept() ? " and those kept"
                + " with --keep-state" : "") + " " + size(need.states());
    }

    /** Free bytes where {@code path} is (or would be created), or -1 if the file system does not say. */
    static long free(FileSystem fs, Path path) {
        try {
            Path p = path;
            while (p.getParent() != null && !fs.exists(p)) {
                p = p.getParent();
            }
            org.apache.hadoop.fs.FsStatus status = fs.getStatus(p);
            // Object stores report no capacity (or Long.MAX_VALUE): they do not fill.
            boolean known = status.getCapacity() > 0 && status.getRemaining() >= 0 && status.getRemaining() < Long.MAX_VALUE;
            return known ? status.getRemaining() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.0f KB", Math.ceil(bytes / 1e3));
    }
}

package org.activationbench.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A {@link StateStore} in memory for tests: the newest state kept as bytes (so every save and restore goes through
 * {@link TrialStateFormat}), and an attempt that dies where it is told, as an executor killed at that moment would.
 */
final class MemoryStateStore implements StateStore {

    /** What kills an attempt. */
    static final class Killed extends RuntimeException {
        Killed(String where) {
            super("killed at " + where);
        }
    }

    private byte[] newest;
    private TrialState newestState;
    private long spent;
    private String dieBefore;
    private String dieAfter;
    private boolean keepTimerSaves = true;
    int saves;

    /** The next attempt dies as it is about to save at {@code position} ("epoch:minibatch"), which is not kept. */
    MemoryStateStore dieBeforeSaving(String position) {
        dieBefore = position;
        dieAfter = null;
        return this;
    }

    /** The next attempt dies just after its save at {@code position} is complete. */
    MemoryStateStore dieAfterSaving(String position) {
        dieAfter = position;
        dieBefore = null;
        return this;
    }

    /** Whether saves between minibatches are kept (false: as if the timer were off, only checkpoints are kept). */
    MemoryStateStore keepTimerSaves(boolean keep) {
        keepTimerSaves = keep;
        return this;
    }

    /** The next attempt runs to the end. */
    MemoryStateStore live() {
        dieBefore = null;
        dieAfter = null;
        return this;
    }

    static String position(TrialState state) {
        return state.epoch() + ":" + state.minibatch();
    }

    @Override
    public void save(TrialState state) {
        String at = position(state);
        if (at.equals(dieBefore)) {
            throw new Killed(at);
        }
        if (state.minibatch() > 0 && !keepTimerSaves) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            TrialStateFormat.write(state, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newest = bytes.toByteArray();
        newestState = state;
        saves++;
        if (at.equals(dieAfter)) {
            throw new Killed(at);
        }
    }

    @Override
    public Optional<TrialState> newest() {
        if (newest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrialStateFormat.read(new ByteArrayInputStream(newest), newest.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state last saved, as the runner handed it over. */
    TrialState last() {
        return newestState;
    }

    /** Replaces the newest state's bytes (to plant a foreign or damaged state). */
    void plant(byte[] bytes) {
        newest = bytes;
    }

    byte[] bytes() {
        return newest;
    }

    @Override
    public void noteSpent(long nanos) {
        spent = Math.max(spent, nanos);
    }

    @Override
    public long spentNanos() {
        return spent;
    }
}

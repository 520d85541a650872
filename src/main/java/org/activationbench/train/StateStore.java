package org.activationbench.train;

import java.util.Optional;

/**
 * Where one trial's state is kept between attempts. The runner saves through it and asks it for the newest state
 * when it starts; an implementation decides where the bytes go ({@link TrialStateFormat} writes them), and may write
 * them after {@link #save} returns (a {@link TrialState} is a copy the training never changes). What a save throws
 * fails the trial; a store that can go on without that one save (the previous state stays) should say so and return
 * instead.
 */
public interface StateStore {

    /** Keeps nothing and finds nothing. */
    StateStore NONE = new StateStore() {
        @Override
        public void save(TrialState state) {}

        @Override
        public Optional<TrialState> newest() {
            return Optional.empty();
        }
    };

    /** Keeps {@code state} as the newest, complete and verified before the previous one is given up. */
    void save(TrialState state);

    /**
     * The newest state that verifies ({@link TrialStateFormat}'s checksum), or empty if there is none; a store sets
     * aside, never deletes, a state that does not.
     *
     * @throws ForeignStateException if the newest state was written in another format, which is never read
     */
    Optional<TrialState> newest();

    /**
     * Notes that the trial has spent {@code nanos} of training time in all (lost work included), so that an attempt
     * that dies between two saves leaves its time behind; a store may note only some of the calls. Nothing by default.
     */
    default void noteSpent(long nanos) {}

    /** The most training time {@link #noteSpent} noted for the trial; 0 if none. */
    default long spentNanos() {
        return 0;
    }

    /**
     * Returns once everything handed to the store has been written or given up. A store that writes in the
     * background is finished by the runner when the trial ends, whatever its outcome, so that nothing of the trial is
     * written after its result is returned. Nothing by default.
     */
    default void finish() {}
}

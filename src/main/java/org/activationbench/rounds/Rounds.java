package org.activationbench.rounds;

import org.activationbench.grid.GridSpec;
import org.activationbench.run.NextRound;

/** Which trials a grid runs next, as the driver asks before every round: by its protocol and analysis. */
public final class Rounds {

    private Rounds() {}

    /** A tuned grid's stages, a sequential grid's seeds on demand, or every trial at once. */
    public static NextRound of(GridSpec grid) {
        if (grid.tuned()) {
            return new TunedRounds();
        }
        return grid.sequential() != null ? new SequentialRounds() : NextRound.ALL;
    }

    /** As {@link #of}, for a command that asks what the next round would be: a tuned grid's choices are not stored. */
    public static NextRound preview(GridSpec grid) {
        return grid.tuned() ? TunedRounds.preview() : of(grid);
    }
}

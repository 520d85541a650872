package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A comparison counts the trials of its baseline and candidate, in its setting, that did not learn. */
class UntrainedTrialsTest {

    @Test
    void eachComparisonCountsItsOwnUntrainedTrials() {
        Snapshot all = SyntheticRuns.snapshot();
        Snapshot.RunRow baseline = all.runs().stream().filter(r -> r.label().equals("relu")).findFirst().orElseThrow();
        Snapshot.RunRow candidate = all.runs().stream().filter(r -> !r.label().equals("relu")).findFirst().orElseThrow();
        Snapshot flagged = new Snapshot(all.experiment(), all.gridText(), all.runs(), all.epochs(), List.of(), List.of(),
                List.of(baseline.trialId(), candidate.trialId()));
        List<Comparison> comparisons = new Analysis(new Analysis.Settings("relu", 1000, 1, 2)).compare(flagged.observations());
        for (Comparison c : comparisons) {
            boolean sameSetting = c.architecture().equals(baseline.architecture()) && c.strategy().equals(baseline.strategy());
            // The flagged baseline trial is in every comparison of its setting; the candidate only in its own label's.
            int expected = !sameSetting ? 0 : c.candidate().equals(candidate.label()) ? 2 : 1;
            assertEquals(expected, flagged.untrainedIn(c), c.architecture() + " " + c.candidate());
        }
        assertEquals(0, all.untrainedIn(comparisons.get(0)));
    }
}

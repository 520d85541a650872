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

    /** The same trials under a second condition: a trial of one condition is not counted in the other's comparisons. */
    @Test
    void aConditionCountsOnlyItsOwnTrials() {
        Snapshot one = SyntheticRuns.snapshot();
        String other = "adam, xavier, bn";
        List<Snapshot.RunRow> runs = new java.util.ArrayList<>(one.runs());
        one.runs().forEach(r -> runs.add(new Snapshot.RunRow(r.trialId() + "-bn", r.dataset(), r.architecture(), r.strategy(),
                r.activation(), r.alpha(), r.label(), r.seed(), r.status(), r.errorClass(), r.errorMessage(), r.maxEpochs(),
                r.trainSeconds(), r.taskSeconds(), r.nativeThreads(), r.startedAt(), r.finishedAt(), r.hiddenLayers(),
                r.projectVersion(), r.gitCommit(), r.dl4jVersion(), r.sparkVersion(), r.backend(), r.javaVersion(), r.os(),
                r.host(), r.learningRate(), r.stage(), other)));
        List<Snapshot.EpochRow> epochs = new java.util.ArrayList<>(one.epochs());
        one.epochs().forEach(e -> epochs.add(new Snapshot.EpochRow(e.trialId() + "-bn", e.dataset(), e.architecture(),
                e.strategy(), e.activation(), e.alpha(), e.label(), e.seed(), e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.testLoss(), e.testAccuracy(), e.inactiveFraction(), e.networkInactiveFraction(), e.epochTo97(),
                e.learningRate(), e.stage(), e.validationAccuracy(), other)));
        Snapshot.RunRow flaggedRun = one.runs().stream().filter(r -> r.label().equals("relu")).findFirst().orElseThrow();
        Snapshot both = new Snapshot(one.experiment(), one.gridText(), runs, epochs, List.of(), List.of(),
                List.of(flaggedRun.trialId()));
        List<Comparison> comparisons = new Analysis(new Analysis.Settings("relu", 1000, 1, 2)).compare(both.observations());
        assertEquals(List.of(Snapshot.DEFAULT_CONDITION, other), comparisons.stream().map(Comparison::condition).distinct()
                .sorted().toList());
        for (Comparison c : comparisons) {
            boolean counted = c.condition().equals(flaggedRun.condition()) && c.architecture().equals(flaggedRun.architecture())
                    && c.strategy().equals(flaggedRun.strategy());
            assertEquals(counted ? 1 : 0, both.untrainedIn(c), c.condition() + " " + c.architecture() + " " + c.candidate());
        }
    }
}

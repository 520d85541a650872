package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activationbench.compare.Analysis;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.SyntheticRuns;
import org.junit.jupiter.api.Test;

/** The conclusion says why a comparison is missing: the baseline's results, or the candidates', or the grid's activations. */
class ConclusionTest {

    /** Every candidate diverged before its first checkpoint (its runs row landed, no epochs row): relu alone has results. */
    @Test
    void candidatesWithoutResultsAreNotABaselineWithout() {
        Snapshot all = SyntheticRuns.snapshot();
        Snapshot baselineOnly = new Snapshot(all.experiment(), all.gridText(), all.runs(),
                all.epochs().stream().filter(e -> e.label().equals("relu")).toList());
        String text = conclusion(baselineOnly);
        assertTrue(text.contains("**mlp**: no comparison with relu (no other activation reached a checkpoint here:"
                + " diverged, failed or unfinished before the first)."), text);
        assertFalse(text.contains("the baseline has no results"), text);
        assertTrue(text.contains("*\"Leaky ReLU converges faster\"*: not tested on this run: its activations with a slope"
                + " have no comparison with relu at the last checkpoint"), text);
        assertFalse(text.contains("it has no activation with a slope"), "the grid has leakyrelu(0.1): " + text);
    }

    @Test
    void aGridWithoutSlopesIsNotTestedByTheGrid() {
        Snapshot all = SyntheticRuns.snapshot();
        Snapshot noSlopes = new Snapshot(all.experiment(), all.gridText(),
                all.runs().stream().filter(r -> r.alpha() == null).toList(),
                all.epochs().stream().filter(e -> e.alpha() == null).toList());
        String text = conclusion(noSlopes);
        assertTrue(text.contains("*\"Leaky ReLU converges faster\"*: not tested by this grid (it has no activation with a"
                + " slope besides the baseline)."), text);
        assertTrue(text.contains("**mlp, test accuracy after epoch 2** (8 paired seeds"), "elu is compared: " + text);
    }

    /** Two seeds: no interval and no verdict, and nothing that reads as one. */
    @Test
    void fewerPairsThanAPairedTestNeedsAreNotTestable() {
        Snapshot all = SyntheticRuns.snapshot();
        Snapshot twoSeeds = new Snapshot(all.experiment(), all.gridText(),
                all.runs().stream().filter(r -> r.seed() < 2).toList(),
                all.epochs().stream().filter(e -> e.seed() < 2).toList());
        String text = conclusion(twoSeeds);
        assertTrue(text.contains("**mlp, test accuracy after epoch 2** (2 paired seeds; margin ±0.100 points; no intervals:"
                + " a paired t interval needs 3 pairs): "), text);
        assertTrue(text.contains("leakyrelu(0.1) **not testable**, "), text);
        assertTrue(text.contains("(not testable with 2 pairs: a paired t interval needs 3)"), text);
        assertFalse(text.contains("Bonferroni") || text.contains("interval +") || text.contains("interval -"), text);
    }

    private static String conclusion(Snapshot snapshot) {
        Analysis.Settings settings = new Analysis.Settings("relu", 1000, 1, 2);
        ComparedRun run = new ComparedRun(snapshot, settings, new Analysis(settings).compare(snapshot.observations()));
        return new Conclusion(run, new RunOutline(snapshot, "relu")).markdown();
    }
}

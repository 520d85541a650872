package org.activationbench.report;

import java.util.List;
import java.util.Objects;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.compare.Observation;
import org.activationbench.train.Vocabularies;
import org.activationbench.train.TrialStatus;

/**
 * The order of the report: the conclusion in words first, then the evidence (tables, figures), the grid, provenance
 * and cost. Every table and figure comes from a query on the landed tables; see {@link Page}.
 */
final class ReportLayout {

    private ReportLayout() {}

    /**
     * The conclusion on the comparisons shown; of a tuned grid, its speed claim on the comparisons at one rate for every
     * activation where there are such, since at rates tuned apart the speed compared would be the rates'.
     */
    private static Conclusion conclusion(ComparedRun run, ComparedRun shown, RunOutline outline, GridSpec grid) {
        if (!grid.tuned()) {
            return new Conclusion(shown, outline);
        }
        String rate = org.activationbench.grid.TrialConfig.number(grid.training().learningRate());
        if (grid.tuning().compareFixed()) {
            return new Conclusion(shown, outline, run.comparisons().stream()
                    .filter(c -> c.stage().equals(Observation.FIXED)).toList(), " Compared at one learning rate, " + rate
                    + ", for every activation: at the rates tuned apart, the speed compared would be the rates' as much as"
                    + " the activations'.");
        }
        return new Conclusion(shown, outline, shown.comparisons(), " Compared at the rates tuned per activation, which"
                + " differ: the speed compared is the rates' as much as the activations'.");
    }

    static List<Block> build(ComparedRun run, LandedTables tables) {
        RunOutline outline = new RunOutline(run.snapshot(), run.settings().baseline());
        Page page = new Page(tables, new Charts(outline.labels()));
        String baseline = run.settings().baseline();
        GridSpec grid = grid(run);
        // A tuned grid's evidence sections show its confirmation; the fixed-rate comparison has a section of its own.
        ComparedRun shown = grid.tuned() ? new ComparedRun(run.snapshot(), run.settings(), run.comparisons().stream()
                .filter(c -> c.stage().equals(Observation.TUNED)).toList()) : run;
        page.text("# activation-bench report: " + run.snapshot().experiment());
        boolean runs = !run.snapshot().runs().isEmpty();
        // Of a run of several conditions: the SQL naming a comparison's condition where comparisons are listed.
        String condition = null;
        if (ConditionMaps.applies(run.snapshot(), tables.has("epochs", "condition") && tables.has("comparisons", "condition")
                && (!runs || tables.has("runs", "learned")))) {
            List<ConditionScope> scopes = ConditionScope.of(shown, outline, grid.tuned());
            ConditionMaps.add(page, scopes, run.snapshot().epochs().stream().map(EpochRow::condition).distinct().sorted()
                    .toList(), runs);
            condition = ConditionScope.comparisonLabel(scopes.stream().anyMatch(ConditionScope::byRate));
        }
        if (run.comparisons().stream().anyMatch(Comparison::primary)) {
            Metric primary = java.util.Arrays.stream(Metric.values())
                    .filter(m -> m.id().equals(run.settings().primary().metric())).findFirst().orElseThrow();
            PrimaryFigure.add(page, primary.label(), run.settings().primary().epoch(), baseline, condition,
                    tables.has("comparisons", "n_censored"));
        } else if (!run.comparisons().isEmpty()) {
            page.text("The grid's primary endpoint, " + run.settings().primary().metric() + " at epoch "
                    + run.settings().primary().epoch() + ", is not among this run's comparisons: every comparison below is"
                    + " secondary.");
        }
        page.text(conclusion(run, shown, outline, grid).markdown());
        if (grid.tuned() && !run.snapshot().epochs().isEmpty()) {
            page.text(TuningConclusion.markdown(run, outline, grid, baseline));
        }
        if (run.snapshot().epochs().isEmpty()) {
            page.text("No trial has reached a checkpoint yet: nothing to compare.");
            provenance(page, run, tables);
            return page.blocks();
        }
        List<String> settings = outline.settings();
        page.text("## Final accuracy by activation");
        SummaryTables.finalAccuracy(page);
        page.text("## Paired comparisons with " + baseline);
        page.text("Every activation is compared with **" + baseline + "** on the same seeds (same initial-weight seed"
                + " and minibatch order). Δ is candidate − " + baseline + " in percentage points. The *interval* is the"
                + " one the verdict is read from: a " + run.settings().ciMethod() + ", at the *level* shown, so that the"
                + " intervals of the candidates compared at one checkpoint cover their true differences together with"
                + " probability at least 95%. The verdict is *better* or *worse* where the interval excludes 0 (*negligible*"
                + " where it also lies inside the margin), *equivalent* where it lies inside ± the *margin*, the smallest"
                + " difference that matters (analysis.margins), and *undecided* otherwise; *seeds to decide* is how many seeds"
                + " would show equivalence with 80% power if there were no difference. p(adj.) and p(equiv.) are the"
                + " adjusted p-values of the difference and of the two one-sided equivalence tests, below 0.05 exactly where"
                + " the interval says so. The *endpoint* is primary for the grid's declared analysis.primary ("
                + run.settings().primary().metric() + " at epoch " + run.settings().primary().epoch() + "), secondary"
                + " elsewhere, each family adjusted on its own. P(better), the share of seeds on which the candidate beats "
                + baseline + " with its bootstrap interval, p(W), the Wilcoxon signed-rank test, d_z and *min. detectable*"
                + " (the smallest difference these seeds detect with 80% power, unadjusted) are descriptive."
                + (grid.declaredAfterResults() ? " **The margins and the primary endpoint of this experiment were declared"
                        + " in its grid file after its results were first published**, not before the data were seen;"
                        + " the intervals let a reader apply any other margin." : ""));
        SummaryTables.accuracyComparisons(page, baseline, condition);
        if (run.comparisons().stream().anyMatch(c -> c.sequential() != null)) {
            SequentialSection.add(page, grid.sequential(), baseline, condition);
        }
        if (grid.tuned()) {
            TuningSection.add(page, grid, settings, baseline);
        }
        String named = condition;
        settings.forEach(s -> ForestFigure.add(page, s, outline.finalEpoch(s), baseline, named));
        if (PublishedFigures.applies(run.snapshot(), baseline)) {
            PublishedFigures.add(page, baseline);
        }
        SummaryTables.otherMetrics(page, baseline, condition, tables.has("comparisons", "n_censored"));
        page.text("## Learning curves");
        for (String s : settings) {
            CurveFigures.learningCurve(page, s, "test_accuracy", "test accuracy");
            CurveFigures.learningCurve(page, s, "test_loss", "test loss (nats)");
        }
        page.text("## Spread over seeds");
        settings.forEach(s -> SeedSpreadFigure.add(page, s, outline.finalEpoch(s)));
        if (run.snapshot().epochs().stream().map(EpochRow::alpha).filter(Objects::nonNull).distinct().count() >= 2) {
            page.text("## Test accuracy by alpha");
            settings.forEach(s -> CurveFigures.byAlpha(page, s, baseline));
        }
        page.text("## Inactive units");
        page.text("A unit (a neuron of a dense layer, a channel of a convolution) is *inactive* at a checkpoint when its"
                + " pre-activation is ≤ 0 on every one of the training examples. Under ReLU such a unit outputs 0 and gets no"
                + " gradient through itself: it is *dead*. Under Leaky ReLU, PReLU, ELU, SELU, tanh, sigmoid, Swish or Mish it"
                + " still passes a gradient, so it is only inactive. The comparisons count inactive units as a share of all"
                + " the network's hidden units, each layer weighted by its units; the figures show each layer's share.");
        if (!run.snapshot().runs().isEmpty()) {
            // The layers' names come from the runs rows: none has landed while every trial still trains.
            settings.forEach(s -> CurveFigures.inactiveUnits(page, s, outline.hiddenLayers(s), outline.finalEpoch(s)));
        }
        if (tables.query("SELECT count(recovered_units) AS n FROM epochs").number(0, "n") > 0) {
            SummaryTables.recovery(page);
        }
        ActivationFigures.add(page, run.snapshot());
        if (run.snapshot().runs().stream().anyMatch(r -> r.status() != TrialStatus.OK)) {
            page.text("## Trials that did not finish");
            RunFacts.failures(page);
        }
        if (!run.snapshot().unfinished().isEmpty()) {
            page.text("## Unfinished trials");
            RunFacts.unfinished(page);
        }
        RunFacts.grid(page, run.snapshot().gridText());
        provenance(page, run, tables);
        return page.blocks();
    }

    /** The grid the run stored (it was checked when the run started). */
    static GridSpec grid(ComparedRun run) {
        return new GridParser(Vocabularies.standard(), Long.MAX_VALUE).parse("grid.conf", run.snapshot().gridText());
    }

    private static void provenance(Page page, ComparedRun run, LandedTables tables) {
        page.text("## Provenance and cost");
        if (!run.snapshot().runs().isEmpty()) {
            RunFacts.provenance(page, tables.has("runs", "cpu"));
        }
    }
}

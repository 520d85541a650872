package org.activationbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridSpec;
import org.activationbench.report.Reporter;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.run.AfterGrid;
import org.activationbench.storage.ReportFolder;
import org.activationbench.storage.WriteFailure;
import org.activationbench.train.Learning;

/** The steps after a grid's tables have landed: the comparisons table, then (unless {@code reportDir} is null) the report. */
record ComparisonAndReport(Path reportDir, PrintStream console) implements AfterGrid {

    @Override
    public void landed(ResultStore store, GridSpec grid, String output) {
        run(store, grid, output);
    }

    @Override
    public Optional<String> problem(String output) {
        return ReportFolder.outputProblem(output).or(() -> reportDir == null ? Optional.empty()
                : ReportFolder.problem(reportDir, output));
    }

    ComparedRun run(ResultStore store, GridSpec grid, String output) {
        ComparedRun compared = ComparisonsTable.write(store, grid);
        console.println("comparisons: " + store.tableDir(Tables.COMPARISONS));
        if (!compared.comparisons().isEmpty() && compared.comparisons().stream().noneMatch(c -> c.primary())) {
            console.println("the grid's primary endpoint, " + grid.primary().metric() + " at epoch " + grid.primary().epoch()
                    + ", is not among this run's checkpoints: every comparison is secondary");
        }
        List<String> unfinished = compared.snapshot().unfinished();
        if (!unfinished.isEmpty()) {
            console.println(unfinished.size() + " trial(s) unfinished (checkpoints landed, no result yet: still running or cut"
                    + " short; compared on the checkpoints they reached): " + String.join(", ", unfinished));
        }
        List<String> untrained = compared.snapshot().untrained();
        if (!untrained.isEmpty()) {
            console.println(untrained.size() + " trial(s) did not learn (test accuracy within " + Learning.CHANCE_TOLERANCE
                    + " of chance, or a final training loss above the initial one; runs.learned = false, counted in"
                    + " comparisons.n_untrained): " + String.join(", ", untrained));
        }
        List<String> outside = compared.snapshot().outside();
        if (!outside.isEmpty()) {
            console.println(outside.size() + " trial(s) in the tables but no longer in the grid, kept there and left out of"
                    + " the comparisons: " + String.join(", ", outside));
        }
        if (reportDir != null) {
            try {
                Reporter.write(compared, output, reportDir);
            } catch (java.io.UncheckedIOException e) {
                throw WriteFailure.at(reportDir, e);
            }
            console.println("report: " + reportDir.resolve("report.html") + " and report.ipynb");
        }
        return compared;
    }
}

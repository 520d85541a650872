package org.activationbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.activationbench.compare.ChoiceConflict;
import org.activationbench.grid.GridException;
import org.activationbench.run.LandedRun;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.ReportFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the comparisons table and the report for any run's output, finished or partial. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Compare the activations of a run (finished or partial) and write its report.",
                "Exit codes: 0 written, 2 refused (no run there, a published folder, a report folder it may not replace;"
                        + " nothing written), 1 the step itself failed."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the run's output folder, e.g. results/quick")
    String output;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where to write the report (default: the output folder's report/; a published report under"
            + " notebooks-out/ is written only by publish)")
    Path reportDir;

    @Option(names = "--ui", description = "serve the driver's Spark web UI (unauthenticated) on SPARK_LOCAL_IP; off by default")
    boolean ui;

    @Override
    public Integer call() {
        try {
            String experiment = LandedRun.grid(output).experiment();
            ComparisonAndReport steps = new ComparisonAndReport(
                    reportDir != null ? reportDir : ReportFolder.defaultFor(output, experiment), System.out);
            steps.problem(output).ifPresent(p -> {
                throw new RefusedException(p);
            });
            LandedRun.open(output, ui, System.out, steps::run);
            return 0;
        } catch (RefusedException | GridException | ChoiceConflict e) {
            System.err.println("report: " + e.getMessage());
            return 2;
        }
    }
}

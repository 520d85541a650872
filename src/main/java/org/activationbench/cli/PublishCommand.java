package org.activationbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridException;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.report.ReportFolder;
import org.activationbench.report.Reporter;
import org.activationbench.spark.GridDriver;
import org.activationbench.spark.LandedRun;
import org.activationbench.spark.PublishedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Publishes a finished run: its tables copied beside its report, and the report written on that copy. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Copy a finished run's tables into its report folder (tables/) and write the report on that copy,"
                + " so that the report and the files its queries read can be checked in together.",
                "Exit codes: 0 published, 2 refused (nothing written)."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the run's output folder, e.g. results/depth")
    String output;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "the report folder (default: notebooks-out/<experiment>)")
    Path reportDir;

    @Option(names = "--partial", description = "publish although some of the grid's trials have not finished")
    boolean partial;

    @Override
    public Integer call() {
        try {
            GridSpec grid = LandedRun.grid(output);
            Path report = reportDir != null ? reportDir : Path.of("notebooks-out", grid.experiment());
            String tables = report.resolve(ReportFolder.PUBLISHED_TABLES).toAbsolutePath().normalize().toString();
            List<String> problems = new ArrayList<>();
            PublishedRun.problem(output, tables).ifPresent(problems::add);
            ReportFolder.problem(report, output).ifPresent(problems::add);
            if (!problems.isEmpty()) {
                throw new GridDriver.RefusedException(String.join("; ", problems));
            }
            if (!partial) {
                // What the driver would run next: a tuned grid needs only its chosen rates' confirmation trials, a
                // sequential grid only the seeds its comparisons asked for.
                int missing = LandedRun.open(output, false, System.out, (store, g, folder) -> {
                    Set<String> finished = store.finishedTrialIds();
                    List<TrialConfig> unsettled = g.trials().stream().filter(t -> !finished.contains(t.trialId())).toList();
                    return Rounds.of(g).next(store, g, finished, unsettled).size();
                });
                if (missing > 0) {
                    throw new GridDriver.RefusedException(missing + " trials the grid needs have not finished in " + output
                            + "; complete them with run --resume, or publish with --partial");
                }
            }
            PublishedRun.copy(output, tables);
            LandedRun.open(tables, false, System.out, (store, g, folder) -> {
                ComparedRun compared = ComparisonsTable.write(store, g);
                Reporter.write(compared, folder, report);
                return compared;
            });
            System.out.println("published: " + report.resolve("report.ipynb") + " and report.html, on the tables in " + tables);
            return 0;
        } catch (GridDriver.RefusedException | GridException e) {
            System.err.println("publish: " + e.getMessage());
            return 2;
        }
    }
}

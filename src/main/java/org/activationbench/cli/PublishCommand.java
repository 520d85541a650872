package org.activationbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.activationbench.compare.ChoiceConflict;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.grid.GridDifference;
import org.activationbench.grid.GridException;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.report.Reporter;
import org.activationbench.rounds.Rounds;
import org.activationbench.run.LandedRun;
import org.activationbench.run.PublishedRun;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.ReportFolder;
import org.activationbench.train.Vocabularies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Publishes a finished run of a canonical grid: its tables copied beside its report, and the report written on that
 * copy with the grid file's analysis settings. The only command that writes a published report.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Copy a finished run of a canonical grid into its report folder (tables/) and write the report on"
                + " that copy, so that the report and the files its queries read can be checked in together. The run"
                + " must have trained exactly the grid file's trials; its analysis settings (baseline, margins,"
                + " sequential design) are taken from the grid file, so publishing the published tables again"
                + " (--output notebooks-out/<experiment>/tables) re-analyses them.",
                "Exit codes: 0 published, 2 refused (nothing written), 1 the step itself failed."})
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the run's output folder, e.g. results/depth")
    String output;

    @Option(names = "--grid", paramLabel = "FILE", description = "the grid file the experiment is published from"
            + " (default: conf/grids/<experiment>.conf)")
    Path gridFile;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "the report folder (default: notebooks-out/<experiment>)")
    Path reportDir;

    @Option(names = "--partial", description = "publish although some of the grid's trials have not finished")
    boolean partial;

    @Override
    public Integer call() {
        try {
            GridSpec ran = LandedRun.grid(output);
            GridSpec grid = canonical(ran);
            Path report = reportDir != null ? reportDir : Path.of("notebooks-out", grid.experiment());
            Path tables = report.resolve(ReportFolder.PUBLISHED_TABLES).toAbsolutePath().normalize();
            boolean inPlace = Path.of(output.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize().equals(tables);
            List<String> problems = new ArrayList<>();
            if (!inPlace) {
                PublishedRun.problem(output, tables.toString()).ifPresent(problems::add);
            }
            ReportFolder.publishProblem(report, output).ifPresent(problems::add);
            if (!problems.isEmpty()) {
                throw new RefusedException(String.join("; ", problems));
            }
            if (!partial) {
                refuseUnfinished();
            }
            Optional<String> replaced = ReportFolder.isPublished(report) && !inPlace
                    ? Optional.of(LandedRun.open(tables.toString(), false, System.out, (store, g, folder) -> PublishedRun.describe(store)))
                    : Optional.empty();
            if (!inPlace) {
                PublishedRun.copy(output, tables.toString());
            }
            PublishedRun.storeGrid(tables.toString(), grid.render());
            String now = LandedRun.open(tables.toString(), false, System.out, (store, g, folder) -> {
                ComparedRun compared = ComparisonsTable.write(store, g);
                Reporter.publish(compared, folder, report);
                return PublishedRun.describe(store);
            });
            replaced.ifPresent(before -> System.out.println("replaced the published " + grid.experiment() + " (" + before
                    + ") by " + now));
            System.out.println("published: " + report.resolve("report.ipynb") + " and report.html, on the tables in " + tables
                    + (inPlace ? " (re-analysed in place)" : ""));
            return 0;
        } catch (RefusedException | GridException | ChoiceConflict e) {
            System.err.println("publish: " + e.getMessage());
            return 2;
        }
    }

    /** The grid file the run must be a run of, parsed; refused when the run trained other trials. */
    private GridSpec canonical(GridSpec ran) {
        Path file = gridFile != null ? gridFile : Path.of("conf", "grids", ran.experiment() + ".conf");
        if (!Files.isRegularFile(file)) {
            throw new RefusedException("no grid file " + file + " for the experiment " + ran.experiment() + ": only a"
                    + " run of a canonical grid is published; pass --grid FILE, the grid file it is a run of");
        }
        GridSpec grid = new GridParser(Vocabularies.standard(), Long.MAX_VALUE).parse(file, List.of(), List.of());
        if (!grid.experiment().equals(ran.experiment())) {
            throw new RefusedException(output + " holds the experiment " + ran.experiment() + ", not " + file
                    + "'s " + grid.experiment() + "; publish a run of the grid file as it is");
        }
        GridDifference.of(grid, file.toString(), ran).ifPresent(d -> {
            throw new RefusedException(output + " is not a run of " + file + ": " + d + "; publish a run of the"
                    + " grid file as it is (no --set or --unset that changes what is trained)");
        });
        return grid;
    }

    /** What the driver would run next: a tuned grid needs only its chosen rates' confirmation trials, a sequential grid
     * only the seeds its comparisons asked for. */
    private void refuseUnfinished() {
        int missing = LandedRun.open(output, false, System.out, (store, g, folder) -> {
            Set<String> finished = store.finishedTrialIds();
            List<TrialConfig> unsettled = g.trials().stream().filter(t -> !finished.contains(t.trialId())).toList();
            return Rounds.preview(g).next(store, g, finished, unsettled).size();
        });
        if (missing > 0) {
            throw new RefusedException(missing + " trials the grid needs have not finished in " + output
                    + "; complete them with run --resume, or publish with --partial");
        }
    }
}

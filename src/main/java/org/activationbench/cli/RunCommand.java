package org.activationbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.activationbench.bench.EpochCosts;
import org.activationbench.bench.GridJvmFigures;
import org.activationbench.bench.GridPlan;
import org.activationbench.compare.ChoiceConflict;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.GridException;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.rounds.Rounds;
import org.activationbench.run.DataSizes;
import org.activationbench.run.GridDriver;
import org.activationbench.run.RunOptions;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.ReportFolder;
import org.activationbench.storage.WriteFailure;
import org.activationbench.train.Vocabularies;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a grid on Spark (local mode by default) into Parquet tables. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a grid of trials on Spark and land the results in Parquet tables.",
                "Exit codes: 0 every trial OK or DIVERGED (--plan: the plan printed), 2 invalid input (nothing"
                        + " written), 3 some trials FAILED, 4 a write failed (a full disk, a read-only or vanished folder:"
                        + " the rows landed are kept; free space, then the same command with --resume), 143 stopped by"
                        + " SIGTERM or Ctrl-C (the landed trials kept), 1 the run itself failed."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "conf/grids/quick.conf", paramLabel = "GRID",
            description = "grid file (default: ${DEFAULT-VALUE})")
    Path gridFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a grid key, e.g. --set grid.seeds=3 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = "remove a key or section the grid file sets, before the"
            + " --set overrides, e.g. --unset grid.alphas with --set grid.activations=[relu,elu] (repeatable)")
    List<String> removed = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", description = "output folder or URI (default: results/<experiment>)")
    String output;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--resume", description = "run only the trials missing from the output (or FAILED there)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace the results already in the output folder")
    boolean overwrite;

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where the report goes (default: the output folder's report/; a"
            + " published report under notebooks-out/ is written only by publish)")
    Path reportDir;

    @Option(names = "--no-report", description = "write the comparisons table but no report")
    boolean noReport;

    @Option(names = "--max-trials", paramLabel = "N", defaultValue = "100000",
            description = "refuse a grid of more trials than this (default: ${DEFAULT-VALUE})")
    long maxTrials;

    @Option(names = "--state-dir", paramLabel = "URI", description = "where trials keep their state while they train, on a"
            + " file system every executor reaches (default: <output>/state; required with a cluster master when the"
            + " output folder is on the driver's disk, unless it is a standalone master on a loopback address)")
    String stateDir;

    @Option(names = "--keep-state", description = "keep each trial's state after its result has landed")
    boolean keepState;

    @Option(names = "--no-state", description = "keep no state: a trial cut short starts again from epoch 1")
    boolean noState;

    @Option(names = "--ui", description = "serve the driver's Spark web UI (unauthenticated) on SPARK_LOCAL_IP; off by default")
    boolean ui;

    @Option(names = "--plan", description = "print the trials by architecture and strategy (and by condition where there"
            + " are several), the trial-epochs and the estimated core-hours and wall time (with seeds on demand, at"
            + " min-seeds and at max-seeds), then exit without training")
    boolean plan;

    @Option(names = "--cores", paramLabel = "N", description = "with --plan: the cores to estimate the wall time on"
            + " (default: this machine's)")
    Integer cores;

    @Option(names = "--bench-dir", paramLabel = "DIR", defaultValue = "target/bench",
            description = "with --plan: where jobs/bench.sh wrote its figures; the newest bench-*.json is used, else"
                    + " built-in figures (default: ${DEFAULT-VALUE})")
    Path benchDir;

    @Option(names = "--figures-json", hidden = true, paramLabel = "FILE",
            description = "write this JVM's figures (trials, wall time, peak memory, JIT time) as JSON: for the benchmark")
    Path figuresJson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GridSpec grid;
        try {
            if (maxTrials <= 0) {
                throw new GridException("--max-trials", List.of("--max-trials: " + maxTrials + " is not a positive number of trials"));
            }
            grid = new GridParser(Vocabularies.standard(), maxTrials).parse(gridFile, removed, overrides);
        } catch (GridException e) {
            System.err.println("run: " + e.getMessage());
            return 2;
        }
        // Checked in every mode, so that --plan refuses what the run would.
        Optional<String> problem = optionProblem().or(() -> DataSizes.problem(grid, DatasetSpec.byId(grid.dataset())));
        if (problem.isPresent()) {
            System.err.println("run: " + problem.get());
            return 2;
        }
        if (plan) {
            return plan(grid);
        }
        String out = output != null ? output : "results/" + grid.experiment();
        GridDriver.Summary summary;
        StopNotice stopped = StopNotice.install("run: stopped by a signal before the grid finished; the trials that landed"
                + " are kept in " + out + ": continue with the same command and --resume");
        try {
            Path report = noReport ? null : reportDir != null ? reportDir : ReportFolder.defaultFor(out, grid.experiment());
            RunOptions options = RunOptions.builder(out, data).resume(resume).overwrite(overwrite).master(master)
                    .afterGrid(new ComparisonAndReport(report, System.out)).ui(ui).nextRound(Rounds.of(grid))
                    .state(new RunOptions.State(stateDir, keepState, noState)).build();
            summary = new GridDriver(grid, options, System.out).run();
        } catch (RefusedException | ChoiceConflict e) {
            System.err.println("run: " + e.getMessage());
            return 2;
        } catch (WriteFailure e) {
            return stopped(e, out);
        } catch (Error e) {
            // A write no path caught: Hadoop's local file system reports a full disk as an Error (FSError). It is not
            // named here, so that the commands that never load Hadoop (train, without Spark's jars) still start.
            Optional<WriteFailure> failure = WriteFailure.of(out, e);
            if (failure.isEmpty()) {
                throw e;
            }
            return stopped(failure.get(), out);
        } catch (RuntimeException e) {
            if (!shuttingDown()) {
                throw e;
            }
            // A kill or Ctrl-C stopped Spark under the running job: not a failure of the grid, and nothing is lost.
            stopped.say();
            return 143;
        } finally {
            stopped.ended();
        }
        if (figuresJson != null) {
            GridJvmFigures.of(summary).write(figuresJson);
        }
        return summary.failed() > 0 ? 3 : 0;
    }

    /** Exit code 4: one line naming the path, the cause and what to do. */
    private static int stopped(WriteFailure e, String out) {
        System.err.println("run: stopped: " + e.getMessage() + "; the rows that landed are kept in " + out
                + ": free space (or make the folder writable), then run the same command with --resume");
        return 4;
    }

    /** An option given where it has no effect, or options that exclude each other, in any mode; empty if none. */
    private Optional<String> optionProblem() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (resume && overwrite) {
            return Optional.of("--resume and --overwrite exclude each other: resume continues the output folder,"
                    + " overwrite replaces it");
        }
        if (!plan) {
            for (String option : List.of("--cores", "--bench-dir")) {
                if (given.hasMatchedOption(option)) {
                    return Optional.of(option + " is for --plan only: a run trains on the cores of its master (--master"
                            + " local[N], or SPARK_LOCAL_CORES with jobs/run-local.sh); add --plan or leave " + option + " out");
                }
            }
        } else if (given.hasMatchedOption("--bench-dir") && !Files.isDirectory(benchDir)) {
            return Optional.of("--bench-dir: " + benchDir + " is not a folder; jobs/bench.sh writes its figures to"
                    + " target/bench (leave --bench-dir out to use them, or the built-in figures)");
        }
        return Optional.empty();
    }

    /** Whether the JVM is running its shutdown hooks (a signal or System.exit): no hook can be added then. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** {@code --plan}: the grid's cost, printed; nothing is trained, written or started. */
    private int plan(GridSpec grid) {
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        if (n <= 0) {
            System.err.println("run: --cores: " + n + " is not a positive number of cores");
            return 2;
        }
        EpochCosts costs = EpochCosts.newest(benchDir);
        GridPlan p = new GridPlan(grid.mostTrials(), costs, n);
        p.lines(grid.experiment()).forEach(System.out::println);
        if (grid.tuned()) {
            System.out.println("tuned protocol: the confirmation round is priced at one learning rate per activation"
                    + " setting, as it runs only the chosen one's; where the chosen rate is the fixed rate it shares"
                    + " the fixed-rate trials and the run costs less");
        }
        if (grid.sequential() != null) {
            GridPlan.seedsOnDemand(new GridPlan(grid.trialsAtMinSeeds(), costs, n), grid.sequential().minSeeds(), p,
                    grid.sequential().maxSeeds()).forEach(System.out::println);
        }
        return 0;
    }
}

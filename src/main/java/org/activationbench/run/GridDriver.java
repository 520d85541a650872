package org.activationbench.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.executor.ResidentMemory;
import org.activationbench.grid.GridChange;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.SeedRanges;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.StateFolder;
import org.activationbench.storage.TrialStates;
import org.activationbench.storage.WriterLock;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a grid on Spark: checks everything it can before starting (data files, output folder), fans the per-task
 * trials out one per task, longest first, then trains the data-parallel trials one after another (each uses the whole
 * cluster), lands each result as soon as it is known, and at the end compacts the tables.
 * A driver killed at any moment loses only the trials whose results had not landed; {@code resume} runs the rest.
 * The run holds the output folder's {@link WriterLock} from before its first write to after its last.
 */
public final class GridDriver {

    private static final Logger LOG = LoggerFactory.getLogger(GridDriver.class);

    /** What a run did. */
    public record Summary(String experiment, int total, int skipped, int ok, int diverged, int failed, Duration wall,
            String output, long peakResidentMiB) {

        /** The run's closing console line. */
        public String line() {
            return experiment + ": " + (total - skipped) + " trials run" + (skipped > 0 ? " (" + skipped + " already done)" : "")
                    + ": OK " + ok + ", DIVERGED " + diverged + ", FAILED " + failed + " in "
                    + ProgressBar.clock(wall) + "; results in " + output
                    + (peakResidentMiB >= 0 ? "; driver peak RSS " + peakResidentMiB + " MiB" : "");
        }
    }

    private final GridSpec grid;
    private final RunOptions options;
    private final PrintStream console;
    private final TrialBatches batches;
    private StateFolder stateFolder = StateFolder.OFF;

    public GridDriver(GridSpec grid, RunOptions options, PrintStream console) {
        this.grid = grid;
        this.options = options;
        this.console = console;
        this.batches = new TrialBatches(options.dataRoot(), grid);
    }

    /**
     * Checks the data, the grid against it, the output folder and the state folder for {@code master}; returns the
     * output folder. Throws {@link RefusedException}.
     */
    OutputFolder preflight(String master) {
        // First: the output check ends by writing (and removing) a probe file.
        StateFolder state = StateFolder.resolve(options.output(), options.state().dir(), options.state().keep(),
                options.state().off(), master);
        state.checkReachable();
        OutputFolder out = Preflight.check(grid, options);
        stateFolder = state;
        return out;
    }

    /** As {@link #preflight(String)} for the master the options (or spark-submit) name. */
    OutputFolder preflight() {
        return preflight(Sessions.conf(options.master(), false).get("spark.master"));
    }

    /** Where this run's trials keep their state; known once {@link #preflight} has passed. */
    StateFolder stateFolder() {
        return stateFolder;
    }

    /** Runs the grid in a session of its own, stopped at the end. */
    public Summary run() {
        OutputFolder out = preflight();
        SparkSession spark = Sessions.create("activation-bench " + grid.experiment(), options.master(), options.ui());
        try {
            return run(spark, out);
        } finally {
            spark.stop();
        }
    }

    /** Runs the grid in the given session, which stays open. */
    public Summary run(SparkSession spark) {
        return run(spark, preflight(spark.sparkContext().master()));
    }

    private Summary run(SparkSession spark, OutputFolder out) {
        SparkContext sc = spark.sparkContext();
        int slots = Math.max(1, sc.defaultParallelism() / sc.conf().getInt("spark.task.cpus", 1));
        SpaceCheck.problem(SpaceCheck.need(grid.mostTrials(), slots, stateFolder), out, stateFolder, console::println)
                .ifPresent(p -> {
                    throw new RefusedException(p);
                });
        try (WriterLock lock = out.lock("run " + grid.experiment(), console::println)) {
            return runLocked(spark, out);
        }
    }

    private Summary runLocked(SparkSession spark, OutputFolder out) {
        long start = System.nanoTime();
        if (options.overwrite() && out.state() == OutputFolder.State.HOLDS_RUN) {
            for (String kept : out.deleteProjectFiles()) {
                console.println("--overwrite kept " + kept + ": activation-bench did not write it");
            }
        }
        SparkContext sc = spark.sparkContext();
        // A resumed run of an edited grid (checked by the preflight) reads it back before its grid.conf is replaced.
        GridSpec stored = options.resume() ? Preflight.storedGrid(out) : null;
        if (options.resume() && out.storedGrid().equals(grid.render())) {
            out.adopt();
        } else {
            out.storeGrid(grid.render());
        }
        ResultStore store = new ResultStore(spark, out.location(), grid.experiment());
        store.recover();
        int setAside = options.resume() ? store.setAsideDamaged(console::println) : 0;
        List<TrialConfig> all = grid.trials();
        Set<String> done = options.resume() ? store.finishedTrialIds() : Set.of();
        int skipped = (int) all.stream().filter(t -> done.contains(t.trialId())).count();
        if (options.resume()) {
            console.println(GridChange.Growth.of(stored != null ? stored : grid, grid, done).line());
            Set<String> withState = TrialStates.trialsWithState(stateFolder);
            long continued = all.stream().filter(t -> !done.contains(t.trialId()) && withState.contains(t.trialId())).count();
            console.println(grid.experiment() + ": resuming: " + skipped + " of " + all.size() + " trials landed, "
                    + continued + " to continue from their saved state, " + setAside + " damaged file(s) set aside");
        }
        // States and hand-over files a killed driver left behind after landing their trials' rows.
        HandOverFiles.deleteLanded(stateFolder, TrialStates.trialsWithState(stateFolder).stream()
                .filter(done::contains).toList());
        TrialStates.deleteLanded(stateFolder, TrialStates.trialsWithState(stateFolder).stream()
                .filter(done::contains).toList());
        int threads = sc.conf().getInt("spark.task.cpus", 1);
        LOG.info("{}: {} trials ({} already done), {} native thread(s) per task, master {}", grid.experiment(), all.size(),
                skipped, threads, sc.master());

        TrialBatches.Counts counts = new TrialBatches.Counts();
        List<TrialConfig> unsettled = all.stream().filter(t -> !done.contains(t.trialId())).toList();
        ProgressBar progress = new ProgressBar(console, expected(unsettled), System.console() != null, new RunningTrials(),
                Math.max(1, sc.defaultParallelism() / threads));
        if (grid.sequential() == null && !grid.tuned()) {
            batches.run(sc, threads, unsettled, store, stateFolder, counts, progress);
        } else {
            // Seeds on demand, or the stages of a tuned protocol: each round runs what the comparisons need next,
            // decided afresh from the landed rows.
            Set<String> settled = new java.util.HashSet<>(done);
            for (int round = 1; ; round++) {
                List<TrialConfig> next = options.nextRound().next(store, grid, Set.copyOf(settled),
                        all.stream().filter(t -> !settled.contains(t.trialId())).toList());
                if (next.isEmpty()) {
                    break;
                }
                console.println(grid.experiment() + ": round " + round + ", " + next.size() + " trials (seeds "
                        + SeedRanges.of(next.stream().map(TrialConfig::seed).toList()) + (grid.tuned() ? "; stages "
                        + next.stream().map(t -> t.stage().label()).distinct().sorted().toList() : "") + ")");
                batches.run(sc, threads, next, store, stateFolder, counts, progress);
                next.forEach(t -> settled.add(t.trialId()));
            }
        }
        store.compact();
        TrialStates.removeIfEmpty(stateFolder);
        options.afterGrid().landed(store, grid, out.location());
        Summary summary = new Summary(grid.experiment(), skipped + counts.ok + counts.diverged + counts.failed, skipped,
                counts.ok, counts.diverged, counts.failed,
                Duration.ofNanos(System.nanoTime() - start), out.location(), ResidentMemory.peakMiB());
        console.println(summary.line());
        return summary;
    }

    /**
     * The trials the progress bar expects: all of them, except that a tuned grid runs at most one of its confirmation
     * trials per activation and seed (the one at the chosen rate; fewer where that is the fixed-rate trial).
     */
    private int expected(List<TrialConfig> unsettled) {
        if (!grid.tuned()) {
            return unsettled.size();
        }
        long others = unsettled.stream().filter(t -> t.stage() != org.activationbench.grid.Stage.CONFIRMATION).count();
        long confirmation = unsettled.stream().filter(t -> t.stage() == org.activationbench.grid.Stage.CONFIRMATION)
                .map(t -> t.withLearningRate(grid.training().learningRate()).trialId()).distinct().count();
        return (int) (others + confirmation);
    }
}

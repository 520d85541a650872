package org.activationbench.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.report.Analysis;
import org.activationbench.report.Comparison;
import org.activationbench.report.Reporter;
import org.activationbench.report.Snapshot;
import org.activationbench.report.ReportFolder;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.results.WriterLock;
import org.activationbench.train.Vocabularies;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** The analyze and report steps on an output folder: at the end of a grid run, or on their own on any run's output. */
public final class Analyses {

    /** Where analyze puts the comparisons of a folder another process is writing: beside the tables, not in them. */
    public static final String SNAPSHOT = "snapshot";
    public static final int RESAMPLES = 10_000;
    public static final long BOOTSTRAP_SEED = 1;

    private Analyses() {}

    /** The grid an output folder was produced by, from its grid.conf. */
    public static GridSpec storedGrid(String output) {
        OutputFolder folder = new OutputFolder(output, new Configuration());
        if (folder.state() != OutputFolder.State.HOLDS_RUN) {
            throw new GridDriver.RefusedException(output + " holds no activation-bench run (no " + OutputFolder.GRID_FILE + ")");
        }
        // The grid was checked against the limit when it ran; a report of it must not be refused for its size.
        return new GridParser(Vocabularies.standard(), Long.MAX_VALUE).parse(output + "/" + OutputFolder.GRID_FILE, folder.storedGrid());
    }

    /** The baseline's activation label: the activation, with the grid's first alpha if it takes one. */
    static String baselineLabel(GridSpec grid, String baseline) {
        if (grid.slopeActivations().contains(baseline)) {
            return baseline + "(" + TrialConfig.number(grid.alphas().get(0)) + ")";
        }
        return baseline;
    }

    /** Writes the comparisons table and, if {@code reportDir} is not null, the report. For the lock holder. */
    public static List<Comparison> analyzeAndReport(ResultStore store, GridSpec grid, String output, Path reportDir,
            PrintStream console) {
        Analysis.Settings settings = settings(grid);
        Snapshot snapshot = Snapshot.load(store, grid.experiment(), grid.render());
        List<Comparison> comparisons = Reporter.analyze(store, snapshot, settings);
        writeReport(snapshot, comparisons, settings, output, reportDir, console);
        return comparisons;
    }

    private static Analysis.Settings settings(GridSpec grid) {
        return new Analysis.Settings(baselineLabel(grid, grid.baseline()), RESAMPLES, BOOTSTRAP_SEED);
    }

    private static void writeReport(Snapshot snapshot, List<Comparison> comparisons, Analysis.Settings settings, String output,
            Path reportDir, PrintStream console) {
        if (reportDir != null) {
            try {
                Reporter.write(snapshot, comparisons, settings, reportDir, Reporter.resultsAsSeenFrom(reportDir, output));
            } catch (IllegalArgumentException e) {
                throw new GridDriver.RefusedException(e.getMessage());
            }
            console.println("report: " + reportDir.resolve("report.html") + " and report.ipynb");
        }
    }

    /**
     * The analyze/report commands: a local session reads the output folder. If no other process writes it, they take
     * its lock, finish any interrupted compaction and replace the comparisons table; if one does, they read what has
     * landed, leave the tables alone and write the comparisons to {@value #SNAPSHOT} instead.
     */
    public static List<Comparison> run(String output, Path reportDir, boolean ui, PrintStream console) {
        GridSpec grid = storedGrid(output);
        if (ui) {
            Sessions.uiProblem().ifPresent(p -> {
                throw new GridDriver.RefusedException(p);
            });
        }
        if (reportDir != null) {
            ReportFolder.problem(reportDir, output).ifPresent(p -> {
                throw new GridDriver.RefusedException(p);
            });
        }
        SparkSession spark = Sessions.create("activation-bench report " + grid.experiment(), "local[1]", ui);
        try {
            return run(spark, output, reportDir, console);
        } finally {
            spark.stop();
        }
    }

    /** The analyze/report steps in the given session, which stays open. */
    static List<Comparison> run(SparkSession spark, String output, Path reportDir, PrintStream console) {
        GridSpec grid = storedGrid(output);
        OutputFolder folder = new OutputFolder(output, new Configuration());
        Optional<WriterLock.Holder> writer = WriterLock.liveHolder(folder.fileSystem(), folder.path());
        ResultStore store = new ResultStore(spark, output, grid.experiment());
        if (writer.isPresent()) {
            return snapshotOfRunning(spark, store, grid, output, reportDir, writer.get(), console);
        }
        try (WriterLock lock = folder.lock("report", console::println)) {
            store.recover();
            List<Comparison> comparisons = analyzeAndReport(store, grid, output, reportDir, console);
            console.println("comparisons: " + store.tableDir(Tables.COMPARISONS));
            return comparisons;
        }
    }

    private static List<Comparison> snapshotOfRunning(SparkSession spark, ResultStore store, GridSpec grid, String output, Path reportDir,
            WriterLock.Holder writer, PrintStream console) {
        console.println(output + " is being written by " + writer.describe() + ": reading the results landed so far;"
                + " its tables are left to it");
        Analysis.Settings settings = settings(grid);
        Snapshot snapshot = Snapshot.load(store, grid.experiment(), grid.render());
        ResultStore beside = new ResultStore(spark, output + "/" + SNAPSHOT, grid.experiment());
        List<Comparison> comparisons = Reporter.analyze(beside, snapshot, settings);
        console.println("comparisons of the " + snapshot.runs().size() + " trials landed so far: " + beside.tableDir(Tables.COMPARISONS));
        writeReport(snapshot, comparisons, settings, output, reportDir, console);
        return comparisons;
    }
}

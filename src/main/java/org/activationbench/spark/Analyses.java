package org.activationbench.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.report.Analysis;
import org.activationbench.report.Comparison;
import org.activationbench.report.Reporter;
import org.activationbench.report.Snapshot;
import org.activationbench.results.ResultStore;
import org.activationbench.train.Vocabularies;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** The analyze and report steps on an output folder: at the end of a grid run, or on their own on any run's output. */
public final class Analyses {

    public static final int RESAMPLES = 10_000;
    public static final long BOOTSTRAP_SEED = 1;

    private Analyses() {}

    /** The grid an output folder was produced by, from its grid.conf. */
    public static GridSpec storedGrid(String output) {
        OutputFolder folder = new OutputFolder(output, new Configuration());
        if (folder.state() != OutputFolder.State.HOLDS_RUN) {
            throw new GridDriver.RefusedException(output + " holds no activation-bench run (no " + OutputFolder.GRID_FILE + ")");
        }
        return new GridParser(Vocabularies.standard()).parse(output + "/" + OutputFolder.GRID_FILE, folder.storedGrid());
    }

    /** The baseline's activation label: the activation, with the grid's first alpha if it takes one. */
    static String baselineLabel(GridSpec grid, String baseline) {
        if (grid.slopeActivations().contains(baseline)) {
            return baseline + "(" + TrialConfig.number(grid.alphas().get(0)) + ")";
        }
        return baseline;
    }

    /** Writes the comparisons table and, if {@code reportDir} is not null, the report. */
    public static List<Comparison> analyzeAndReport(ResultStore store, GridSpec grid, String output, Path reportDir,
            PrintStream console) {
        Analysis.Settings settings = new Analysis.Settings(baselineLabel(grid, grid.baseline()), RESAMPLES, BOOTSTRAP_SEED);
        Snapshot snapshot = Snapshot.load(store, grid.experiment(), grid.render());
        List<Comparison> comparisons = Reporter.analyze(store, snapshot, settings);
        if (reportDir != null) {
            Reporter.write(snapshot, comparisons, settings, reportDir, Reporter.resultsAsSeenFrom(reportDir, output));
            console.println("report: " + reportDir.resolve("report.html") + " and report.ipynb");
        }
        return comparisons;
    }

    /** The analyze/report commands: a local session reads the output folder. */
    public static List<Comparison> run(String output, Path reportDir, PrintStream console) {
        GridSpec grid = storedGrid(output);
        SparkSession spark = Sessions.create("activation-bench report " + grid.experiment(), "local[1]");
        try {
            ResultStore store = new ResultStore(spark, output, grid.experiment());
            store.recover();
            return analyzeAndReport(store, grid, output, reportDir, console);
        } finally {
            spark.stop();
        }
    }
}

package org.activationbench.spark;

import java.util.function.BiFunction;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.train.Vocabularies;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** An output folder that already holds a run, opened on its own (the analyze and report commands) in a local session. */
public final class LandedRun {

    private LandedRun() {}

    /** The grid an output folder was produced by, from its grid.conf. */
    public static GridSpec grid(String output) {
        OutputFolder folder = new OutputFolder(output, new Configuration());
        if (folder.state() != OutputFolder.State.HOLDS_RUN) {
            throw new GridDriver.RefusedException(output + " holds no activation-bench run (no " + OutputFolder.GRID_FILE + ")");
        }
        return new GridParser(Vocabularies.standard()).parse(output + "/" + OutputFolder.GRID_FILE, folder.storedGrid());
    }

    /** Opens the run's tables (finishing any interrupted compaction) and hands them to {@code work}. */
    public static <T> T open(String output, BiFunction<ResultStore, GridSpec, T> work) {
        GridSpec grid = grid(output);
        SparkSession spark = Sessions.create("activation-bench report " + grid.experiment(), "local[1]");
        try {
            ResultStore store = new ResultStore(spark, output, grid.experiment());
            store.recover();
            return work.apply(store, grid);
        } finally {
            spark.stop();
        }
    }
}

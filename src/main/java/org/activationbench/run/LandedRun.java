package org.activationbench.run;

import java.io.PrintStream;
import java.util.Optional;
import org.activationbench.grid.GridParser;
import org.activationbench.grid.GridSpec;
import org.activationbench.results.ResultStore;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.WriterLock;
import org.activationbench.train.Vocabularies;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * An output folder that already holds a run, opened on its own (the analyze and report commands). If no other process
 * writes it, they take its lock, finish any interrupted compaction and work on its tables; if one does, they work on
 * a copy of what has landed in {@value #SNAPSHOT}, leaving the tables to the writer.
 */
public final class LandedRun {

    /** Where analyze and report work on a run another process is writing: a copy of its landed tables, beside them. */
    public static final String SNAPSHOT = OutputFolder.SNAPSHOT;

    /** What analyze and report do with a run's tables. */
    @FunctionalInterface
    public interface Work<T> {

        /** @param folder the folder (path or URI) of {@code store}'s tables: the output folder or its snapshot */
        T apply(ResultStore store, GridSpec grid, String folder);
    }

    private LandedRun() {}

    /** The grid an output folder was produced by, from its grid.conf. */
    public static GridSpec grid(String output) {
        OutputFolder folder = new OutputFolder(output, new Configuration());
        if (folder.state() != OutputFolder.State.HOLDS_RUN) {
            throw new RefusedException(output + " holds no activation-bench run (no " + OutputFolder.GRID_FILE + ")");
        }
        // The grid was checked against the trial limit when it ran; its report must not be refused for its size.
        return new GridParser(Vocabularies.standard(), Long.MAX_VALUE).parse(output + "/" + OutputFolder.GRID_FILE,
                folder.storedGrid());
    }

    /** Opens the run in a local session of its own ({@code ui}: with Spark's web UI) and hands it to {@code work}. */
    public static <T> T open(String output, boolean ui, PrintStream console, Work<T> work) {
        GridSpec grid = grid(output);
        if (ui) {
            Sessions.uiProblem().ifPresent(p -> {
                throw new RefusedException(p);
            });
        }
        SparkSession spark = Sessions.create("activation-bench report " + grid.experiment(), "local[1]", ui);
        try {
            return open(spark, output, console, work);
        } finally {
            spark.stop();
        }
    }

    /** As {@link #open(String, boolean, PrintStream, Work)}, in the given session, which stays open. */
    static <T> T open(SparkSession spark, String output, PrintStream console, Work<T> work) {
        GridSpec grid = grid(output);
        OutputFolder folder = new OutputFolder(output, new Configuration());
        Optional<WriterLock.Holder> writer = WriterLock.liveHolder(folder.fileSystem(), folder.path());
        if (writer.isPresent()) {
            String snapshot = folder.snapshotOfLanded();
            console.println(output + " is being written by " + writer.get().describe() + ": working on a copy of the"
                    + " results landed so far, " + snapshot + "; its tables are left to it");
            return work.apply(new ResultStore(spark, snapshot, grid.experiment()), grid, snapshot);
        }
        try (WriterLock lock = folder.lock("report", console::println)) {
            ResultStore store = new ResultStore(spark, output, grid.experiment());
            store.recover();
            return work.apply(store, grid, output);
        }
    }
}

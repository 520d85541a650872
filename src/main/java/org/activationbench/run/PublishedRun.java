package org.activationbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.WriterLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A finished run's tables copied into a folder of their own (beside its report, for checking in both), so that the
 * report's queries run on the files next to it, on any machine. The copy is an output folder like any other (grid,
 * manifest, the tables), so publishing again replaces only what an earlier publication wrote.
 */
public final class PublishedRun {

    private static final List<String> COPIED = List.of(OutputFolder.GRID_FILE, OutputFolder.MANIFEST, "runs", "epochs",
            "comparisons", "learning_rates");

    private PublishedRun() {}

    /** Why {@code output} cannot be copied to {@code copy}, or empty if it can. */
    public static Optional<String> problem(String output, String copy) {
        OutputFolder source = new OutputFolder(output, new Configuration());
        if (source.state() != OutputFolder.State.HOLDS_RUN) {
            return Optional.of(output + " holds no activation-bench run (no " + OutputFolder.GRID_FILE + "); pass the --output"
                    + " folder of a finished run");
        }
        Optional<WriterLock.Holder> writer = WriterLock.liveHolder(source.fileSystem(), source.path());
        if (writer.isPresent()) {
            return Optional.of(output + " is being written by " + writer.get().describe() + "; publish it once the run has ended");
        }
        OutputFolder target = new OutputFolder(copy, new Configuration());
        return switch (target.state()) {
            case ABSENT, EMPTY, HOLDS_RUN -> Optional.empty();
            case NOT_A_FOLDER -> Optional.of(target.location() + " is a file; move it away to publish here");
            case FOREIGN -> Optional.of(target.location() + " holds files activation-bench did not write; move them away or"
                    + " publish elsewhere");
        };
    }

    /** The grid a published copy states it was produced by: the canonical grid file, whose trials it holds. */
    public static void storeGrid(String copy, String text) {
        new OutputFolder(copy, new Configuration()).storeGrid(text);
    }

    /** A published run in a few words: its trials and the commits that trained them. */
    public static String describe(ResultStore store) {
        Dataset<Row> runs = store.read(Tables.RUNS);
        long trials = runs.select("trial_id").distinct().count();
        List<String> commits = runs.select("git_commit").distinct().collectAsList().stream().map(r -> r.getString(0))
                .sorted().toList();
        return trials + " trials trained at commit" + (commits.size() == 1 ? " " : "s ") + String.join(", ", commits);
    }

    /** Replaces what an earlier publication wrote into {@code copy} by {@code output}'s tables. Call {@link #problem} first. */
    public static void copy(String output, String copy) {
        OutputFolder source = new OutputFolder(output, new Configuration());
        OutputFolder target = new OutputFolder(copy, new Configuration());
        try {
            if (target.state() == OutputFolder.State.HOLDS_RUN) {
                List<String> kept = target.deleteProjectFiles();
                if (!kept.isEmpty()) {
                    throw new RefusedException(target.location() + " holds files activation-bench did not write: "
                            + kept + "; move them away");
                }
            }
            target.fileSystem().mkdirs(target.path());
            for (String name : COPIED) {
                Path from = new Path(source.path(), name);
                if (source.fileSystem().exists(from)) {
                    FileUtil.copy(source.fileSystem(), from, target.fileSystem(), new Path(target.path(), name), false,
                            target.fileSystem().getConf());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the tables of " + output + " to " + target.location(), e);
        }
    }
}

package org.activationbench.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.activationbench.storage.DurableFiles;
import org.activationbench.storage.WriteFailure;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Rewrites a table's partition whole, staged beside it and swapped in by a {@link Compaction}: runs and epochs from
 * their landed files (the attempt kept per trial, {@link BestAttempts}), or a derived table from given rows.
 */
final class Compactor {

    private final Configuration conf;
    private final Path root;
    private final String experiment;

    Compactor(Configuration conf, Path root, String experiment) {
        this.conf = conf;
        this.root = root;
        this.experiment = experiment;
    }

    /** Both tables' new content staged beside them, nothing swapped yet. */
    List<Compaction> stageRunsAndEpochs() throws IOException {
        List<Path> runFiles = Compaction.dataFiles(fs(), tableDir(Tables.RUNS));
        List<Path> epochFiles = Compaction.dataFiles(fs(), tableDir(Tables.EPOCHS));
        List<Object[]> runs = BestAttempts.runs(readRows(Tables.RUNS, runFiles));
        List<Object[]> epochs = BestAttempts.epochs(readRows(Tables.EPOCHS, epochFiles), runs);
        // One id for both tables, so a damaged file's partner in the other table can be found by its name.
        String id = UUID.randomUUID().toString();
        Compaction runsSwap = stage(Tables.RUNS, id, runFiles, runs);
        Compaction epochsSwap = stage(Tables.EPOCHS, id, epochFiles, epochs);
        // Both tables are written from the old files before either is swapped in.
        return List.of(runsSwap, epochsSwap);
    }

    private List<Object[]> readRows(Table<?> table, List<Path> files) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (Path f : files) {
            rows.addAll(ParquetFiles.read(conf, f, table));
        }
        return rows;
    }

    private Compaction stage(Table<?> table, String id, List<Path> inputs, List<Object[]> rows) throws IOException {
        Compaction c = new Compaction(fs(), new Path(root, table.name()), tableDir(table), id);
        c.recordInputs(inputs);
        Path staged = new Path(c.staging(), Table.PARTITION + "=" + experiment);
        ParquetFiles.write(conf, new Path(staged, "part-00000.parquet"), table, rows);
        DurableFiles.write(fs(), new Path(staged, "_SUCCESS"), new byte[0]);
        return c;
    }

    /** Replaces a derived table (comparisons) by the given rows, written from this process, swapped in whole. */
    void replace(Table table, List<Object[]> rows) {
        Path dir = new Path(root, table.name());
        try {
            Compaction c = new Compaction(fs(), dir, tableDir(table), UUID.randomUUID().toString());
            c.recordInputs(Compaction.dataFiles(fs(), tableDir(table)));
            Path staged = new Path(c.staging(), Table.PARTITION + "=" + experiment);
            dir = new Path(staged, "part-00000.parquet");
            ParquetFiles.write(conf, dir, table, rows);
            DurableFiles.write(fs(), new Path(staged, "_SUCCESS"), new byte[0]);
            dir = tableDir(table);
            c.finish();
        } catch (Exception | FSError e) {
            throw WriteFailure.at(dir, e);
        }
    }

    private Path tableDir(Table<?> table) {
        return new Path(new Path(root, table.name()), Table.PARTITION + "=" + experiment);
    }

    private FileSystem fs() throws IOException {
        return root.getFileSystem(conf);
    }
}

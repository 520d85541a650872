package org.activationbench.results;

import static org.apache.spark.sql.functions.col;
import org.activationbench.storage.DurableFiles;
import org.activationbench.storage.WriteFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The output folder of one experiment: {@code runs/}, {@code epochs/} (and later {@code comparisons/}, and a tuned
 * grid's {@code learning_rates/}), each Hive-partitioned by {@code experiment=}. Results land in small files as trials
 * finish; {@link #compact()} then rewrites runs and epochs as one file with exactly one row per trial (and per trial and epoch), which also settles
 * what a killed and resumed run left behind (a trial landed twice, epochs rows whose runs row never landed).
 * Landing, compacting, replacing and recovering are for the holder of the folder's {@link WriterLock}; reading is
 * for anyone.
 */
public final class ResultStore {

    /** The prefix of a data file set aside as unreadable; Spark skips names starting with '_'. */
    public static final String DAMAGED = DurableFiles.DAMAGED;

    private final SparkSession spark;
    private final Path root;
    private final String experiment;
    private final Configuration conf;
    private final AtomicLong sequence = new AtomicLong();

    public ResultStore(SparkSession spark, String root, String experiment) {
        this.spark = spark;
        this.root = new Path(root);
        this.experiment = experiment;
        this.conf = spark.sparkContext().hadoopConfiguration();
        try {
            // Hadoop's local file system would write a .crc file beside every data file; readers have no use for them.
            this.root.getFileSystem(conf).setWriteChecksum(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + root, e);
        }
    }

    /** The output folder. */
    public Path root() {
        return root;
    }

    /** The folder of this experiment's partition of a table. */
    public Path tableDir(Table table) {
        return new Path(new Path(root, table.name()), Table.PARTITION + "=" + experiment);
    }

    /** A tuned grid's stored choices of learning rate: the files of {@code learning_rates}. */
    public LearningRateFiles learningRates() {
        return new LearningRateFiles(conf, root, tableDir(Tables.LEARNING_RATES));
    }

    /** Writes the records' rows as new files: epochs first, so that a runs row never lands without its epochs. */
    public void land(List<TrialRecord> records) {
        land(records, c -> false);
    }

    /**
     * As {@link #land(List)}, leaving out the checkpoints {@code landedBefore} says have already landed (streamed by
     * {@link #landCheckpoints} while the trial trained), so that each attempt's checkpoint lands once.
     */
    public void land(List<TrialRecord> records, Predicate<Tables.Checkpoint> landedBefore) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> runs = new ArrayList<>();
        List<Object[]> epochs = new ArrayList<>();
        for (TrialRecord r : records) {
            runs.add(Tables.runRow(r));
            Tables.checkpoints(r).stream().filter(landedBefore.negate()).map(Tables::epochRow).forEach(epochs::add);
        }
        String name = fileName(records.get(0).result().config().trialId());
        if (!epochs.isEmpty()) {
            write(new Path(tableDir(Tables.EPOCHS), name), Tables.EPOCHS, epochs);
        }
        write(new Path(tableDir(Tables.RUNS), name), Tables.RUNS, runs);
    }

    /** Writes one data file; a failure of the file system is a {@link WriteFailure} naming it. */
    private void write(Path file, Table table, List<Object[]> rows) {
        try {
            ParquetFiles.write(conf, file, table, rows);
        } catch (Exception | FSError e) {
            throw WriteFailure.at(file, e);
        }
    }

    /**
     * Writes the epochs rows of checkpoints handed over while their trials still train, as one new file; their runs
     * rows land later with {@link #land(List, Predicate)}. Until then readers see them as an unfinished trial's.
     */
    public void landCheckpoints(List<Tables.Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return;
        }
        Path file = new Path(tableDir(Tables.EPOCHS), fileName(checkpoints.get(0).config().trialId()));
        write(file, Tables.EPOCHS, checkpoints.stream().map(Tables::epochRow).toList());
    }

    /** The {@link Tables.Checkpoint#key() keys} of the checkpoints landed so far with an attempt id. */
    public Set<String> landedCheckpointKeys() {
        Set<String> keys = new HashSet<>();
        for (Row r : read(Tables.EPOCHS).where(col("attempt_id").isNotNull()).select("trial_id", "attempt_id", "epoch")
                .collectAsList()) {
            keys.add(r.getString(0) + "/" + r.getString(1) + "/" + r.getInt(2));
        }
        return keys;
    }

    private String fileName(String trialId) {
        return String.format("part-%013d-%05d-%s.parquet", System.currentTimeMillis(), sequence.incrementAndGet(), trialId);
    }

    /** A table as a DataFrame (empty if nothing has landed yet), with its declared schema. */
    public Dataset<Row> read(Table table) {
        Path dir = new Path(root, table.name());
        if (!exists(dir)) {
            return spark.createDataFrame(List.of(), table.sparkSchema());
        }
        return spark.read().schema(table.sparkSchema()).parquet(dir.toString())
                .where(col(Table.PARTITION).equalTo(experiment));
    }

    /** Trial ids that need not run again: present in runs with a final status. */
    public Set<String> finishedTrialIds() {
        Set<String> ids = new HashSet<>();
        for (Row r : read(Tables.RUNS).where(col("status").isin(AttemptRule.FINAL_STATUSES.toArray()))
                .select("trial_id").distinct().collectAsList()) {
            ids.add(r.getString(0));
        }
        return ids;
    }

    /**
     * Rewrites runs and epochs as one file each from the files there now: per trial the runs row of its best attempt
     * (a final status over FAILED, then the latest) and the epochs rows of that same attempt. Only the files read are
     * deleted, and only once their replacement is in place. A failure of the file system is a {@link WriteFailure}; the
     * files read are then untouched, or replaced whole, and the next compaction (or recovery) settles the rest.
     */
    public void compact() {
        recover();
        List<Compaction> staged;
        try {
            staged = stageCompaction();
        } catch (Exception | FSError e) {
            throw WriteFailure.at(new Path(root, Compaction.PREFIX + "*"), e);
        }
        for (Compaction c : staged) {
            try {
                c.finish();
            } catch (Exception | FSError e) {
                throw WriteFailure.at(c.staging(), e);
            }
        }
    }

    /** The first half of {@link #compact()}: both tables' new content staged beside them, nothing swapped yet. */
    List<Compaction> stageCompaction() throws IOException {
        return new Compactor(conf, root, experiment).stageRunsAndEpochs();
    }

    /** Replaces a derived table (comparisons) by the given rows, written from this process, swapped in whole. */
    public void replace(Table table, List<Object[]> rows) {
        new Compactor(conf, root, experiment).replace(table, rows);
    }

    /** Completes or discards a killed driver's compaction and deletes the files it was landing. For the lock holder only. */
    public void recover() {
        try {
            for (Table table : Tables.ALL) {
                Compaction.recoverAll(fs(), new Path(root, table.name()), tableDir(table));
                DurableFiles.deleteTemporaries(fs(), tableDir(table));
            }
        } catch (Exception | FSError e) {
            throw WriteFailure.at(root, e);
        }
    }

    /**
     * Sets aside every runs or epochs file that is not readable Parquet (a file cut short by a crash or a full disk),
     * with the file landed or compacted with it in the other table, so that their trials count as missing and run
     * again. Each file set aside is renamed {@code _damaged-NAME}, named in {@code notice}, and never deleted. Returns
     * how many were set aside.
     */
    public int setAsideDamaged(Consumer<String> notice) {
        try {
            return DamagedDataFiles.setAside(fs(), conf, List.of(tableDir(Tables.RUNS), tableDir(Tables.EPOCHS)), notice);
        } catch (Exception | FSError e) {
            throw WriteFailure.at(root, e);
        }
    }

    private FileSystem fs() throws IOException {
        return root.getFileSystem(conf);
    }

    private boolean exists(Path p) {
        try {
            return fs().exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

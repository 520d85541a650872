package org.activationbench.results;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The output folder of one experiment: {@code runs/}, {@code epochs/} (and later {@code comparisons/}), each
 * Hive-partitioned by {@code experiment=}. Results land in small files as trials finish; {@link #compact()} then
 * rewrites each table as one file with exactly one row per trial (and per trial and epoch), which also settles
 * what a killed and resumed run left behind (a trial landed twice, epochs rows whose runs row never landed).
 */
public final class ResultStore {

    /** Statuses that are final: resume runs a trial again only if it is missing or FAILED. */
    public static final List<String> FINAL_STATUSES = List.of("OK", "DIVERGED");

    private static final String COMPACTING = "_compacting-";

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

    public Path root() {
        return root;
    }

    public Path tableDir(Table table) {
        return new Path(new Path(root, table.name()), Table.PARTITION + "=" + experiment);
    }

    /** Writes the records' rows as new files: epochs first, so that a runs row never lands without its epochs. */
    public void land(List<TrialRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Object[]> runs = new ArrayList<>();
        List<Object[]> epochs = new ArrayList<>();
        for (TrialRecord r : records) {
            runs.add(Tables.runRow(r));
            epochs.addAll(Tables.epochRows(r));
        }
        String name = String.format("part-%013d-%05d-%s.parquet", System.currentTimeMillis(), sequence.incrementAndGet(),
                records.get(0).result().config().trialId());
        try {
            if (!epochs.isEmpty()) {
                ParquetFiles.write(conf, new Path(tableDir(Tables.EPOCHS), name), Tables.EPOCHS, epochs);
            }
            ParquetFiles.write(conf, new Path(tableDir(Tables.RUNS), name), Tables.RUNS, runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results under " + root, e);
        }
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
        for (Row r : read(Tables.RUNS).where(col("status").isin(FINAL_STATUSES.toArray()))
                .select("trial_id").distinct().collectAsList()) {
            ids.add(r.getString(0));
        }
        return ids;
    }

    /**
     * Rewrites runs and epochs as one file each: per trial the row of its best attempt (a final status over FAILED,
     * then the latest), per trial and epoch one row, and no epochs rows of trials absent from runs.
     */
    public void compact() {
        recover();
        Dataset<Row> runs = read(Tables.RUNS);
        Dataset<Row> latest = runs
                .withColumn("_rank", row_number().over(Window.partitionBy("trial_id")
                        .orderBy(when(col("status").isin(FINAL_STATUSES.toArray()), 0).otherwise(1), col("finished_at").desc())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
        Dataset<Row> epochs = read(Tables.EPOCHS)
                .join(latest.select("trial_id"), "trial_id")
                .dropDuplicates("trial_id", "epoch");
        // Both tables are written from the old files before either is swapped in.
        Path runsStaging = stage(Tables.RUNS, latest.orderBy("architecture", "activation", "alpha", "seed"));
        Path epochsStaging = stage(Tables.EPOCHS, epochs.orderBy("architecture", "activation", "alpha", "seed", "epoch"));
        finishSwap(Tables.RUNS, runsStaging);
        finishSwap(Tables.EPOCHS, epochsStaging);
    }

    /**
     * Writes a table's new content to a hidden staging folder; {@link #finishSwap} then deletes the old files and
     * moves the new ones in. {@link #recover()} finishes the swap if the process dies during it.
     */
    private Path stage(Table table, Dataset<Row> rows) {
        String id = UUID.randomUUID().toString();
        Path staging = new Path(new Path(root, table.name()), COMPACTING + id);
        rows.select(java.util.Arrays.stream(table.sparkSchema().fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .partitionBy(Table.PARTITION).parquet(staging.toString());
        return staging;
    }

    /** Replaces a derived table (comparisons) by the given rows, written from this process, swapped in whole. */
    public void replace(Table table, List<Object[]> rows) {
        Path staging = new Path(new Path(root, table.name()), COMPACTING + UUID.randomUUID());
        try {
            ParquetFiles.write(conf, new Path(new Path(staging, Table.PARTITION + "=" + experiment), "part-00000.parquet"),
                    table, rows);
            fs().create(new Path(staging, "_SUCCESS")).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name() + " under " + root, e);
        }
        finishSwap(table, staging);
    }

    /** Completes or discards a compaction interrupted by a killed driver. */
    public void recover() {
        for (Table table : Tables.ALL) {
            Path dir = new Path(root, table.name());
            if (!exists(dir)) {
                continue;
            }
            try {
                for (FileStatus s : fs().listStatus(dir)) {
                    if (s.isDirectory() && s.getPath().getName().startsWith(COMPACTING)) {
                        if (exists(new Path(s.getPath(), "_SUCCESS"))) {
                            finishSwap(table, s.getPath());
                        } else {
                            fs().delete(s.getPath(), true);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void finishSwap(Table table, Path staging) {
        try {
            FileSystem fs = fs();
            Path source = new Path(staging, Table.PARTITION + "=" + experiment);
            Path target = tableDir(table);
            String prefix = "c-" + staging.getName().substring(COMPACTING.length()) + "-";
            fs.mkdirs(target);
            List<FileStatus> incoming = exists(source) ? List.of(fs.listStatus(source)) : List.of();
            for (FileStatus old : fs.listStatus(target)) {
                if (!old.getPath().getName().startsWith(prefix)) {
                    fs.delete(old.getPath(), true);
                }
            }
            for (FileStatus f : incoming) {
                String name = f.getPath().getName();
                if (name.endsWith(".parquet")) {
                    fs.rename(f.getPath(), new Path(target, prefix + name));
                }
            }
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + table.name() + " under " + root, e);
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

package org.activationbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.activationbench.storage.OutputFolder;
import org.activationbench.storage.RefusedException;
import org.activationbench.storage.WriteFailure;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of {@code learning_rates}: one per choice (a label in one setting and condition), named after it and
 * written once, so that a choice on disk is the answer from then on. Read on the driver, without a Spark job, and
 * checked as read: a file that is not whole Parquet, lacks a column, or holds another choice's rows is refused.
 */
public final class LearningRateFiles {

    private final Configuration conf;
    private final Path root;
    private final Path dir;

    LearningRateFiles(Configuration conf, Path root, Path dir) {
        this.conf = conf;
        this.root = root;
        this.dir = dir;
    }

    /** Every stored row, file by file; refused ({@link RefusedException}) where a file is not what was written. */
    public List<LearningRateRow> read() {
        List<LearningRateRow> rows = new ArrayList<>();
        try {
            for (Path file : Compaction.dataFiles(fs(), dir)) {
                rows.addAll(read(file));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + dir, e);
        }
        return rows;
    }

    private List<LearningRateRow> read(Path file) throws IOException {
        String fix = "; the chosen learning rates are read back from learning_rates and never chosen again while a"
                + " choice's file is there: move " + file.getName() + " out of " + dir + " to have that choice made"
                + " again from the tuning trials";
        if (!ParquetFiles.readable(conf, file)) {
            throw new RefusedException(file + " is not readable Parquet" + fix);
        }
        List<LearningRateRow> rows = new ArrayList<>();
        for (Object[] values : ParquetFiles.read(conf, file, Tables.LEARNING_RATES)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    throw new RefusedException(file + " has no value of " + Tables.LEARNING_RATES.columns().get(i).name()
                            + fix);
                }
            }
            LearningRateRow row = LearningRateColumns.row(values);
            if (!file.getName().equals(fileName(row.key()))) {
                throw new RefusedException(file + " holds the choice for " + row.key().replace('\u0000', ' ')
                        + ", which is not the one its name says" + fix);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Writes one choice's rows (every rate tried for one key) as the file named after it, unless that file exists:
     * then it is the answer, and nothing is written. Returns whether it wrote. The folder's manifest, if it has one,
     * comes to list the table, so that {@code --overwrite} removes it with the others.
     */
    public boolean write(List<LearningRateRow> rows) {
        String key = rows.get(0).key();
        if (rows.stream().anyMatch(r -> !r.key().equals(key))) {
            throw new IllegalArgumentException("the rows of one file are one choice's: " + rows);
        }
        Path file = new Path(dir, fileName(key));
        try {
            if (fs().exists(file)) {
                return false;
            }
            ParquetFiles.write(conf, file, Tables.LEARNING_RATES, rows.stream().map(Tables.LEARNING_RATES::row).toList());
            new OutputFolder(root.toString(), conf).declare(Tables.LEARNING_RATES.name());
            return true;
        } catch (Exception | FSError e) {
            throw WriteFailure.at(file, e);
        }
    }

    /** The file a choice is stored in: {@code part-} and the first 16 hex digits of the SHA-256 of its key. */
    static String fileName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "part-" + HexFormat.of().formatHex(digest, 0, 8) + ".parquet";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private FileSystem fs() throws IOException {
        return dir.getFileSystem(conf);
    }
}

package org.activationbench.results;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.activationbench.storage.DurableFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data files of runs and epochs that are not readable Parquet (cut short by a crash or a full disk), set aside as
 * {@code _damaged-NAME} together with the file landed or compacted with each in the other table, so that their trials
 * count as missing and run again. Nothing is deleted.
 */
final class DamagedDataFiles {

    private DamagedDataFiles() {}

    /** Sets aside the damaged files of the two partitions (runs, epochs), each named in {@code notice}; returns how many. */
    static int setAside(FileSystem fs, Configuration conf, List<Path> partitions, Consumer<String> notice) throws IOException {
        int count = 0;
        for (int t = 0; t < partitions.size(); t++) {
            for (Path file : Compaction.dataFiles(fs, partitions.get(t))) {
                if (ParquetFiles.readable(conf, file)) {
                    continue;
                }
                // A landing's files share its name; a compaction's share the prefix c-<uuid>- (39 characters).
                String partner = file.getName().startsWith("c-") ? file.getName().substring(0, 39) : file.getName();
                setAside(fs, file, notice, "it is not readable Parquet");
                count++;
                for (Path p : Compaction.dataFiles(fs, partitions.get(1 - t))) {
                    if (p.getName().startsWith(partner)) {
                        setAside(fs, p, notice, "it was written with " + file.getName() + ", which is not readable Parquet");
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static void setAside(FileSystem fs, Path file, Consumer<String> notice, String why) throws IOException {
        Path aside = new Path(file.getParent(), ResultStore.DAMAGED + file.getName());
        DurableFiles.rename(fs, file, aside);
        notice.accept("set aside " + file + " as " + aside.getName() + ": " + why + "; its trials run again");
    }
}

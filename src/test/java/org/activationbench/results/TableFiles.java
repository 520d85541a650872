package org.activationbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Writes a table's rows as Parquet the way results land, for tests that read real tables without running a grid. */
public final class TableFiles {

    private TableFiles() {}

    /**
     * Writes one file of {@code table} under {@code root}, partition {@code experiment}. Each row names its values by
     * column; a column a row leaves out is null where the table allows it, else a neutral value of its kind.
     */
    public static void write(Path root, String experiment, Table<?> table, List<Map<String, Object>> rows) throws IOException {
        write(root, experiment, table, rows, "part-00000.parquet");
    }

    /** The same, into a file of the given name: a second file is what a resumed run lands beside the first. */
    public static void write(Path root, String experiment, Table<?> table, List<Map<String, Object>> rows, String file)
            throws IOException {
        writeRows(root, experiment, table, rows.stream().map(r -> table.columns().stream()
                .map(c -> r.containsKey(c.name()) ? r.get(c.name()) : neutral(c)).toArray()).toList(), file);
    }

    /** Writes rows given in the table's column order. */
    public static void writeRows(Path root, String experiment, Table<?> table, List<Object[]> rows) throws IOException {
        writeRows(root, experiment, table, rows, "part-00000.parquet");
    }

    private static void writeRows(Path root, String experiment, Table<?> table, List<Object[]> rows, String file)
            throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root.resolve(table.name())
                .resolve(Table.PARTITION + "=" + experiment).toUri());
        ParquetFiles.write(new Configuration(), new org.apache.hadoop.fs.Path(dir, file), table, rows);
    }

    private static Object neutral(Column<?> c) {
        if (c.nullable()) {
            return null;
        }
        return switch (c.kind()) {
            case STRING -> "";
            case INT, LONG -> 0;
            case DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case TIMESTAMP -> Instant.EPOCH;
            case DOUBLE_LIST, INT_LIST, LONG_LIST, STRING_LIST -> List.of();
        };
    }
}

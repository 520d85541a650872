package org.activationbench.results;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.storage.DurableFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a {@link Table} to one Parquet file, and reads them back, from the driver without a Spark job: results
 * land while every executor core is busy training, and a compaction of a few thousand rows needs no executor. The file appears under its final name only once complete (written under a
 * hidden name, flushed to the disk, then renamed), so readers never see half a file, even after a power loss.
 */
final class ParquetFiles {

    private ParquetFiles() {}

    static void write(Configuration conf, Path file, Table table, List<Object[]> rows) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        Path hidden = DurableFiles.temporary(file);
        MessageType schema = table.parquetSchema();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(synced(fs, hidden))
                    .withType(schema)
                    .withConf(conf)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (Object[] row : rows) {
                    writer.write(group(groups.newGroup(), table, row));
                }
            }
            DurableFiles.forceIfLocal(fs, hidden);
        } catch (IOException | RuntimeException | FSError e) {
            // A file cut short under the hidden name is this writer's own: removed, so that no empty file is left.
            DurableFiles.deleteQuietly(fs, hidden, e);
            throw e;
        }
        DurableFiles.rename(fs, hidden, file);
        DurableFiles.forceIfLocal(fs, file.getParent());
    }

    /**
     * The file as Parquet's writer sees it, created by {@link DurableFiles#create} and {@code hsync}ed before it is
     * closed on a file system other than the local disk (on HDFS, every block is on the datanodes' disks, not only in
     * their memory, before the rename); the local disk is flushed with {@code FileChannel.force} instead, by
     * {@link DurableFiles#forceIfLocal}.
     */
    private static OutputFile synced(FileSystem fs, Path file) {
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                FSDataOutputStream out = DurableFiles.create(fs, file);
                return new DelegatingPositionOutputStream(out) {
                    @Override
                    public long getPos() throws IOException {
                        return out.getPos();
                    }

                    @Override
                    public void close() throws IOException {
                        try (out) {
                            if (!DurableFiles.isLocal(fs)) {
                                out.hsync();
                            }
                        }
                    }
                };
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                return create(blockSizeHint);
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return fs.getDefaultBlockSize(file);
            }

            @Override
            public String getPath() {
                return file.toString();
            }
        };
    }

    /**
     * The rows of one data file in the table's column order. Columns are found by name, so a file landed before a
     * column existed reads as null there, as Spark reads it with the table's schema.
     */
    static List<Object[]> read(Configuration conf, Path file, Table<?> table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(row(g, table));
            }
        }
        return rows;
    }

    private static Object[] row(Group g, Table<?> table) {
        List<? extends Column<?>> columns = table.columns();
        GroupType type = g.getType();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column<?> c = columns.get(i);
            if (type.containsField(c.name()) && g.getFieldRepetitionCount(c.name()) > 0) {
                row[i] = switch (c.kind()) {
                    case STRING -> g.getString(c.name(), 0);
                    case INT -> g.getInteger(c.name(), 0);
                    case LONG -> g.getLong(c.name(), 0);
                    case DOUBLE -> g.getDouble(c.name(), 0);
                    case BOOLEAN -> g.getBoolean(c.name(), 0);
                    case TIMESTAMP -> Instant.EPOCH.plus(g.getLong(c.name(), 0), ChronoUnit.MICROS);
                    case DOUBLE_LIST, INT_LIST, LONG_LIST, STRING_LIST -> list(g.getGroup(c.name(), 0), c.kind());
                };
            }
        }
        return row;
    }

    private static List<Object> list(Group list, Column.Kind kind) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
            Group entry = list.getGroup("list", i);
            if (entry.getFieldRepetitionCount("element") == 0) {
                values.add(null);
                continue;
            }
            values.add(switch (kind) {
                case DOUBLE_LIST -> entry.getDouble("element", 0);
                case INT_LIST -> entry.getInteger("element", 0);
                case LONG_LIST -> entry.getLong("element", 0);
                default -> entry.getString("element", 0);
            });
        }
        return values;
    }

    /** Whether a file is whole Parquet: its footer, written last, can be read. */
    static boolean readable(Configuration conf, Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return reader.getFooter() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Group group(Group g, Table table, Object[] row) {
        List<Column> columns = table.columns();
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(table.name() + ": row has " + row.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            Column c = columns.get(i);
            Object v = row[i];
            if (v == null) {
                if (!c.nullable()) {
                    throw new IllegalArgumentException(table.name() + "." + c.name() + " may not be null");
                }
                continue;
            }
            switch (c.kind()) {
                case STRING -> g.add(c.name(), (String) v);
                case INT -> g.add(c.name(), ((Number) v).intValue());
                case LONG -> g.add(c.name(), ((Number) v).longValue());
                case DOUBLE -> g.add(c.name(), ((Number) v).doubleValue());
                case BOOLEAN -> g.add(c.name(), (Boolean) v);
                case TIMESTAMP -> g.add(c.name(), ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) v));
                case DOUBLE_LIST, INT_LIST, LONG_LIST, STRING_LIST -> {
                    Group list = g.addGroup(c.name());
                    for (Object element : (List<?>) v) {
                        Group entry = list.addGroup("list");
                        if (element == null) {
                            continue;
                        }
                        switch (c.kind()) {
                            case DOUBLE_LIST -> entry.add("element", ((Number) element).doubleValue());
                            case INT_LIST -> entry.add("element", ((Number) element).intValue());
                            case LONG_LIST -> entry.add("element", ((Number) element).longValue());
                            default -> entry.add("element", (String) element);
                        }
                    }
                }
            }
        }
        return g;
    }
}

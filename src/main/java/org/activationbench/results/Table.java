package org.activationbench.results;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A published table: its columns, from which its Parquet schema, its Spark schema and its rows are derived, so they
 * cannot drift apart. Every table is Hive-partitioned by {@code experiment}, which lives in the directory name.
 *
 * @param <S> what one row describes
 */
public record Table<S>(String name, String description, List<Column<S>> columns) {

    public static final String PARTITION = "experiment";

    /** The row of one source, in column order. */
    public Object[] row(S source) {
        return columns.stream().map(c -> c.of(source)).toArray();
    }

    /** The Parquet schema of the files (without the partition column). */
    public MessageType parquetSchema() {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column c : columns) {
            message.addField(parquetType(c));
        }
        return message.named(name);
    }

    /** The Spark schema of the table as read back, partition column last. */
    public StructType sparkSchema() {
        List<StructField> fields = columns.stream()
                .map(c -> DataTypes.createStructField(c.name(), sparkType(c.kind()), c.nullable()))
                .collect(Collectors.toList());
        fields.add(DataTypes.createStructField(PARTITION, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private static Type parquetType(Column<?> c) {
        Type.Repetition repetition = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (c.kind()) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(c.name());
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
            case DOUBLE_LIST -> list(c.name(), repetition, Types.optional(PrimitiveTypeName.DOUBLE).named("element"));
            case INT_LIST -> list(c.name(), repetition, Types.optional(PrimitiveTypeName.INT32).named("element"));
            case LONG_LIST -> list(c.name(), repetition, Types.optional(PrimitiveTypeName.INT64).named("element"));
            case STRING_LIST -> list(c.name(), repetition,
                    Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("element"));
        };
    }

    /** The standard three-level LIST layout, which Spark, DuckDB and pandas all read. */
    private static Type list(String name, Type.Repetition repetition, Type element) {
        return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup().addField(element).named("list"))
                .named(name);
    }

    private static DataType sparkType(Column.Kind kind) {
        return switch (kind) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case DOUBLE_LIST -> DataTypes.createArrayType(DataTypes.DoubleType, true);
            case INT_LIST -> DataTypes.createArrayType(DataTypes.IntegerType, true);
            case LONG_LIST -> DataTypes.createArrayType(DataTypes.LongType, true);
            case STRING_LIST -> DataTypes.createArrayType(DataTypes.StringType, true);
        };
    }
}

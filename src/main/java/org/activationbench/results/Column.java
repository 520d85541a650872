package org.activationbench.results;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a published table, with how its value is taken from the thing a row describes ({@code S}: a trial's
 * record, one of its checkpoints, a comparison). The value's Java type is checked against the column's kind when the
 * table's definition compiles.
 *
 * @param unit        the unit of the values ("" where none applies)
 * @param description what a value means, for the schema document
 */
public record Column<S>(String name, Kind kind, boolean nullable, String unit, String description, Function<? super S, ?> value) {

    /** The value types the tables use. */
    public enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP, DOUBLE_LIST, STRING_LIST, INT_LIST, LONG_LIST }

    /** A kind with the Java type of its values. */
    public record Type<T>(Kind kind) {}

    public static final Type<String> STRING = new Type<>(Kind.STRING);
    public static final Type<Integer> INT = new Type<>(Kind.INT);
    public static final Type<Long> LONG = new Type<>(Kind.LONG);
    public static final Type<Double> DOUBLE = new Type<>(Kind.DOUBLE);
    public static final Type<Boolean> BOOLEAN = new Type<>(Kind.BOOLEAN);
    public static final Type<Instant> TIMESTAMP = new Type<>(Kind.TIMESTAMP);
    public static final Type<List<Double>> DOUBLE_LIST = new Type<>(Kind.DOUBLE_LIST);
    public static final Type<List<String>> STRING_LIST = new Type<>(Kind.STRING_LIST);
    public static final Type<List<Integer>> INT_LIST = new Type<>(Kind.INT_LIST);
    public static final Type<List<Long>> LONG_LIST = new Type<>(Kind.LONG_LIST);

    static <S, T> Column<S> required(String name, Type<T> type, String unit, String description,
            Function<? super S, ? extends T> value) {
        return new Column<>(name, type.kind(), false, unit, description, value);
    }

    static <S, T> Column<S> optional(String name, Type<T> type, String unit, String description,
            Function<? super S, ? extends T> value) {
        return new Column<>(name, type.kind(), true, unit, description, value);
    }

    /** This column's value for one source. */
    Object of(S source) {
        return value.apply(source);
    }
}

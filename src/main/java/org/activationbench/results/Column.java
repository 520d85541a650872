package org.activationbench.results;

/**
 * One column of a published table.
 *
 * @param unit        the unit of the values ("" where none applies)
 * @param description what a value means, for the schema document
 */
public record Column(String name, Kind kind, boolean nullable, String unit, String description) {

    /** The value types the tables use. */
    public enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP, DOUBLE_LIST, STRING_LIST, INT_LIST }

    static Column required(String name, Kind kind, String unit, String description) {
        return new Column(name, kind, false, unit, description);
    }

    static Column optional(String name, Kind kind, String unit, String description) {
        return new Column(name, kind, true, unit, description);
    }
}

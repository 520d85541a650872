package org.activationbench.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activationbench.results.Column;
import org.activationbench.results.Table;

/**
 * Tables landed by an earlier version lack the columns added since: the view over their files gains each missing
 * column as a typed NULL, as docs/schema.md says such rows read, so that every query of the report runs on them.
 */
final class EarlierColumns {

    private EarlierColumns() {}

    /**
     * The statement that redefines {@code view} as {@code files} plus the table's columns missing there, or null when
     * none is missing.
     */
    static String upgrade(Statement s, String view, String files, Table<?> table) throws SQLException {
        Set<String> present = new HashSet<>();
        try (ResultSet r = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + files + "'")) {
            while (r.next()) {
                present.add(r.getString(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            if (!present.contains(c.name())) {
                missing.add("CAST(NULL AS " + duckDbType(c.kind()) + ") AS " + c.name());
            }
        }
        return missing.isEmpty() ? null
                : "CREATE VIEW " + view + " AS SELECT *, " + String.join(", ", missing) + " FROM " + files;
    }

    /** A view with the table's columns and no row: for a table no file of which has landed yet. */
    static String empty(String view, Table<?> table) {
        return "CREATE VIEW " + view + " AS SELECT " + table.columns().stream()
                .map(c -> "CAST(NULL AS " + duckDbType(c.kind()) + ") AS " + c.name())
                .collect(java.util.stream.Collectors.joining(", ")) + " WHERE false";
    }

    private static String duckDbType(Column.Kind kind) {
        return switch (kind) {
            case STRING -> "VARCHAR";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case DOUBLE_LIST -> "DOUBLE[]";
            case INT_LIST -> "INTEGER[]";
            case LONG_LIST -> "BIGINT[]";
            case STRING_LIST -> "VARCHAR[]";
        };
    }
}

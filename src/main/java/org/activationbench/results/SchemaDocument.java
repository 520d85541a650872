package org.activationbench.results;

import java.util.List;
import org.activationbench.train.EarlierInactiveUnits;

/** Renders the published tables as the Markdown of {@code docs/schema.md}, so the document cannot drift from the code. */
public final class SchemaDocument {

    private SchemaDocument() {}

    /** The Markdown of docs/schema.md for these tables. */
    public static String markdown(List<Table<?>> tables) {
        StringBuilder b = new StringBuilder("# Output tables\n\n");
        b.append("Every run writes Parquet tables under its output folder (default `results/<experiment>/`), each ")
                .append("Hive-partitioned by `experiment=<name>`:\n\n```\n");
        for (Table<?> t : tables) {
            b.append(t.name()).append("/experiment=<name>/*.parquet\n");
        }
        b.append("```\n\nThe column `experiment` comes from the folder name. Timestamps are Parquet INT64 ")
                .append("TIMESTAMP(MICROS, UTC). Lists are standard three-level Parquet LISTs. This document is generated ")
                .append("from the table definitions in `org.activationbench.results` (`SchemaDocumentTest` keeps it current).\n");
        for (Table<?> t : tables) {
            b.append("\n## ").append(t.name()).append("\n\n").append(t.description()).append("\n\n");
            b.append("| column | type | unit | meaning |\n|---|---|---|---|\n");
            for (Column<?> c : t.columns()) {
                b.append("| `").append(c.name()).append("` | ").append(type(c)).append(" | ").append(c.unit())
                        .append(" | ").append(c.description().replace("|", "\\|")).append(" |\n");
            }
        }
        b.append('\n').append(EarlierInactiveUnits.DOCUMENTATION);
        return b.toString();
    }

    private static String type(Column<?> c) {
        String type = switch (c.kind()) {
            case STRING -> "string";
            case INT -> "int32";
            case LONG -> "int64";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case TIMESTAMP -> "timestamp";
            case DOUBLE_LIST -> "list<double>";
            case INT_LIST -> "list<int32>";
            case LONG_LIST -> "list<int64>";
            case STRING_LIST -> "list<string>";
        };
        return c.nullable() ? type + ", nullable" : type;
    }
}

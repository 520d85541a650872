package org.activationbench.report;

import java.util.List;

/** A piece of the report, rendered the same way into the notebook and the HTML page. */
sealed interface Block {

    /** Prose, in Markdown. */
    record Text(String markdown) implements Block {}

    /**
     * A table: the rows its query returned on the landed tables, shown with that query.
     *
     * @param caption shown above it, Markdown
     */
    record Table(String caption, List<String> header, List<List<String>> rows, String sql) implements Block {

        String code() {
            return Block.code(sql);
        }
    }

    /**
     * A PNG figure drawn from its query's rows, shown with that query.
     *
     * @param sql null for a figure drawn from no table (the activation functions themselves)
     */
    record Figure(String caption, String file, byte[] png, String sql) implements Block {

        String code() {
            return sql == null ? "# computed in Java from the DL4J activations; no table behind it" : Block.code(sql);
        }
    }

    /** The notebook's code for a query: DuckDB on the connection the first cell opened. */
    static String code(String sql) {
        return "con.sql(\"\"\"\n" + sql.strip() + "\n\"\"\").df()";
    }
}

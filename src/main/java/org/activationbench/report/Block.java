package org.activationbench.report;

import java.util.List;

/** A piece of the report, rendered the same way into the notebook and the HTML page. */
sealed interface Block {

    /** Prose, in Markdown. */
    record Text(String markdown) implements Block {}

    /**
     * A table, with the Python (DuckDB) code that reproduces it from the Parquet output.
     *
     * @param caption shown above it, Markdown
     */
    record Table(String caption, List<String> header, List<List<String>> rows, String code) implements Block {}

    /** A PNG figure, with the code of the query behind it. */
    record Figure(String caption, String file, byte[] png, String code) implements Block {}
}

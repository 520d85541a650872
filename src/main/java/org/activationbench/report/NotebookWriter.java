package org.activationbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * Writes a report as a Jupyter notebook (nbformat 4.5) whose outputs are already filled in: prose as Markdown
 * cells; each table and figure as a code cell holding the query that reproduces it, with the table (HTML) or the
 * figure (PNG) as its output.
 */
final class NotebookWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NotebookWriter() {}

    static String write(List<Block> blocks, String setupCode) {
        ObjectNode notebook = JSON.createObjectNode();
        ArrayNode cells = notebook.putArray("cells");
        int[] counter = {0};
        code(cells, counter, setupCode, null);
        for (Block b : blocks) {
            if (b instanceof Block.Text t) {
                markdown(cells, t.markdown());
            } else if (b instanceof Block.Table t) {
                markdown(cells, t.caption());
                ObjectNode output = JSON.createObjectNode().put("output_type", "execute_result");
                output.put("execution_count", counter[0] + 1);
                ObjectNode data = output.putObject("data");
                lines(data.putArray("text/html"), HtmlWriter.table(t));
                lines(data.putArray("text/plain"), plain(t));
                output.putObject("metadata");
                code(cells, counter, t.code(), output);
            } else if (b instanceof Block.Figure f) {
                markdown(cells, f.caption());
                ObjectNode output = JSON.createObjectNode().put("output_type", "display_data");
                ObjectNode data = output.putObject("data");
                data.put("image/png", Base64.getEncoder().encodeToString(f.png()));
                data.putArray("text/plain").add("<Figure: " + f.file() + ">");
                output.putObject("metadata");
                code(cells, counter, f.code(), output);
            }
        }
        ObjectNode metadata = notebook.putObject("metadata");
        metadata.putObject("kernelspec").put("display_name", "Python 3").put("language", "python").put("name", "python3");
        metadata.putObject("language_info").put("name", "python");
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        try {
            return JSON.writeValueAsString(notebook) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void markdown(ArrayNode cells, String text) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "markdown");
        cell.put("id", "cell-" + cells.size());
        cell.putObject("metadata");
        lines(cell.putArray("source"), text);
    }

    private static void code(ArrayNode cells, int[] counter, String source, ObjectNode output) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code");
        cell.put("execution_count", ++counter[0]);
        cell.put("id", "cell-" + cells.size());
        cell.putObject("metadata");
        ArrayNode outputs = cell.putArray("outputs");
        if (output != null) {
            outputs.add(output);
        }
        lines(cell.putArray("source"), source);
    }

    /** nbformat stores multi-line strings as lists of lines, each but the last ending in a newline. */
    private static void lines(ArrayNode array, String text) {
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) {
                array.add(parts[i] + "\n");
            } else if (!parts[i].isEmpty()) {
                array.add(parts[i]);
            }
        }
    }

    private static String plain(Block.Table t) {
        StringBuilder b = new StringBuilder(String.join(" | ", t.header())).append('\n');
        for (List<String> row : t.rows()) {
            b.append(String.join(" | ", row)).append('\n');
        }
        return b.toString();
    }
}

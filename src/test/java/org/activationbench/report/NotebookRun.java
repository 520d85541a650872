package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a written report's notebook as a reader would, on its own DuckDB connection: the first cell's statements with
 * RESULTS resolved from the report folder, then every query cell. Each table's rows must be exactly the rows shown
 * under it, in the notebook and on the HTML page; each figure's query must run and return rows.
 */
final class NotebookRun {

    private static final Pattern SETUP = Pattern.compile("con\\.execute\\(f\"\"\"\\n(.*?)\\n\"\"\"\\)", Pattern.DOTALL);
    private static final Pattern QUERY = Pattern.compile("^con\\.sql\\(\"\"\"\\n(.*)\\n\"\"\"\\)\\.df\\(\\)$", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr[^>]*>((?:<td>.*?</td>)*)</tr>");
    private static final Pattern CELL = Pattern.compile("<td>(.*?)</td>");

    /** How many tables the notebook shows (each checked against its query) and how many figures' queries ran. */
    record Shown(int tables, int figures) {}

    private NotebookRun() {}

    static Shown run(Path report) throws Exception {
        JsonNode nb = new ObjectMapper().readTree(report.resolve("report.ipynb").toFile());
        String html = Files.readString(report.resolve("report.html"));
        List<JsonNode> code = new ArrayList<>();
        nb.get("cells").forEach(c -> {
            if (c.get("cell_type").asText().equals("code")) {
                code.add(c);
            }
        });
        String setup = source(code.get(0));
        Matcher results = Pattern.compile("RESULTS = \"([^\"]+)\"").matcher(setup);
        assertTrue(results.find(), setup);
        String folder = report.resolve(results.group(1)).normalize().toString();
        int tables = 0;
        int figures = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            Matcher statements = SETUP.matcher(setup);
            while (statements.find()) {
                // Python reads each statement as an f-string: any brace but {RESULTS}, or a backslash, would change it.
                String bare = statements.group(1).replace("{RESULTS}", "");
                assertFalse(bare.contains("{") || bare.contains("}") || bare.contains("\\"), report + ": " + bare);
                s.execute(statements.group(1).replace("{RESULTS}", folder));
            }
            for (JsonNode cell : code.subList(1, code.size())) {
                Matcher query = QUERY.matcher(source(cell));
                if (!query.matches()) {
                    assertTrue(source(cell).startsWith("# computed in Java"), source(cell));
                    continue;
                }
                List<List<String>> rows = rows(s, query.group(1));
                JsonNode tableHtml = cell.at("/outputs/0/data/text~1html");
                if (tableHtml.isArray()) {
                    StringBuilder shown = new StringBuilder();
                    tableHtml.forEach(line -> shown.append(line.asText()));
                    assertFalse(rows.isEmpty(), report + ": " + query.group(1));
                    assertEquals(htmlRows(shown.toString()), rows, report + ": " + query.group(1));
                    assertTrue(html.contains(shown), report + ": the page shows the same table as the notebook");
                    tables++;
                } else {
                    assertFalse(rows.isEmpty(), report + ": a figure's query returns its data: " + query.group(1));
                    figures++;
                }
            }
        }
        return new Shown(tables, figures);
    }

    private static String source(JsonNode cell) {
        StringBuilder b = new StringBuilder();
        cell.get("source").forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    private static List<List<String>> rows(Statement s, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<String>> htmlRows(String table) {
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            if (row.group(1).isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }
}

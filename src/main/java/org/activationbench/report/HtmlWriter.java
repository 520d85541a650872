package org.activationbench.report;

import java.util.Base64;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Writes a report as one self-contained HTML page: styles inline, figures as data URIs, queries folded away. */
final class HtmlWriter {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto;
                   padding: 0 1em; color: #1b1b1b; line-height: 1.5; }
            h1, h2, h3 { line-height: 1.25; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
            table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: 13px; }
            th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: right; }
            th { background: #f3f5f7; } td:first-child, th:first-child { text-align: left; }
            tr.better td { background: #e8f6ea; } tr.worse td { background: #fdecea; }
            img { max-width: 100%; border: 1px solid #eee; }
            details { margin: .2em 0 1.5em; } summary { cursor: pointer; color: #57606a; font-size: 13px; }
            pre { background: #f6f8fa; padding: .8em; overflow-x: auto; font-size: 12px; }
            code { background: #f6f8fa; padding: 0 .2em; }
            """;

    private HtmlWriter() {}

    static String write(String title, List<Block> blocks, String setupCode) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        for (Block block : blocks) {
            if (block instanceof Block.Text t) {
                b.append(markdown(t.markdown()));
            } else if (block instanceof Block.Table t) {
                b.append(markdown(t.caption())).append(table(t)).append(query(t.code()));
            } else if (block instanceof Block.Figure f) {
                b.append(markdown(f.caption()))
                        .append("<p><img alt=\"").append(escape(f.file())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\"></p>\n").append(query(f.code()));
            }
        }
        b.append("<h2>Reproducing the tables</h2>\n<p>Every table's query, for DuckDB in Python, starts from:</p>\n<pre>")
                .append(escape(setupCode)).append("</pre>\n</body>\n</html>\n");
        return b.toString();
    }

    static String markdown(String text) {
        return HTML.render(MARKDOWN.parse(text));
    }

    static String table(Block.Table t) {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (String h : t.header()) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        int verdict = t.header().indexOf("verdict");
        for (List<String> row : t.rows()) {
            String cls = verdict >= 0 && (row.get(verdict).equals("better") || row.get(verdict).equals("worse"))
                    ? " class=\"" + row.get(verdict) + "\"" : "";
            b.append("<tr").append(cls).append('>');
            for (String cell : row) {
                b.append("<td>").append(escape(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    private static String query(String code) {
        return "<details><summary>Query (DuckDB)</summary><pre>" + escape(code) + "</pre></details>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

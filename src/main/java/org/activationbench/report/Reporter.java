package org.activationbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.activationbench.compare.ComparedRun;
import org.activationbench.storage.ReportFolder;

/**
 * The report step: a notebook and an HTML page whose every table and figure is the result of the DuckDB query shown
 * beside it, run here on the output folder's Parquet tables.
 */
public final class Reporter {

    private Reporter() {}

    /**
     * Writes {@code report.ipynb}, {@code report.html} and the figures' PNGs into {@code dir}, replacing the previous
     * report's files (and nothing else) only once everything is written. Refuses a folder {@link ReportFolder} refuses.
     *
     * @param output the output folder (path or URI) whose tables have landed, comparisons included
     */
    public static void write(ComparedRun run, String output, Path dir) {
        write(run, output, dir, false);
    }

    /**
     * As {@link #write(ComparedRun, String, Path)}, for {@code publish}: the folder is marked published, and a published
     * report (which the other commands refuse) may be replaced.
     */
    public static void publish(ComparedRun run, String output, Path dir) {
        write(run, output, dir, true);
    }

    private static void write(ComparedRun run, String output, Path dir, boolean published) {
        (published ? ReportFolder.publishProblem(dir, output) : ReportFolder.problem(dir, output)).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        try (LocalTables local = LocalTables.of(output); LandedTables tables = new LandedTables(local.folder(),
                run.snapshot().experiment(), ReportLayout.grid(run).tuned(), run.snapshot().outsideIds())) {
            List<Block> blocks = ReportLayout.build(run, tables);
            String setup = setupCode(resultsAsSeenFrom(dir, output), tables.setup());
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("report.ipynb", NotebookWriter.write(blocks, setup).getBytes(StandardCharsets.UTF_8));
            files.put("report.html", HtmlWriter.write("activation-bench: " + run.snapshot().experiment(), blocks, setup)
                    .getBytes(StandardCharsets.UTF_8));
            for (Block b : blocks) {
                if (b instanceof Block.Figure f) {
                    files.put("figures/" + f.file(), f.png());
                }
            }
            ReportFolder.replace(dir, files, published);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    /**
     * The notebook's first cell: the same macros and views the report's queries ran on, over {@code results} (the
     * output folder as the notebook sees it).
     */
    static String setupCode(String results, List<String> statements) {
        return "import duckdb\nRESULTS = \"" + results + "\"\ncon = duckdb.connect()\n"
                + statements.stream().map(sql -> "con.execute(f\"\"\"\n" + sql.strip() + "\n\"\"\")")
                        .collect(Collectors.joining("\n"));
    }

    /** The path from the report folder to the output folder, as the notebook's queries use it. */
    public static String resultsAsSeenFrom(Path reportDir, String output) {
        if (output.contains("://")) {
            return output;
        }
        return reportDir.toAbsolutePath().normalize().relativize(Path.of(output).toAbsolutePath().normalize()).toString();
    }
}

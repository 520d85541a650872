package org.activationbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.stats.PairedResult;

/** The analyze and report steps: comparisons into the {@code comparisons} table, then the notebook and HTML page. */
public final class Reporter {

    private Reporter() {}

    /** Computes the comparisons of a run (finished or partial) and replaces its comparisons table with them. */
    public static List<Comparison> analyze(ResultStore store, Snapshot snapshot, Analysis.Settings settings) {
        List<Comparison> comparisons = new Analysis(settings).compare(snapshot.observations());
        List<Object[]> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            rows.add(row(c, settings));
        }
        store.replace(Tables.COMPARISONS, rows);
        return comparisons;
    }

    /**
     * Writes {@code report.ipynb}, {@code report.html} and the figures' PNGs into {@code dir}, replacing the previous
     * report's files (and nothing else) only once everything is written. Refuses a folder {@link ReportFolder} refuses.
     *
     * @param results the output folder as the notebook's queries should name it
     */
    public static void write(Snapshot snapshot, List<Comparison> comparisons, Analysis.Settings settings, Path dir,
            String results) {
        List<Block> blocks = new ReportBuilder(snapshot, comparisons, settings).build();
        String setup = ReportBuilder.setupCode(results);
        Optional<String> problem = ReportFolder.problem(dir, results.contains("://") ? results
                : dir.resolve(results).normalize().toString());
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.ipynb", NotebookWriter.write(blocks, setup).getBytes(StandardCharsets.UTF_8));
        files.put("report.html", HtmlWriter.write("activation-bench: " + snapshot.experiment(), blocks, setup)
                .getBytes(StandardCharsets.UTF_8));
        for (Block b : blocks) {
            if (b instanceof Block.Figure f) {
                files.put("figures/" + f.file(), f.png());
            }
        }
        try {
            ReportFolder.replace(dir, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
    }

    /** The path from the report folder to the output folder, as the notebook's queries use it. */
    public static String resultsAsSeenFrom(Path reportDir, String output) {
        if (output.contains("://")) {
            return output;
        }
        return reportDir.toAbsolutePath().normalize().relativize(Path.of(output).toAbsolutePath().normalize()).toString();
    }

    private static Object[] row(Comparison c, Analysis.Settings settings) {
        PairedResult s = c.stats();
        return new Object[] {c.dataset(), c.architecture(), c.strategy(), c.epoch(), c.metric().id(), c.metric().higherIsBetter(),
            c.baseline(), c.candidate(), c.candidateActivation(), c.candidateAlpha(), s.pairs(), s.unpairedBaseline(),
            s.unpairedCandidate(), orNull(s.meanBaseline()), orNull(s.meanCandidate()), orNull(s.meanDifference()),
            orNull(s.sdDifference()), orNull(s.ciLow()), orNull(s.ciHigh()), settings.ciMethod(), orNull(s.tStatistic()),
            orNull(s.pValueT()), orNull(s.pValue()), orNull(s.pValueWilcoxon()), s.wilcoxonMethod(), orNull(s.cohensDz()), c.familySize(),
            orNull(c.pValueHolm()), c.verdict(), orNull(s.minDetectable()), c.seedsForPointOne()};
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}

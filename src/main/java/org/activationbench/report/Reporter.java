package org.activationbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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
     * Writes {@code report.ipynb}, {@code report.html} and the figures' PNGs into {@code dir}, replacing what was there
     * only once everything is written.
     *
     * @param results the output folder as the notebook's queries should name it
     */
    public static void write(Snapshot snapshot, List<Comparison> comparisons, Analysis.Settings settings, Path dir,
            String results) {
        List<Block> blocks = new ReportBuilder(snapshot, comparisons, settings).build();
        String setup = ReportBuilder.setupCode(results);
        Path staging = dir.resolveSibling("." + dir.getFileName() + ".writing");
        try {
            deleteTree(staging);
            Files.createDirectories(staging.resolve("figures"));
            Files.writeString(staging.resolve("report.ipynb"), NotebookWriter.write(blocks, setup), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("report.html"),
                    HtmlWriter.write("activation-bench: " + snapshot.experiment(), blocks, setup), StandardCharsets.UTF_8);
            for (Block b : blocks) {
                if (b instanceof Block.Figure f) {
                    Files.write(staging.resolve("figures").resolve(f.file()), f.png());
                }
            }
            deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
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

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

package org.activationbench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.activationbench.report.Snapshot.EpochRow;
import org.activationbench.report.Snapshot.RunRow;
import org.activationbench.stats.PairedResult;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Turns a run's results and comparisons into the report: the conclusion in words first, then the evidence
 * (tables, figures), the power of the run, its grid, provenance and cost.
 */
final class ReportBuilder {

    private final Snapshot snapshot;
    private final List<Comparison> comparisons;
    private final Analysis.Settings settings;
    private final Charts charts;
    private final List<Block> blocks = new ArrayList<>();

    ReportBuilder(Snapshot snapshot, List<Comparison> comparisons, Analysis.Settings settings) {
        this.snapshot = snapshot;
        this.comparisons = comparisons;
        this.settings = settings;
        this.charts = new Charts(labels());
    }

    /** The Python that every query cell builds on; {@code results} is the output folder as the notebook sees it. */
    static String setupCode(String results) {
        return """
                import duckdb
                RESULTS = "%s"
                def table(name):
                    return f"read_parquet('{RESULTS}/{name}/*/*.parquet', hive_partitioning = true)"
                con = duckdb.connect()
                # PySpark instead: spark.read.parquet(f"{RESULTS}/runs").createOrReplaceTempView("runs"), likewise epochs
                # and comparisons, then spark.sql(<the same query with runs/epochs/comparisons as table names>).
                """.formatted(results).strip();
    }

    List<Block> build() {
        List<String> architectures = snapshot.epochs().stream().map(EpochRow::setting).distinct().sorted().toList();
        text("# activation-bench report: " + snapshot.experiment());
        text(conclusion(architectures));
        if (snapshot.epochs().isEmpty()) {
            text("No trial has reached a checkpoint yet: nothing to compare.");
            provenance();
            return blocks;
        }
        text("## Final accuracy by activation");
        summaryTable();
        text("## Paired comparisons with " + settings.baseline());
        text("Every activation is compared with **" + settings.baseline() + "** on the same seeds (same initial-weight seed"
                + " and minibatch order). Δ is candidate − " + settings.baseline() + " in percentage points; the 95% interval"
                + " is a " + settings.ciMethod() + " of the mean paired difference (with fewer than 10 seeds it tends to be"
                + " too narrow); p(t) is the paired t-test, p(W) the Wilcoxon signed-rank test, and p(Holm) the t-test p-value"
                + " (or, where every seed differs by the same amount and t is undefined, the exact sign test) adjusted over"
                + " the candidates compared at that checkpoint. *min. detectable* is the smallest difference"
                + " these seeds would detect with 80% power; *seeds for 0.1* is how many seeds a 0.1-point difference would"
                + " need.");
        accuracyComparisons();
        for (String arch : architectures) {
            forest(arch, finalEpoch(arch));
        }
        otherMetrics();
        text("## Learning curves");
        for (String arch : architectures) {
            curves(arch, "test_accuracy", "test accuracy", e -> e.testAccuracy());
            curves(arch, "test_loss", "test loss (nats)", e -> e.testLoss());
        }
        text("## Spread over seeds");
        for (String arch : architectures) {
            boxes(arch, finalEpoch(arch));
        }
        alphaFigures(architectures);
        text("## Dead units");
        text("A unit is *dead* at a checkpoint when its pre-activation is ≤ 0 for every one of the training examples. For"
                + " ReLU such a unit outputs 0 and receives no gradient; for Leaky ReLU it still passes a gradient of alpha, so"
                + " the same measure counts units that *would* be dead under ReLU.");
        for (String arch : architectures) {
            deadUnits(arch);
        }
        activationFigure();
        failures();
        text("## The grid");
        text("```hocon\n" + snapshot.gridText().strip() + "\n```");
        provenance();
        return blocks;
    }

    /** The SQL condition selecting one setting's rows. */
    private String where(String setting) {
        EpochRow e = snapshot.epochs().stream().filter(r -> r.setting().equals(setting)).findFirst().orElseThrow();
        return "architecture = '" + e.architecture() + "' AND strategy = '" + e.strategy() + "'";
    }

    private List<String> labels() {
        return snapshot.epochs().stream().sorted(Comparator.comparing(EpochRow::activation)
                .thenComparing(e -> e.alpha() == null ? 0.0 : e.alpha())).map(EpochRow::label).distinct().toList();
    }

    private int finalEpoch(String arch) {
        return snapshot.epochs().stream().filter(e -> e.setting().equals(arch)).mapToInt(EpochRow::epoch).max().orElse(0);
    }

    private void text(String markdown) {
        blocks.add(new Block.Text(markdown));
    }

    // ---- conclusion ------------------------------------------------------------------------------------------------

    private String conclusion(List<String> architectures) {
        StringBuilder b = new StringBuilder("## Conclusion\n\n");
        long ok = snapshot.runs().stream().filter(r -> r.status().equals("OK")).count();
        b.append(String.format("%d trials (%d OK, %d diverged, %d failed). ", snapshot.runs().size(), ok,
                count("DIVERGED"), count("FAILED")));
        if (snapshot.epochs().isEmpty()) {
            return b.toString();
        }
        for (String arch : architectures) {
            int epoch = finalEpoch(arch);
            List<Comparison> acc = select(arch, epoch, Metric.TEST_ACCURACY);
            if (acc.isEmpty()) {
                b.append("\n\n**").append(arch).append("**: no comparison with ").append(settings.baseline())
                        .append(" (the baseline has no results here).");
                continue;
            }
            int seeds = acc.stream().mapToInt(c -> c.stats().pairs()).max().orElse(0);
            b.append("\n\n**").append(arch).append(", test accuracy after epoch ").append(epoch).append("** (")
                    .append(seeds).append(" paired seeds): ");
            List<Comparison> significant = acc.stream().filter(Comparison::significant).toList();
            if (significant.isEmpty()) {
                b.append("no activation differs significantly from ").append(settings.baseline())
                        .append(" after Holm's correction.");
            } else {
                b.append(significant.stream().map(c -> c.candidate() + " is **" + c.verdict() + "** than "
                        + settings.baseline() + " by " + Format.points(c.stats().meanDifference()) + " points (95% CI "
                        + Format.points(c.stats().ciLow()) + " to " + Format.points(c.stats().ciHigh()) + ", Holm p = "
                        + Format.p(c.pValueHolm()) + ")").collect(Collectors.joining("; "))).append('.');
            }
            Comparison largest = acc.stream().filter(c -> !Double.isNaN(c.stats().meanDifference()))
                    .max(Comparator.comparingDouble(c -> Math.abs(c.stats().meanDifference()))).orElse(null);
            if (largest != null && !largest.significant()) {
                b.append(" The largest difference is ").append(largest.candidate()).append(": ")
                        .append(Format.points(largest.stats().meanDifference())).append(" points (95% CI ")
                        .append(Format.points(largest.stats().ciLow())).append(" to ").append(Format.points(largest.stats().ciHigh()))
                        .append("; p = ").append(Format.p(largest.stats().pValue())).append(", Holm p = ")
                        .append(Format.p(largest.pValueHolm())).append(").");
            }
            double[] detectable = acc.stream().mapToDouble(c -> c.stats().minDetectable()).filter(d -> !Double.isNaN(d))
                    .sorted().toArray();
            int[] needed = acc.stream().map(Comparison::seedsForPointOne).filter(Objects::nonNull).mapToInt(Integer::intValue)
                    .sorted().toArray();
            if (detectable.length > 0) {
                b.append(" With ").append(seeds).append(" seeds this run detects (with 80% power) differences of ")
                        .append(range(100 * detectable[0], 100 * detectable[detectable.length - 1])).append(" points or more,"
                                + " depending on the candidate's spread");
                b.append(needed.length > 0 ? "; a 0.1-point difference would need " + range(needed[0], needed[needed.length - 1])
                        + " seeds." : ".");
            }
        }
        b.append("\n\n### The articles' claims, on this run\n");
        b.append("\n- *\"Leaky ReLU prevents dying neurons\"*: ").append(claim(architectures, Metric.DEAD_FRACTION,
                c -> Format.percent(c.stats().meanBaseline()) + " of " + settings.baseline() + " units dead vs "
                        + Format.percent(c.stats().meanCandidate())));
        b.append("\n- *\"Leaky ReLU converges faster\"*: ").append(claim(architectures, Metric.EPOCHS_TO_97,
                c -> Format.fixed(c.stats().meanBaseline(), 2) + " vs " + Format.fixed(c.stats().meanCandidate(), 2)
                        + " epochs to 97%"));
        b.append("\n- *\"Leaky ReLU is better in deeper networks\"*: ").append(depthClaim(architectures));
        return b.toString();
    }

    private static String range(double low, double high) {
        return Math.abs(high - low) < 0.005 ? Format.fixed(low, 2) : Format.fixed(low, 2) + " to " + Format.fixed(high, 2);
    }

    private static String range(int low, int high) {
        return low == high ? String.valueOf(low) : low + " to " + high;
    }

    private long count(String status) {
        return snapshot.runs().stream().filter(r -> r.status().equals(status)).count();
    }

    /** What the comparisons of the slope activations with the baseline say on one metric at the final checkpoints. */
    private String claim(List<String> architectures, Metric metric, java.util.function.Function<Comparison, String> detail) {
        List<String> parts = new ArrayList<>();
        for (String arch : architectures) {
            for (Comparison c : select(arch, finalEpoch(arch), metric)) {
                if (c.candidateAlpha() == null) {
                    continue;
                }
                parts.add(arch + ", " + c.candidate() + ": " + c.verdict() + " (" + detail.apply(c) + ", Holm p = "
                        + Format.p(c.pValueHolm()) + ")");
            }
        }
        if (parts.isEmpty()) {
            return "not tested by this grid (it has no activation with a slope besides the baseline).";
        }
        return String.join("; ", parts) + ".";
    }

    private String depthClaim(List<String> architectures) {
        List<String> deep = architectures.stream().filter(a -> a.startsWith("mlp-deep-"))
                .sorted(Comparator.comparingInt(a -> Integer.parseInt(a.substring("mlp-deep-".length())))).toList();
        if (deep.size() < 2) {
            return "not tested by this grid (it needs several mlp-deep-N architectures; see conf/grids/depth.conf).";
        }
        List<String> parts = new ArrayList<>();
        for (String arch : deep) {
            select(arch, finalEpoch(arch), Metric.TEST_ACCURACY).stream().filter(c -> c.candidateAlpha() != null)
                    .forEach(c -> parts.add(arch + " " + c.candidate() + " " + Format.points(c.stats().meanDifference())
                            + " points (" + c.verdict() + ")"));
        }
        return "test accuracy difference with " + settings.baseline() + " by depth: " + String.join("; ", parts)
                + ". The claim holds only if the differences grow with depth and are significant.";
    }

    private List<Comparison> select(String arch, int epoch, Metric metric) {
        return comparisons.stream().filter(c -> c.setting().equals(arch) && c.epoch() == epoch && c.metric() == metric)
                .toList();
    }

    // ---- tables ----------------------------------------------------------------------------------------------------

    private void summaryTable() {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<EpochRow>> groups = snapshot.epochs().stream()
                .filter(e -> e.epoch() == finalEpoch(e.setting()))
                .collect(Collectors.groupingBy(e -> e.setting() + "\u0000" + e.label(), TreeMap::new, Collectors.toList()));
        for (List<EpochRow> g : groups.values()) {
            EpochRow first = g.get(0);
            double[] acc = g.stream().mapToDouble(EpochRow::testAccuracy).toArray();
            long reached = g.stream().filter(e -> e.epochTo97() != null).count();
            rows.add(List.of(first.setting(), first.label(), String.valueOf(first.epoch()), String.valueOf(g.size()),
                    Format.percent(mean(acc)), Format.fixed(100 * sd(acc), 3),
                    Format.percent(g.stream().mapToDouble(EpochRow::testAccuracy).min().orElse(Double.NaN)),
                    Format.percent(g.stream().mapToDouble(EpochRow::testAccuracy).max().orElse(Double.NaN)),
                    Format.fixed(mean(g.stream().mapToDouble(EpochRow::testLoss).toArray()), 4),
                    Format.percent(mean(g.stream().mapToDouble(EpochRow::meanDeadFraction).toArray())),
                    reached + "/" + g.size()));
        }
        blocks.add(new Block.Table("Test accuracy at each architecture's last checkpoint, over seeds (sd in points).",
                List.of("architecture", "activation", "epoch", "seeds", "mean test acc.", "sd", "min", "max", "test loss",
                        "dead units", "reached 97%"), rows, """
                con.sql(f\"\"\"
                    WITH last AS (SELECT architecture, max(epoch) AS epoch FROM {table('epochs')} GROUP BY architecture)
                    SELECT architecture, activation_label, epoch, count(*) AS seeds,
                           avg(test_accuracy) AS mean_test_accuracy, stddev_samp(test_accuracy) AS sd,
                           min(test_accuracy), max(test_accuracy), avg(test_loss), avg(mean_dead_fraction),
                           count(epoch_to_97) AS reached_97
                    FROM {table('epochs')} JOIN last USING (architecture, epoch)
                    GROUP BY ALL ORDER BY architecture, activation_label\"\"\").df()"""));
    }

    private void accuracyComparisons() {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (c.metric() != Metric.TEST_ACCURACY) {
                continue;
            }
            PairedResult s = c.stats();
            rows.add(List.of(c.setting(), String.valueOf(c.epoch()), c.candidate(), pairs(s), Format.percent(s.meanBaseline()),
                    Format.percent(s.meanCandidate()), Format.points(s.meanDifference()),
                    Format.points(s.ciLow()) + " … " + Format.points(s.ciHigh()), Format.p(s.pValueT()), Format.p(s.pValueWilcoxon()),
                    Format.p(c.pValueHolm()), Format.signed(s.cohensDz(), 2), c.verdict(), Format.fixed(100 * s.minDetectable(), 3),
                    c.seedsForPointOne() == null ? "–" : String.valueOf(c.seedsForPointOne())));
        }
        blocks.add(new Block.Table("Test accuracy against " + settings.baseline() + ", every checkpoint (Δ, interval and"
                + " min. detectable in percentage points).",
                List.of("architecture", "epoch", "candidate", "pairs", settings.baseline(), "candidate acc.", "Δ", "95% CI",
                        "p(t)", "p(W)", "p(Holm)", "d_z", "verdict", "min. detectable", "seeds for 0.1"), rows, """
                con.sql(f\"\"\"
                    SELECT architecture, epoch, candidate, n_pairs, mean_baseline, mean_candidate, mean_difference,
                           ci_low, ci_high, p_value_t, p_value_wilcoxon, p_value_holm, cohens_dz, verdict,
                           min_detectable_difference, seeds_for_0_1_point
                    FROM {table('comparisons')} WHERE metric = 'test_accuracy'
                    ORDER BY architecture, epoch, candidate\"\"\").df()"""));
    }

    private static String pairs(PairedResult s) {
        int unpaired = s.unpairedBaseline() + s.unpairedCandidate();
        return s.pairs() + (unpaired > 0 ? " (+" + unpaired + " unpaired)" : "");
    }

    private void otherMetrics() {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (c.metric() == Metric.TEST_ACCURACY || c.epoch() != finalEpoch(c.setting())) {
                continue;
            }
            PairedResult s = c.stats();
            boolean fraction = c.metric() == Metric.TRAIN_ACCURACY || c.metric() == Metric.DEAD_FRACTION;
            rows.add(List.of(c.setting(), String.valueOf(c.epoch()), c.metric().label(), c.candidate(), pairs(s),
                    value(s.meanBaseline(), fraction), value(s.meanCandidate(), fraction),
                    fraction ? Format.points(s.meanDifference()) : Format.signed(s.meanDifference(), 4),
                    fraction ? Format.points(s.ciLow()) + " … " + Format.points(s.ciHigh())
                            : Format.signed(s.ciLow(), 4) + " … " + Format.signed(s.ciHigh(), 4),
                    Format.p(s.pValue()), Format.p(c.pValueHolm()), c.verdict()));
        }
        blocks.add(new Block.Table("The other metrics at the last checkpoint (accuracies and dead fractions in percent,"
                + " their differences in points; losses in nats; epochs to 97% counts a trial that had not reached it as"
                + " last checkpoint + 1).",
                List.of("architecture", "epoch", "metric", "candidate", "pairs", settings.baseline(), "candidate", "Δ", "95% CI",
                        "p", "p(Holm)", "verdict"), rows, """
                con.sql(f\"\"\"
                    SELECT architecture, epoch, metric, candidate, n_pairs, mean_baseline, mean_candidate,
                           mean_difference, ci_low, ci_high, p_value, p_value_holm, verdict
                    FROM {table('comparisons')} c
                    WHERE metric <> 'test_accuracy'
                      AND epoch = (SELECT max(epoch) FROM {table('comparisons')} WHERE architecture = c.architecture)
                    ORDER BY architecture, metric, candidate\"\"\").df()"""));
    }

    private static String value(double v, boolean fraction) {
        return fraction ? Format.percent(v) : Format.fixed(v, 4);
    }

    private void failures() {
        List<RunRow> bad = snapshot.runs().stream().filter(r -> !r.status().equals("OK")).toList();
        if (bad.isEmpty()) {
            return;
        }
        text("## Trials that did not finish");
        List<List<String>> rows = bad.stream().map(r -> List.of(r.trialId(), r.setting(), r.label(), String.valueOf(r.seed()),
                r.status(), Objects.toString(r.errorClass(), ""), Objects.toString(r.errorMessage(), ""))).toList();
        blocks.add(new Block.Table("DIVERGED trials keep the checkpoints they reached; FAILED ones are run again by --resume.",
                List.of("trial", "architecture", "activation", "seed", "status", "error", "message"), rows, """
                con.sql(f\"\"\"SELECT trial_id, architecture, activation_label, seed, status, error_class, error_message
                    FROM {table('runs')} WHERE status <> 'OK' ORDER BY architecture, activation_label, seed\"\"\").df()"""));
    }

    private void provenance() {
        text("## Provenance and cost");
        List<RunRow> runs = snapshot.runs();
        if (runs.isEmpty()) {
            return;
        }
        Instant start = runs.stream().map(RunRow::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = runs.stream().map(RunRow::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        double train = runs.stream().mapToDouble(RunRow::trainSeconds).sum();
        double cpu = runs.stream().mapToDouble(r -> r.taskSeconds() * r.nativeThreads()).sum();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("trials", String.valueOf(runs.size())));
        rows.add(List.of("training time, summed over trials", hours(train)));
        rows.add(List.of("task CPU time (task wall time x native threads), summed", hours(cpu)));
        rows.add(List.of("first trial start to last trial end", hours(Duration.between(start, end).toMillis() / 1000.0)));
        rows.add(List.of("activation-bench", distinct(runs, r -> r.projectVersion() + " (" + r.gitCommit() + ")")));
        rows.add(List.of("Deeplearning4j / ND4J", distinct(runs, RunRow::dl4jVersion) + ", " + distinct(runs, RunRow::backend)));
        rows.add(List.of("Spark", distinct(runs, RunRow::sparkVersion)));
        rows.add(List.of("Java", distinct(runs, RunRow::javaVersion)));
        rows.add(List.of("OS", distinct(runs, RunRow::os)));
        rows.add(List.of("executor hosts", distinct(runs, RunRow::host)));
        rows.add(List.of("native threads per trial", distinct(runs, r -> String.valueOf(r.nativeThreads()))));
        blocks.add(new Block.Table("Where and with what the trials ran, and what they cost.", List.of("", ""), rows, """
                con.sql(f\"\"\"SELECT count(*) AS trials, sum(train_seconds) AS train_s,
                           sum(task_seconds * native_threads) AS cpu_s, min(started_at), max(finished_at),
                           list(DISTINCT git_commit), list(DISTINCT dl4j_version), list(DISTINCT executor_host)
                    FROM {table('runs')}\"\"\").df()"""));
    }

    private static String hours(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.1f s (%.2f h)", seconds, seconds / 3600);
    }

    private static String distinct(List<RunRow> runs, java.util.function.Function<RunRow, String> f) {
        return String.join(", ", new TreeSet<>(runs.stream().map(f).toList()));
    }

    // ---- figures ---------------------------------------------------------------------------------------------------

    private void figure(String caption, String file, byte[] png, String code) {
        blocks.add(new Block.Figure(caption, file, png, code));
    }

    private void forest(String arch, int epoch) {
        List<Comparison> acc = select(arch, epoch, Metric.TEST_ACCURACY);
        if (acc.isEmpty()) {
            return;
        }
        List<String> labels = acc.stream().map(c -> c.candidate() + " (n=" + c.stats().pairs() + ")").toList();
        double[] mean = acc.stream().mapToDouble(c -> 100 * c.stats().meanDifference()).toArray();
        double[] low = acc.stream().mapToDouble(c -> 100 * c.stats().ciLow()).toArray();
        double[] high = acc.stream().mapToDouble(c -> 100 * c.stats().ciHigh()).toArray();
        boolean[] significant = new boolean[acc.size()];
        for (int i = 0; i < significant.length; i++) {
            significant[i] = acc.get(i).significant();
        }
        figure("Paired differences in test accuracy with " + settings.baseline() + ", **" + arch + "**, epoch " + epoch
                + ": mean and 95% bootstrap interval, in points; red = significant after Holm.",
                "forest-" + arch + ".png",
                charts.forest(arch + ", epoch " + epoch + ": test accuracy − " + settings.baseline(), "difference (points)",
                        labels, mean, low, high, significant),
                """
                con.sql(f\"\"\"SELECT candidate, 100 * mean_difference, 100 * ci_low, 100 * ci_high, verdict
                    FROM {table('comparisons')}
                    WHERE metric = 'test_accuracy' AND %s AND epoch = %d\"\"\").df()""".formatted(where(arch), epoch));
    }

    private void curves(String arch, String column, String title, java.util.function.ToDoubleFunction<EpochRow> value) {
        Map<String, Charts.Band> series = new LinkedHashMap<>();
        for (String label : labels()) {
            Map<Integer, List<Double>> byEpoch = new TreeMap<>();
            snapshot.epochs().stream().filter(e -> e.setting().equals(arch) && e.label().equals(label))
                    .forEach(e -> byEpoch.computeIfAbsent(e.epoch(), k -> new ArrayList<>()).add(value.applyAsDouble(e)));
            if (!byEpoch.isEmpty()) {
                series.put(label, band(byEpoch));
            }
        }
        figure(title.substring(0, 1).toUpperCase() + title.substring(1) + " by epoch, **" + arch
                        + "**: mean over seeds with its 95% t-interval.",
                column + "-" + arch + ".png", charts.bands(arch + ": " + title, "epoch", title, series),
                """
                con.sql(f\"\"\"SELECT activation_label, epoch, avg(%s) AS mean, stddev_samp(%s) AS sd, count(*) AS seeds
                    FROM {table('epochs')} WHERE %s
                    GROUP BY ALL ORDER BY activation_label, epoch\"\"\").df()""".formatted(column, column, arch));
    }

    private void boxes(String arch, int epoch) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String label : labels()) {
            double[] v = snapshot.epochs().stream()
                    .filter(e -> e.setting().equals(arch) && e.label().equals(label) && e.epoch() == epoch)
                    .mapToDouble(e -> 100 * e.testAccuracy()).toArray();
            if (v.length > 0) {
                values.put(label, v);
            }
        }
        figure("Test accuracy after epoch " + epoch + " over seeds, **" + arch + "** (percent).", "seeds-" + arch + ".png",
                charts.boxes(arch + ", epoch " + epoch + ": test accuracy over seeds", "test accuracy (%)", values),
                """
                con.sql(f\"\"\"SELECT activation_label, seed, 100 * test_accuracy AS test_accuracy
                    FROM {table('epochs')} WHERE %s AND epoch = %d
                    ORDER BY activation_label, seed\"\"\").df()""".formatted(where(arch), epoch));
    }

    private void alphaFigures(List<String> architectures) {
        List<EpochRow> sloped = snapshot.epochs().stream().filter(e -> e.alpha() != null).toList();
        if (sloped.stream().map(EpochRow::alpha).distinct().count() < 2) {
            return;
        }
        text("## Test accuracy by alpha");
        for (String arch : architectures) {
            Map<String, Charts.Band> series = new LinkedHashMap<>();
            TreeSet<Integer> epochs = sloped.stream().filter(e -> e.setting().equals(arch)).map(EpochRow::epoch)
                    .collect(Collectors.toCollection(TreeSet::new));
            for (int epoch : epochs) {
                TreeMap<Double, List<Double>> byAlpha = new TreeMap<>();
                sloped.stream().filter(e -> e.setting().equals(arch) && e.epoch() == epoch)
                        .forEach(e -> byAlpha.computeIfAbsent(e.alpha(), k -> new ArrayList<>()).add(100 * e.testAccuracy()));
                series.put("epoch " + epoch, bandOver(byAlpha));
                List<Double> base = snapshot.epochs().stream().filter(e -> e.setting().equals(arch) && e.epoch() == epoch
                        && e.label().equals(settings.baseline())).map(e -> 100 * e.testAccuracy()).toList();
                if (!base.isEmpty() && !byAlpha.isEmpty()) {
                    double m = base.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    double[] xs = {byAlpha.firstKey(), byAlpha.lastKey()};
                    series.put(settings.baseline() + ", epoch " + epoch, new Charts.Band(xs, new double[] {m, m},
                            new double[] {m, m}, new double[] {m, m}));
                }
            }
            figure("Test accuracy by the negative slope alpha at each checkpoint, **" + arch + "** (mean and 95% t-interval;"
                    + " flat lines: " + settings.baseline() + " at the same checkpoint).", "alpha-" + arch + ".png",
                    charts.bands(arch + ": test accuracy by alpha", "alpha", "test accuracy (%)", series),
                    """
                    con.sql(f\"\"\"SELECT epoch, alpha, avg(test_accuracy), stddev_samp(test_accuracy), count(*)
                        FROM {table('epochs')} WHERE %s AND alpha IS NOT NULL
                        GROUP BY ALL ORDER BY epoch, alpha\"\"\").df()""".formatted(where(arch)));
        }
    }

    private void deadUnits(String arch) {
        List<EpochRow> rows = snapshot.epochs().stream().filter(e -> e.setting().equals(arch)).toList();
        List<String> layers = snapshot.runs().stream().filter(r -> r.setting().equals(arch)).findFirst()
                .map(RunRow::hiddenLayers).orElse(List.of());
        Map<String, Charts.Band> series = new LinkedHashMap<>();
        for (String label : labels()) {
            for (int layer = 0; layer < layers.size(); layer++) {
                int l = layer;
                Map<Integer, List<Double>> byEpoch = new TreeMap<>();
                rows.stream().filter(e -> e.label().equals(label) && e.deadFraction().size() > l)
                        .forEach(e -> byEpoch.computeIfAbsent(e.epoch(), k -> new ArrayList<>()).add(100 * e.deadFraction().get(l)));
                if (!byEpoch.isEmpty()) {
                    series.put(label + " / " + layers.get(l), band(byEpoch));
                }
            }
        }
        figure("Dead units per hidden layer by epoch, **" + arch + "** (percent of the layer's units; mean over seeds).",
                "dead-" + arch + ".png", charts.bands(arch + ": dead units per layer", "epoch", "dead units (%)", series),
                """
                con.sql(f\"\"\"SELECT activation_label, epoch, layer, 100 * avg(fraction) AS dead_percent
                    FROM (SELECT activation_label, epoch, unnest(dead_fraction) AS fraction,
                                 generate_subscripts(dead_fraction, 1) AS layer
                          FROM {table('epochs')} WHERE %s)
                    GROUP BY ALL ORDER BY activation_label, layer, epoch\"\"\").df()""".formatted(where(arch)));
    }

    private void activationFigure() {
        List<String> activations = snapshot.epochs().stream().map(EpochRow::activation).distinct().sorted().toList();
        List<Double> alphas = snapshot.epochs().stream().map(EpochRow::alpha).filter(Objects::nonNull).distinct().sorted().toList();
        byte[][] pngs = charts.activations(activations, alphas);
        text("## The activations compared");
        figure("The activation functions of this grid over [−5, 5], computed by the DL4J code the trials trained with.",
                "activations.png", pngs[0], "# computed in Java from the DL4J activations; no table behind it");
        figure("Their derivatives (the factor a unit's gradient is multiplied by).", "derivatives.png", pngs[1],
                "# computed in Java from the DL4J activations; no table behind it");
    }

    // ---- small statistics ------------------------------------------------------------------------------------------

    private static Charts.Band band(Map<Integer, List<Double>> byEpoch) {
        Map<Double, List<Double>> converted = new TreeMap<>();
        byEpoch.forEach((k, v) -> converted.put(k.doubleValue(), v));
        return bandOver(converted);
    }

    /** Mean and 95% t-interval of the mean at each x. */
    private static Charts.Band bandOver(Map<Double, List<Double>> byX) {
        int n = byX.size();
        double[] x = new double[n];
        double[] m = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        int i = 0;
        for (Map.Entry<Double, List<Double>> e : byX.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            x[i] = e.getKey();
            m[i] = mean(v);
            double half = v.length > 1 ? TDistribution.of(v.length - 1).inverseSurvivalProbability(0.025) * sd(v) / Math.sqrt(v.length) : 0;
            lo[i] = m[i] - half;
            hi[i] = m[i] + half;
            i++;
        }
        return new Charts.Band(x, m, lo, hi);
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).sum() / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}

package org.activationbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Verdict;
import org.activationbench.storage.ReportFolder;

/**
 * The README's findings: each claim of the articles, answered from the comparisons tables published beside the
 * canonical experiments' reports ({@code notebooks-out/<experiment>/tables}). Nothing in the table is typed by hand;
 * a claim whose experiment has not been published says so.
 */
public final class Findings {

    public static final String START = "<!-- findings: written by `jobs/run-local.sh findings --write`; edits here are replaced -->";
    public static final String END = "<!-- end of findings -->";

    /**
     * One row: a claim, and the comparison that tests it (of a tuned grid, by default the one at the rates tuned per
     * activation; its report shows the fixed-rate verdicts beside).
     *
     * @param epoch the checkpoint compared; null for the experiment's last
     * @param stage the comparison stage of a tuned grid to use ({@code fixed}: every activation at one learning rate);
     *              null for the tuned one where there is one
     */
    record Claim(String claim, String experiment, String architecture, Metric metric, String candidate, Integer epoch,
            String stage) {

        Claim(String claim, String experiment, String architecture, Metric metric, String candidate, Integer epoch) {
            this(claim, experiment, architecture, metric, candidate, epoch, null);
        }
    }

    static final List<Claim> CLAIMS = List.of(
            // A tuned grid's claims are shown at the rates tuned per activation and at one shared rate: where the two
            // analyses disagree, both verdicts stand side by side.
            new Claim("prevents dying neurons", "mnist-mlp", "mlp", Metric.INACTIVE_FRACTION, "leakyrelu(0.01)", null),
            new Claim("prevents dying neurons", "mnist-mlp", "mlp", Metric.INACTIVE_FRACTION, "leakyrelu(0.01)", null, "fixed"),
            new Claim("prevents dying neurons", "mnist-cnn", "cnn", Metric.INACTIVE_FRACTION, "leakyrelu(0.01)", null),
            new Claim("prevents dying neurons", "depth", "mlp-deep-32", Metric.INACTIVE_FRACTION, "leakyrelu(0.01)", null),
            new Claim("prevents dying neurons", "fashion-mnist", "mlp", Metric.INACTIVE_FRACTION, "leakyrelu(0.01)", null),
            // How fast an activation learns depends on its learning rate as much as on itself: at rates tuned apart,
            // the speed compared would be the rates'. So speed is compared at one rate for all.
            new Claim("converges faster", "mnist-mlp", "mlp", Metric.EPOCHS_TO_97, "leakyrelu(0.01)", null, "fixed"),
            new Claim("converges faster", "mnist-cnn", "cnn", Metric.TEST_ACCURACY, "leakyrelu(0.01)", 1),
            new Claim("converges faster", "mnist-cnn", "cnn", Metric.TEST_ACCURACY, "leakyrelu(0.3)", 1),
            new Claim("better accuracy", "mnist-mlp", "mlp", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null),
            new Claim("better accuracy", "mnist-mlp", "mlp", Metric.TEST_ACCURACY, "leakyrelu(0.3)", null),
            new Claim("better accuracy", "mnist-mlp", "mlp", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null, "fixed"),
            new Claim("better accuracy", "mnist-mlp", "mlp", Metric.TEST_ACCURACY, "leakyrelu(0.3)", null, "fixed"),
            new Claim("better accuracy", "mnist-cnn", "cnn", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null),
            new Claim("better accuracy", "mnist-cnn", "cnn", Metric.TEST_ACCURACY, "leakyrelu(0.3)", null),
            new Claim("better in deeper networks", "depth", "mlp-deep-32", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null),
            new Claim("better in deeper networks", "depth", "mlp-deep-32", Metric.TEST_ACCURACY, "leakyrelu(0.1)", null),
            new Claim("better in deeper networks", "depth-xavier", "mlp-deep-32", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null),
            new Claim("better in deeper networks", "depth-xavier", "mlp-deep-32", Metric.TEST_ACCURACY, "leakyrelu(0.1)", null),
            new Claim("holds on a harder dataset", "fashion-mnist", "mlp", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null),
            new Claim("holds on a harder dataset", "fashion-mnist", "cnn", Metric.TEST_ACCURACY, "leakyrelu(0.01)", null));

    private Findings() {}

    /**
     * What the published comparison row of one claim says: its verdict and the numbers it was read from, or why there
     * is none ({@code missing}); {@code censored}, of a speed, the trials of the pairs that had not reached its target
     * (null where the table does not say).
     */
    record Answer(Claim claim, String link, String what, String missing, String verdict, boolean negligible,
            double mean, double low, double high, double level, double margin, int pairs, String endpoint, int epoch,
            Integer censored) {

        /** The verdict as printed: the row's, marked negligible where the difference lies inside the margin. */
        String shownVerdict() {
            return verdict + (negligible ? " (negligible)" : "");
        }

        /**
         * The difference and its interval; of a speed some trials had not reached, how many, and where none had, no
         * number at all.
         */
        String shownDifference() {
            if (Verdict.NOT_REACHED.text().equals(verdict)) {
                return NotReached.none(claim.metric(), 2 * pairs, epoch);
            }
            String notReached = NotReached.some(claim.metric(), censored, 2 * pairs, epoch);
            return difference(claim.metric(), mean, low, high) + (notReached.isEmpty() ? "" : " (" + notReached + ")");
        }
    }

    /**
     * The findings section (markdown) from the reports published under {@code reports}: the table, then one
     * sentence per claim, each generated from the rows the table shows, verdict first.
     */
    public static String generate(Path reports) {
        List<Answer> answers = answers(reports);
        List<String> lines = new ArrayList<>(List.of(
                "| claim | experiment | comparison (candidate − relu) | verdict | difference [interval] | interval level"
                        + " | margin | seeds | endpoint |",
                "|---|---|---|---|---|---|---|---|---|"));
        for (Answer a : answers) {
            lines.add(a.missing() != null
                    ? "| " + a.claim().claim() + " | " + a.link() + " | " + a.what() + " | " + a.missing() + " | | | | | |"
                    : "| " + a.claim().claim() + " | " + a.link() + " | " + a.what() + " | " + a.shownVerdict() + " | "
                            + a.shownDifference() + " | "
                            + Format.fixed(100 * a.level(), 1) + "% | ±" + magnitude(a.claim().metric(), a.margin()) + " | "
                            + a.pairs() + " | " + a.endpoint() + " |");
        }
        return String.join("\n", lines) + "\n\n" + sentences(answers);
    }

    /** One sentence per claim, its rows' verdicts first, then each row's difference, interval and margin. */
    static String sentences(List<Answer> answers) {
        Map<String, List<Answer>> byClaim = new LinkedHashMap<>();
        answers.forEach(a -> byClaim.computeIfAbsent(a.claim().claim(), k -> new ArrayList<>()).add(a));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Answer>> e : byClaim.entrySet()) {
            List<String> parts = new ArrayList<>();
            for (Answer a : e.getValue()) {
                parts.add(a.missing() != null ? a.what() + " (" + a.claim().experiment() + "): " + a.missing()
                        : "**" + a.shownVerdict() + "** for " + a.what() + " (" + a.claim().experiment() + "), "
                                + a.shownDifference() + " at "
                                + Format.fixed(100 * a.level(), 1) + "%, margin ±" + magnitude(a.claim().metric(), a.margin()));
            }
            out.add("- *\"" + e.getKey() + "\"*: " + String.join("; ", parts) + ".");
        }
        return String.join("\n", out) + "\n";
    }

    /** The answers of every claim, in the order of {@link #CLAIMS}. */
    static List<Answer> answers(Path reports) {
        List<Answer> answers = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Claim c : CLAIMS) {
                answers.add(answer(duck, reports, c));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the published comparisons under " + reports + ": " + e.getMessage(), e);
        }
        return answers;
    }

    private static Answer answer(Connection duck, Path reports, Claim c) throws SQLException {
        Path comparisons = reports.resolve(c.experiment()).resolve(ReportFolder.PUBLISHED_TABLES).resolve("comparisons");
        String what = c.metric().label() + ", " + c.candidate() + ", " + c.architecture();
        String link = "[" + c.experiment() + "](notebooks-out/" + c.experiment() + "/report.ipynb)";
        if (!Files.isDirectory(comparisons)) {
            return missing(c, c.experiment(), what + (c.epoch() == null ? "" : ", epoch " + c.epoch()), "not yet published");
        }
        String files = "read_parquet('%s/*/*.parquet', hive_partitioning = true)"
                .formatted(comparisons.toAbsolutePath().toString().replace("'", "''"));
        String sql = """
                SELECT epoch, stage, mean_difference, ci_low, ci_high, ci_level, margin, n_pairs, verdict, negligible,
                       endpoint, baseline_learning_rate, %s AS n_censored
                FROM %s
                WHERE architecture = ? AND coalesce(strategy, 'per-task') = 'per-task' AND metric = ? AND candidate = ?
                  AND (? IS NULL OR epoch = ?) AND (? IS NULL OR stage = ?)
                ORDER BY epoch DESC, stage = 'tuned' DESC LIMIT 1""".formatted(
                hasColumn(duck, files, "n_censored") ? "n_censored" : "CAST(NULL AS INTEGER)", files);
        try (PreparedStatement q = duck.prepareStatement(sql)) {
            q.setString(1, c.architecture());
            q.setString(2, c.metric().id());
            q.setString(3, c.candidate());
            q.setObject(4, c.epoch());
            q.setObject(5, c.epoch());
            q.setString(6, c.stage());
            q.setString(7, c.stage());
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return missing(c, link, what, "not in the published tables");
                }
                String rates = "tuned".equals(r.getString("stage")) ? ", learning rates tuned per activation"
                        : c.stage() != null ? ", one learning rate (" + org.activationbench.grid.TrialConfig.number(r.getDouble("baseline_learning_rate"))
                        + ") for every activation" : "";
                return new Answer(c, link, what + ", epoch " + r.getInt("epoch") + rates, null, r.getString("verdict"),
                        r.getBoolean("negligible"), number(r, "mean_difference"), number(r, "ci_low"), number(r, "ci_high"),
                        r.getDouble("ci_level"), r.getDouble("margin"), r.getInt("n_pairs"), r.getString("endpoint"),
                        r.getInt("epoch"), (Integer) r.getObject("n_censored"));
            }
        }
    }

    private static Answer missing(Claim c, String link, String what, String why) {
        return new Answer(c, link, what, why, null, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, null,
                0, null);
    }

    /** Whether the published files have a column: those published by an earlier version lack the ones added since. */
    private static boolean hasColumn(Connection duck, String files, String column) throws SQLException {
        try (PreparedStatement q = duck.prepareStatement("SELECT count(*) FROM (DESCRIBE SELECT * FROM " + files
                + ") WHERE column_name = ?")) {
            q.setString(1, column);
            try (ResultSet r = q.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    /** A margin in the unit {@link #difference} prints the metric in. */
    static String magnitude(Metric metric, double margin) {
        return difference(metric, margin, 0, 0).replaceFirst(" \\[.*", "").replace("+", "");
    }

    /** Accuracy and dead-unit fractions in percentage points, epochs in epochs, examples in examples, losses in nats. */
    static String difference(Metric metric, double mean, double low, double high) {
        boolean points = metric != Metric.EPOCHS_TO_97 && metric != Metric.TEST_LOSS && metric != Metric.TRAIN_LOSS
                && !metric.inExamples();
        double scale = points ? 100 : 1;
        String unit = points ? " points" : metric == Metric.EPOCHS_TO_97 ? " epochs" : metric.inExamples() ? " examples" : " nats";
        return String.format(Locale.ROOT, "%+.2f%s [%+.2f, %+.2f]", scale * mean, unit, scale * low, scale * high);
    }

    private static double number(ResultSet r, String column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    /** The findings section of a README (between {@link #START} and {@link #END}), if it has one. */
    public static Optional<String> section(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        return Optional.of(readme.substring(start + START.length(), end).strip() + "\n");
    }

    /** The README with its findings section replaced by {@code table} (see {@link #generate(Path)}); empty if it has no such section. */
    public static Optional<String> replaced(String readme, String table) {
        if (section(readme).isEmpty()) {
            return Optional.empty();
        }
        int start = readme.indexOf(START) + START.length();
        return Optional.of(readme.substring(0, start) + "\n" + table + readme.substring(readme.indexOf(END)));
    }
}

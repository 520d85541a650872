package org.activationbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;

/**
 * What a run of several conditions opens with, per setting: a map of the candidates' paired differences in test
 * accuracy by condition, coloured by verdict; a map of the baseline's inactive units by condition; the one against the
 * other ({@link MechanismFigure}); and the conditions in which the baseline diverged or did not learn
 * ({@link BaselineTrouble}).
 */
final class ConditionMaps {

    /** One tile of the accuracy map, as its query returns it (points; NaN where there is no comparison). */
    record AccuracyCell(String condition, String candidate, double difference, double low, double high, double margin,
            String verdict, boolean negligible, int pairs) {}

    /** One tile of the inactive-unit map: the baseline's mean over seeds, percent of a layer's units (or the network's). */
    record InactiveCell(String condition, String layer, double percent, int seeds) {}

    static final String NO_COMPARISON = "no comparison";
    private static final Color INACTIVE = new Color(0xd62728);

    private ConditionMaps() {}

    /** Whether the run trained under more than one condition, with tables that name them. */
    static boolean applies(Snapshot snapshot, boolean conditionColumns) {
        return conditionColumns && snapshot.epochs().stream().map(EpochRow::condition).distinct().count() > 1;
    }

    static void add(Page page, List<ConditionScope> scopes, List<String> conditions, boolean runs) {
        page.text("## Conditions: where the candidates help");
        String baseline = scopes.isEmpty() ? "the baseline" : scopes.get(0).baseline();
        page.text("This run trains under " + conditions.size() + " conditions, the training settings its trials pair"
                + " within (optimizer, weight initialisation, then the settings away from their defaults): "
                + Format.list(conditions.stream().map(c -> "`" + c + "`").toList()) + "."
                + (scopes.stream().anyMatch(ConditionScope::byRate) ? " A condition trained at more than one learning rate"
                        + " has a row per rate." : "")
                + " For each architecture: the paired differences in test accuracy by condition, " + baseline + "'s"
                + " inactive units by condition, the one against the other, and the conditions in which " + baseline
                + " diverged or did not learn. Below them, the conclusion, the primary endpoint's figure and table, the"
                + " comparison tables and the forest figures name each comparison's condition; the final accuracy table,"
                + " the learning curves, the spread over seeds and the inactive units pool an architecture's conditions.");
        for (ConditionScope s : scopes) {
            if (scopes.size() > 1) {
                page.text("### " + s.setting());
            }
            page.figure("conditions-accuracy-" + s.setting() + ".png", accuracySql(s), rows -> accuracyCaption(s,
                    accuracyCells(rows)), rows -> accuracyMap(s, accuracyCells(rows)));
            page.figure("conditions-inactive-" + s.setting() + ".png", inactiveSql(s, runs), rows -> inactiveCaption(s,
                    inactiveCells(rows)), rows -> inactiveMap(s, inactiveCells(rows)));
            MechanismFigure.add(page, s);
            if (runs) {
                BaselineTrouble.add(page, s);
            } else {
                page.text("No trial has finished yet: whether " + s.baseline() + " diverged or learned is not known.");
            }
        }
    }

    /** Every candidate the setting trained in a condition, with its comparison at the checkpoint where there is one. */
    static String accuracySql(ConditionScope s) {
        return """
                WITH k AS (
                    SELECT DISTINCT condition, %s AS rate, activation_label AS candidate, activation,
                           coalesce(alpha, 0) AS alpha
                    FROM epochs e
                    WHERE %s AND activation_label <> %s)
                SELECT %s AS condition, k.candidate, 100 * c.mean_difference AS difference, 100 * c.ci_low AS ci_low,
                       100 * c.ci_high AS ci_high, 100 * c.margin AS margin,
                       coalesce(c.verdict, '%s') AS verdict, coalesce(c.negligible, false) AS negligible,
                       coalesce(c.n_pairs, 0) AS pairs
                FROM k LEFT JOIN comparisons c
                    ON c.condition = k.condition AND c.candidate = k.candidate%s AND %s
                   AND c.metric = 'test_accuracy' AND c.epoch = %d
                ORDER BY k.condition, k.rate, k.activation, k.alpha""".formatted(s.rate("e.learning_rate"), s.where("e"),
                s.baselineLiteral(), s.label("k"), NO_COMPARISON, s.sameRate("candidate_learning_rate"), s.where("c"),
                s.epoch());
    }

    static List<AccuracyCell> accuracyCells(LandedTables.Rows rows) {
        List<AccuracyCell> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            cells.add(new AccuracyCell(rows.string(i, "condition"), rows.string(i, "candidate"), rows.number(i, "difference"),
                    rows.number(i, "ci_low"), rows.number(i, "ci_high"), rows.number(i, "margin"), rows.string(i, "verdict"),
                    Boolean.parseBoolean(rows.string(i, "negligible")), (int) rows.number(i, "pairs")));
        }
        return cells;
    }

    static String verdictText(AccuracyCell c) {
        return c.verdict() + (c.negligible() ? " (negligible)" : "");
    }

    /** A tile per condition (row) and candidate (column), coloured by its verdict. */
    static TileMap.Tile[][] accuracyTiles(List<AccuracyCell> cells) {
        return grid(cells, AccuracyCell::condition, AccuracyCell::candidate, c -> new TileMap.Tile(
                c.verdict().equals(NO_COMPARISON) ? null : Charts.verdictColour(c.verdict()),
                c.verdict().equals(NO_COMPARISON) ? List.of("–", "no pairs at this epoch") : List.of(
                        Format.signed(c.difference(), 2),
                        Double.isNaN(c.low()) ? "no interval" : Format.signed(c.low(), 2) + " to " + Format.signed(c.high(), 2),
                        verdictText(c), c.pairs() + " pairs")));
    }

    private static byte[] accuracyMap(ConditionScope s, List<AccuracyCell> cells) {
        TileMap.Tile[][] tiles = accuracyTiles(cells);
        List<TileMap.Key> legend = List.of(new TileMap.Key(Charts.verdictColour("better"), "better"),
                new TileMap.Key(Charts.verdictColour("worse"), "worse"),
                new TileMap.Key(Charts.verdictColour("equivalent"), "equivalent"),
                new TileMap.Key(Charts.verdictColour("undecided"), "undecided or not testable"),
                new TileMap.Key(Color.WHITE, "no comparison at this epoch"));
        return TileMap.draw(s.setting() + ", epoch " + s.epoch() + ": test accuracy, candidate − " + s.baseline()
                + " (points)", rows(cells, AccuracyCell::condition), rows(cells, AccuracyCell::candidate), tiles, legend);
    }

    /** The caption, every count and name in it read from the tiles. */
    static String accuracyCaption(ConditionScope s, List<AccuracyCell> cells) {
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        cells.forEach(c -> verdicts.merge(c.verdict(), 1, Integer::sum));
        List<String> margins = cells.stream().filter(c -> !Double.isNaN(c.margin())).map(c -> Format.fixed(c.margin(), 2))
                .distinct().toList();
        StringBuilder b = new StringBuilder("**" + s.setting() + "**, test accuracy at " + s.checkpoint() + ": each tile is"
                + " a candidate − " + s.baseline() + " in percentage points, the mean over the seeds paired within the"
                + " condition, with the interval its verdict is read from, the verdict"
                + (margins.isEmpty() ? "" : " at the grid's margin of ±" + String.join(" and ±", margins) + " points")
                + " and the pairs. Of " + cells.size() + " tiles: " + Format.list(verdicts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).toList())
                + ". Green better, red worse, blue equivalent, grey undecided or not testable, white no comparison at"
                + " this epoch.");
        List<String> better = named(cells, "better");
        List<String> worse = named(cells, "worse");
        if (better.isEmpty() && worse.isEmpty()) {
            b.append(" No candidate is better or worse than ").append(s.baseline()).append(" in any condition here.");
        }
        if (!better.isEmpty()) {
            b.append(" Better than ").append(s.baseline()).append(": ").append(Format.list(better)).append('.');
        }
        if (!worse.isEmpty()) {
            b.append(" Worse than ").append(s.baseline()).append(": ").append(Format.list(worse)).append('.');
        }
        return b.toString();
    }

    private static List<String> named(List<AccuracyCell> cells, String verdict) {
        return cells.stream().filter(c -> c.verdict().equals(verdict)).map(c -> c.candidate() + " under `" + c.condition()
                + "` (" + Format.signed(c.difference(), 2) + (c.negligible() ? ", negligible" : "") + ")").toList();
    }

    /** The baseline's inactive units at the checkpoint, per condition: the network's, then each hidden layer's. */
    static String inactiveSql(ConditionScope s, boolean runs) {
        return """
                WITH b AS (
                    SELECT e.condition, %s AS rate, e.network_inactive_fraction, e.inactive_fraction,
                           %s AS hidden_layers
                    FROM epochs e%s
                    WHERE %s AND e.activation_label = %s AND e.epoch = %d),
                layers AS (
                    SELECT condition, rate, 0 AS layer_order, 'network' AS layer, network_inactive_fraction AS fraction
                    FROM b
                    UNION ALL
                    SELECT condition, rate, i, coalesce(hidden_layers[i], 'layer ' || i), inactive_fraction[i]
                    FROM (SELECT *, unnest(range(1, len(inactive_fraction) + 1)) AS i FROM b))
                SELECT %s AS condition, k.layer, 100 * avg(k.fraction) AS inactive, count(k.fraction) AS seeds
                FROM layers k
                GROUP BY k.condition, k.rate, k.layer_order, k.layer
                ORDER BY k.condition, k.rate, k.layer_order""".formatted(s.rate("e.learning_rate"),
                runs ? "r.hidden_layers" : "CAST(NULL AS VARCHAR[])", runs ? " LEFT JOIN runs r ON r.trial_id = e.trial_id"
                        : "", s.where("e"), s.baselineLiteral(), s.epoch(), s.label("k"));
    }

    static List<InactiveCell> inactiveCells(LandedTables.Rows rows) {
        List<InactiveCell> cells = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            cells.add(new InactiveCell(rows.string(i, "condition"), rows.string(i, "layer"), rows.number(i, "inactive"),
                    (int) rows.number(i, "seeds")));
        }
        return cells;
    }

    /** The colour scale's top: the map's largest value, at least 10% so that a map of few inactive units stays pale. */
    static double scaleTop(List<InactiveCell> cells) {
        return Math.max(10, cells.stream().mapToDouble(InactiveCell::percent).filter(v -> !Double.isNaN(v)).max().orElse(0));
    }

    static Color shade(double percent, double top) {
        double f = Double.isNaN(percent) ? 0 : Math.min(1, percent / top);
        return new Color((int) Math.round(255 + f * (INACTIVE.getRed() - 255)),
                (int) Math.round(255 + f * (INACTIVE.getGreen() - 255)), (int) Math.round(255 + f * (INACTIVE.getBlue() - 255)));
    }

    private static byte[] inactiveMap(ConditionScope s, List<InactiveCell> cells) {
        double top = scaleTop(cells);
        TileMap.Tile[][] tiles = grid(cells, InactiveCell::condition, InactiveCell::layer, c -> new TileMap.Tile(
                shade(c.percent(), top), List.of(Format.fixed(c.percent(), 1) + "%", c.seeds() + " seeds")));
        List<TileMap.Key> legend = List.of(new TileMap.Key(shade(0, top), "0%"),
                new TileMap.Key(shade(top / 2, top), Format.fixed(top / 2, 1) + "%"),
                new TileMap.Key(shade(top, top), Format.fixed(top, 1) + "% or more"));
        return TileMap.draw(s.setting() + ", epoch " + s.epoch() + ": " + s.baseline() + "'s inactive units (% of units)",
                rows(cells, InactiveCell::condition), rows(cells, InactiveCell::layer), tiles, legend);
    }

    static String inactiveCaption(ConditionScope s, List<InactiveCell> cells) {
        List<InactiveCell> network = cells.stream().filter(c -> c.layer().equals("network") && !Double.isNaN(c.percent()))
                .toList();
        StringBuilder b = new StringBuilder("**" + s.setting() + "**: " + s.baseline() + "'s inactive units at "
                + s.checkpoint() + " (" + CurveFigures.UNITS + "), percent of the units, mean over seeds: of the network's"
                + " hidden units (each layer weighted by its units), then of each hidden layer's. Darker red: more units"
                + " inactive.");
        if (!network.isEmpty()) {
            InactiveCell most = network.stream().max(java.util.Comparator.comparingDouble(InactiveCell::percent)).orElseThrow();
            InactiveCell fewest = network.stream().min(java.util.Comparator.comparingDouble(InactiveCell::percent)).orElseThrow();
            long tenth = network.stream().filter(c -> c.percent() >= 10).count();
            b.append(" In the network, most under `").append(most.condition()).append("` (")
                    .append(Format.fixed(most.percent(), 1)).append("%), fewest under `").append(fewest.condition())
                    .append("` (").append(Format.fixed(fewest.percent(), 1)).append("%); 10% or more in ").append(tenth)
                    .append(" of ").append(network.size()).append(" conditions.");
        }
        return b.toString();
    }

    /** Row or column labels in the order they first appear. */
    private static <T> List<String> rows(List<T> cells, Function<T, String> key) {
        return List.copyOf(new LinkedHashSet<>(cells.stream().map(key).toList()));
    }

    private static <T> TileMap.Tile[][] grid(List<T> cells, Function<T, String> row, Function<T, String> column,
            Function<T, TileMap.Tile> tile) {
        List<String> rows = rows(cells, row);
        List<String> columns = rows(cells, column);
        TileMap.Tile[][] tiles = new TileMap.Tile[rows.size()][columns.size()];
        for (T c : cells) {
            tiles[rows.indexOf(row.apply(c))][columns.indexOf(column.apply(c))] = tile.apply(c);
        }
        return tiles;
    }
}

package org.activationbench.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activationbench.stats.LeastSquaresLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Across a setting's conditions, each candidate's paired difference in test accuracy against the baseline's inactive
 * units: does the candidate help where, and only where, the baseline's units die? A least-squares line per candidate,
 * with the 95% confidence band of its mean, fitted in Java ({@link LeastSquaresLine}) to the rows the query returns.
 */
final class MechanismFigure {

    /** A condition's point: the baseline's inactive units (percent) and the candidate's gain (points). */
    record Point(String candidate, String condition, double inactive, double gain) {}

    private static final int BAND_STEPS = 40;

    private MechanismFigure() {}

    static void add(Page page, ConditionScope s) {
        page.figure("conditions-mechanism-" + s.setting() + ".png", sql(s), rows -> caption(s, points(rows)),
                rows -> chart(page.charts(), s, points(rows)));
    }

    /** The first map's differences joined to the second map's network column, condition by condition. */
    static String sql(ConditionScope s) {
        return """
                WITH k AS (
                    SELECT condition, %s AS rate, 100 * avg(network_inactive_fraction) AS baseline_inactive
                    FROM epochs e
                    WHERE %s AND activation_label = %s AND epoch = %d AND network_inactive_fraction IS NOT NULL
                    GROUP BY condition, rate)
                SELECT c.candidate, %s AS condition, k.baseline_inactive, 100 * c.mean_difference AS gain
                FROM comparisons c JOIN k ON c.condition = k.condition%s
                WHERE %s AND c.metric = 'test_accuracy' AND c.epoch = %d AND c.mean_difference IS NOT NULL
                ORDER BY c.candidate_activation, coalesce(c.candidate_alpha, 0), k.condition, k.rate"""
                .formatted(s.rate("e.learning_rate"), s.where("e"), s.baselineLiteral(), s.epoch(), s.label("k"),
                        s.sameRate("baseline_learning_rate"), s.where("c"), s.epoch());
    }

    static List<Point> points(LandedTables.Rows rows) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            points.add(new Point(rows.string(i, "candidate"), rows.string(i, "condition"), rows.number(i, "baseline_inactive"),
                    rows.number(i, "gain")));
        }
        return points;
    }

    /** Each candidate's points, in the order the query returns them. */
    static Map<String, List<Point>> byCandidate(List<Point> points) {
        Map<String, List<Point>> by = new LinkedHashMap<>();
        points.forEach(p -> by.computeIfAbsent(p.candidate(), c -> new ArrayList<>()).add(p));
        return by;
    }

    /** A candidate's line, or null where its points do not make one (fewer than two, or one inactive fraction). */
    static LeastSquaresLine fit(List<Point> points) {
        double[] x = points.stream().mapToDouble(Point::inactive).toArray();
        if (x.length < 2 || java.util.Arrays.stream(x).distinct().count() < 2) {
            return null;
        }
        return LeastSquaresLine.fit(x, points.stream().mapToDouble(Point::gain).toArray());
    }

    static String caption(ConditionScope s, List<Point> points) {
        StringBuilder b = new StringBuilder("**" + s.setting() + "**, " + s.checkpoint() + ": a point per condition and"
                + " candidate, across " + s.baseline() + "'s inactive units (percent of the network's hidden units, the"
                + " second map's first column) and the candidate's paired difference in test accuracy (candidate − "
                + s.baseline() + ", points, the first map's tile); a least-squares line per candidate with the 95% confidence"
                + " band of its mean. Slopes in points of accuracy per point of inactive units:");
        List<String> said = new ArrayList<>();
        byCandidate(points).forEach((candidate, mine) -> {
            LeastSquaresLine line = fit(mine);
            if (line == null) {
                said.add(" " + candidate + ", no line (" + (mine.size() < 2 ? mine.size() + " condition"
                        : s.baseline() + "'s inactive units are " + Format.fixed(mine.get(0).inactive(), 1)
                                + "% in each of its " + mine.size() + " conditions") + ")");
            } else if (line.n() == 2) {
                said.add(" " + candidate + ", " + Format.signed(line.slope(), 3) + " (n = 2 conditions: the line through"
                        + " both, no interval)");
            } else {
                said.add(" " + candidate + ", " + Format.signed(line.slope(), 3) + ", 95% interval "
                        + Format.signed(line.slopeLow(), 3) + " to " + Format.signed(line.slopeHigh(), 3) + ", n = "
                        + line.n() + " conditions: " + (line.slopeLow() > 0 ? "the gain rises with " + s.baseline()
                                + "'s inactive units" : line.slopeHigh() < 0 ? "the gain falls as " + s.baseline()
                                + "'s inactive units rise" : "the interval covers 0, no trend these conditions show"));
            }
        });
        return b.append(String.join(";", said)).append('.').toString();
    }

    private static byte[] chart(Charts charts, ConditionScope s, List<Point> points) {
        XYChart chart = Charts.xy(s.setting() + ", epoch " + s.epoch() + ": accuracy gain against " + s.baseline()
                + "'s inactive units", s.baseline() + "'s inactive units (% of hidden units)", "test accuracy, candidate − "
                + s.baseline() + " (points)");
        byCandidate(points).forEach((candidate, mine) -> {
            Color c = charts.color(candidate);
            LeastSquaresLine line = fit(mine);
            if (line != null) {
                double lo = mine.stream().mapToDouble(Point::inactive).min().orElseThrow();
                double hi = mine.stream().mapToDouble(Point::inactive).max().orElseThrow();
                double[] x = new double[BAND_STEPS + 1];
                double[] low = new double[x.length];
                double[] high = new double[x.length];
                for (int i = 0; i <= BAND_STEPS; i++) {
                    x[i] = lo + (hi - lo) * i / BAND_STEPS;
                    low[i] = line.bandLow(x[i]);
                    high[i] = line.bandHigh(x[i]);
                }
                if (line.n() > 2) {
                    Charts.band(chart, candidate + " 95% band", x, low, high, c);
                }
                XYSeries fitted = chart.addSeries(candidate + " fit", new double[] {lo, hi}, new double[] {line.at(lo),
                        line.at(hi)});
                fitted.setMarker(SeriesMarkers.NONE);
                fitted.setLineColor(c);
                fitted.setShowInLegend(false);
            }
            XYSeries dots = chart.addSeries(candidate, mine.stream().mapToDouble(Point::inactive).toArray(),
                    mine.stream().mapToDouble(Point::gain).toArray());
            dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(c);
        });
        XYSeries zero = chart.addSeries("no difference", new double[] {points.stream().mapToDouble(Point::inactive).min()
                .orElse(0), points.stream().mapToDouble(Point::inactive).max().orElse(0)}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.DARK_GRAY);
        zero.setShowInLegend(false);
        return Charts.png(chart);
    }
}

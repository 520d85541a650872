package org.activationbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activationbench.model.ActivationSpec;
import org.activationbench.model.Activations;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The report's figures, drawn headless with XChart and returned as PNG bytes. */
final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f)};

    /** A mean with the bounds of its 95% interval, at each x. */
    record Band(double[] x, double[] mean, double[] low, double[] high) {}

    private final Map<String, Color> colors = new LinkedHashMap<>();

    Charts(List<String> labels) {
        System.setProperty("java.awt.headless", "true");
        for (String label : labels) {
            colors.put(label, PALETTE[colors.size() % PALETTE.length]);
        }
    }

    Color color(String label) {
        return colors.computeIfAbsent(label, l -> PALETTE[colors.size() % PALETTE.length]);
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /** A line per label with a shaded 95% band. */
    byte[] bands(String title, String xTitle, String yTitle, Map<String, Band> series) {
        XYChart chart = xy(title, xTitle, yTitle);
        for (Map.Entry<String, Band> e : series.entrySet()) {
            Band b = e.getValue();
            Color c = color(e.getKey());
            if (b.x().length > 1) {
                band(chart, e.getKey() + " 95% CI", b.x(), b.low(), b.high(), c);
            }
            XYSeries line = chart.addSeries(e.getKey(), b.x(), b.mean());
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(c);
            line.setLineColor(c);
        }
        return png(chart);
    }

    /** A shaded area between {@code low} and {@code high} along {@code x}, out of the legend. */
    static void band(XYChart chart, String name, double[] x, double[] low, double[] high, Color c) {
        double[] px = new double[2 * x.length];
        double[] py = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            px[i] = x[i];
            py[i] = high[i];
            px[px.length - 1 - i] = x[i];
            py[py.length - 1 - i] = low[i];
        }
        XYSeries band = chart.addSeries(name, px, py);
        band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setShowInLegend(false);
    }

    /** The distribution over seeds of a value, one box per label. */
    byte[] boxes(String title, String yTitle, Map<String, double[]> values) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        List<Color> seriesColors = new ArrayList<>();
        values.forEach((label, v) -> {
            chart.addSeries(label, v);
            seriesColors.add(color(label));
        });
        chart.getStyler().setSeriesColors(seriesColors.toArray(Color[]::new));
        return png(chart);
    }

    /** One row per comparison: mean difference and its interval; significant rows in red. */
    byte[] forest(String title, String xTitle, List<String> labels, double[] mean, double[] low, double[] high,
            boolean[] significant) {
        Color[] colours = new Color[labels.size()];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = significant[i] ? new Color(0xd62728) : new Color(0x1f77b4);
        }
        return forest(title, xTitle, labels, mean, low, high, colours, Double.NaN);
    }

    /** The colour of a verdict in the figures: better green, worse red, equivalent blue, anything else grey. */
    static Color verdictColour(String verdict) {
        return switch (verdict) {
            case "better" -> new Color(0x2ca02c);
            case "worse" -> new Color(0xd62728);
            case "equivalent" -> new Color(0x1f77b4);
            default -> new Color(0x7f7f7f);
        };
    }

    /**
     * Intervals of paired differences, one row each, coloured as given, with the line of no difference and, unless
     * {@code margin} is NaN, dashed lines at plus and minus the margin.
     */
    byte[] forest(String title, String xTitle, List<String> labels, double[] mean, double[] low, double[] high,
            Color[] colours, double margin) {
        XYChart chart = xy(title, xTitle, "");
        int n = labels.size();
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < n; i++) {
            double y = n - i;
            Color c = colours[i];
            XYSeries ci = chart.addSeries(labels.get(i), new double[] {low[i], high[i]}, new double[] {y, y});
            ci.setMarker(SeriesMarkers.NONE);
            ci.setLineColor(c);
            ci.setLineStyle(new BasicStroke(2.5f));
            ci.setShowInLegend(false);
            XYSeries point = chart.addSeries(labels.get(i) + " mean", new double[] {mean[i]}, new double[] {y});
            point.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(c);
            point.setShowInLegend(false);
            lo = Math.min(lo, Double.isNaN(low[i]) ? mean[i] : low[i]);
            hi = Math.max(hi, Double.isNaN(high[i]) ? mean[i] : high[i]);
        }
        XYSeries zero = chart.addSeries("no difference", new double[] {0, 0}, new double[] {0.5, n + 0.5});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.DARK_GRAY);
        zero.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f}, 0f));
        if (!Double.isNaN(margin)) {
            for (double edge : new double[] {-margin, margin}) {
                XYSeries band = chart.addSeries("margin " + edge, new double[] {edge, edge}, new double[] {0.5, n + 0.5});
                band.setMarker(SeriesMarkers.NONE);
                band.setLineColor(new Color(0x9467bd));
                band.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {2f, 4f}, 0f));
            }
            lo = Math.min(lo, -margin);
            hi = Math.max(hi, margin);
        }
        double pad = Math.max((hi - lo) * 0.08, 1e-9);
        chart.getStyler().setXAxisMin(lo - pad);
        chart.getStyler().setXAxisMax(hi + pad);
        chart.getStyler().setYAxisMin(0.5);
        chart.getStyler().setYAxisMax(n + 0.5);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setAnnotationTextFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
        for (int i = 0; i < n; i++) {
            // Each row's label sits just above its interval, centred on it.
            double centre = Double.isNaN(low[i]) ? mean[i] : (low[i] + high[i]) / 2;
            chart.addAnnotation(new AnnotationText(labels.get(i), centre, n - i + 0.22, false));
        }
        return png(chart);
    }

    /** Each activation and its derivative over [-5, 5], computed by the same DL4J code that trains with it. */
    byte[][] activations(List<String> activations, List<Double> alphas) {
        XYChart functions = xy("Activation functions", "x", "f(x)");
        XYChart derivatives = xy("Their derivatives", "x", "f'(x)");
        int points = 401;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = -5 + 10.0 * i / (points - 1);
        }
        for (String name : activations) {
            ActivationSpec spec = Activations.get(name);
            List<Double> slopes = spec.takesAlpha() ? alphas : java.util.Collections.singletonList(null);
            for (Double alpha : slopes) {
                String label = alpha == null ? (spec.slope() == ActivationSpec.Slope.LEARNED ? name + " (initial slope 0.25)" : name)
                        : name + "(" + Format.number(alpha) + ")";
                IActivation f = spec.slope() == ActivationSpec.Slope.LEARNED
                        ? Activations.get("leakyrelu").create(0.25) : spec.create(alpha);
                double[][] fd = evaluate(f, x);
                Color c = color(alpha == null ? name : name + "(" + Format.number(alpha) + ")");
                for (XYSeries series : List.of(functions.addSeries(label, x, fd[0]), derivatives.addSeries(label, x, fd[1]))) {
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineColor(c);
                }
            }
        }
        return new byte[][] {png(functions), png(derivatives)};
    }

    private static double[][] evaluate(IActivation f, double[] x) {
        INDArray in = Nd4j.create(x, new long[] {1, x.length}, DataType.DOUBLE);
        double[] y = f.getActivation(in.dup(), false).toDoubleVector();
        double[] dy = f.backprop(in.dup(), Nd4j.ones(DataType.DOUBLE, 1, x.length)).getFirst().toDoubleVector();
        return new double[][] {y, dy};
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.activationbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.activationbench.stats.MeanInterval;

/**
 * Figures of a mean over seeds along an axis (epoch, alpha or hidden layer), with its 95% t-interval: learning curves,
 * test accuracy by alpha, inactive units per layer. Each query returns the mean, sample sd and count; the interval is
 * computed from them.
 */
final class CurveFigures {

    /** Up to this many hidden layers the inactive units are drawn over epochs, one line per activation and layer. */
    static final int LAYERS_OVER_EPOCHS = 3;

    /** What an inactive unit is, said in every caption that shows them. */
    static final String UNITS = "never positive on the training set; dead for ReLU";

    private CurveFigures() {}

    static void learningCurve(Page page, String setting, String column, String title) {
        page.figure(title.substring(0, 1).toUpperCase() + title.substring(1) + " after every epoch, **" + setting
                + "**: mean over seeds with its 95% t-interval.", column + "-" + setting + ".png", """
                SELECT activation_label, epoch, avg(%s) AS mean, stddev_samp(%s) AS sd, count(*) AS seeds
                FROM curve
                WHERE %s
                GROUP BY activation, alpha, activation_label, epoch
                ORDER BY activation, coalesce(alpha, 0), activation_label, epoch"""
                .formatted(column, column, RunOutline.where(setting)),
                rows -> page.charts().bands(setting + ": " + title, "epoch", title,
                        bands(rows, i -> rows.string(i, "activation_label"), "epoch")));
    }

    static void byAlpha(Page page, String setting, String baseline) {
        page.figure("Test accuracy by the negative slope alpha at each checkpoint, **" + setting + "** (mean and 95% t-interval;"
                + " flat lines: " + baseline + " at the same checkpoint).", "alpha-" + setting + ".png", """
                SELECT epoch, 'alpha' AS series, alpha, avg(100 * test_accuracy) AS mean,
                       stddev_samp(100 * test_accuracy) AS sd, count(*) AS seeds
                FROM epochs
                WHERE %s AND alpha IS NOT NULL
                GROUP BY epoch, alpha
                UNION ALL
                SELECT epoch, 'baseline', NULL, avg(100 * test_accuracy), NULL, count(*)
                FROM epochs
                WHERE %s AND activation_label = %s
                GROUP BY epoch
                ORDER BY epoch, series, alpha"""
                .formatted(RunOutline.where(setting), RunOutline.where(setting), RunOutline.literal(baseline)),
                rows -> page.charts().bands(setting + ": test accuracy by alpha", "alpha", "test accuracy (%)",
                        alphaSeries(rows, baseline)));
    }

    /** Per epoch: a band over alpha, then the baseline's mean as a flat line across the same alphas. */
    private static Map<String, Charts.Band> alphaSeries(LandedTables.Rows rows, String baseline) {
        Map<String, Charts.Band> series = new LinkedHashMap<>();
        Map<String, Charts.Band> byEpoch = bands(rows, i -> rows.string(i, "series").equals("alpha")
                ? "epoch " + rows.string(i, "epoch") : null, "alpha");
        for (int i = 0; i < rows.size(); i++) {
            String epoch = "epoch " + rows.string(i, "epoch");
            Charts.Band alphas = byEpoch.get(epoch);
            if (alphas == null) {
                continue;
            }
            series.putIfAbsent(epoch, alphas);
            if (rows.string(i, "series").equals("baseline") && alphas.x().length > 0) {
                double m = rows.number(i, "mean");
                double[] flat = {m, m};
                series.put(baseline + ", " + epoch, new Charts.Band(
                        new double[] {alphas.x()[0], alphas.x()[alphas.x().length - 1]}, flat, flat, flat));
            }
        }
        return series;
    }

    /**
     * Inactive units per hidden layer: over epochs, one line per activation and layer; for deeper networks, where those
     * lines would be too many to read, by layer at the last checkpoint, one line per activation.
     */
    static void inactiveUnits(Page page, String setting, int hiddenLayers, int lastEpoch) {
        if (hiddenLayers > LAYERS_OVER_EPOCHS) {
            inactiveUnitsByLayer(page, setting, lastEpoch);
            return;
        }
        page.figure("Inactive units per hidden layer by epoch, **" + setting + "** (" + UNITS + "; percent of the layer's"
                + " units, mean over seeds with its 95% t-interval).",
                "inactive-" + setting + ".png", """
                SELECT activation_label, layer, layer_name, epoch, avg(100 * fraction) AS mean,
                       stddev_samp(100 * fraction) AS sd, count(*) AS seeds
                FROM (SELECT e.activation, e.alpha, e.activation_label, e.epoch, unnest(e.inactive_fraction) AS fraction,
                             unnest(range(1, len(e.inactive_fraction) + 1)) AS layer, unnest(r.hidden_layers) AS layer_name
                      FROM epochs e JOIN runs r USING (trial_id)
                      WHERE e.%s)
                WHERE fraction IS NOT NULL
                GROUP BY activation, alpha, activation_label, layer, layer_name, epoch
                ORDER BY activation, coalesce(alpha, 0), activation_label, layer, epoch"""
                .formatted(RunOutline.where(setting)),
                rows -> page.charts().bands(setting + ": inactive units per layer", "epoch", "inactive units (%)",
                        bands(rows, i -> rows.string(i, "activation_label") + " / " + rows.string(i, "layer_name"), "epoch")));
    }

    private static void inactiveUnitsByLayer(Page page, String setting, int epoch) {
        page.figure("Inactive units in each hidden layer (1 is next to the input) after epoch " + epoch + ", **" + setting
                + "** (" + UNITS + "; percent of the layer's units, mean over seeds with its 95% t-interval).",
                "inactive-" + setting + ".png", """
                SELECT activation_label, layer, avg(100 * fraction) AS mean, stddev_samp(100 * fraction) AS sd,
                       count(*) AS seeds
                FROM (SELECT activation, alpha, activation_label, unnest(inactive_fraction) AS fraction,
                             unnest(range(1, len(inactive_fraction) + 1)) AS layer
                      FROM epochs
                      WHERE %s AND epoch = %d)
                WHERE fraction IS NOT NULL
                GROUP BY activation, alpha, activation_label, layer
                ORDER BY activation, coalesce(alpha, 0), activation_label, layer"""
                .formatted(RunOutline.where(setting), epoch),
                rows -> page.charts().bands(setting + ": inactive units by layer, epoch " + epoch, "hidden layer",
                        "inactive units (%)", bands(rows, i -> rows.string(i, "activation_label"), "layer")));
    }

    /** One band per series name (rows whose name is null are left out), in the order the rows first name them. */
    static Map<String, Charts.Band> bands(LandedTables.Rows rows, IntFunction<String> name, String xColumn) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String key = name.apply(i);
            if (key != null) {
                members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Charts.Band> bands = new LinkedHashMap<>();
        members.forEach((key, indices) -> {
            int n = indices.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            for (int j = 0; j < n; j++) {
                int row = indices.get(j);
                MeanInterval interval = MeanInterval.t95(rows.number(row, "mean"), rows.number(row, "sd"),
                        (long) rows.number(row, "seeds"));
                x[j] = rows.number(row, xColumn);
                mean[j] = interval.mean();
                low[j] = interval.low();
                high[j] = interval.high();
            }
            bands.put(key, new Charts.Band(x, mean, low, high));
        });
        return bands;
    }
}

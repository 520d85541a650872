package org.activationbench.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each activation's test accuracy over the seeds at a setting's last checkpoint, as box plots. */
final class SeedSpreadFigure {

    private SeedSpreadFigure() {}

    static void add(Page page, String setting, int epoch) {
        page.figure("Test accuracy after epoch " + epoch + " over seeds, **" + setting + "** (percent).", "seeds-" + setting + ".png",
                """
                SELECT activation_label, seed, 100 * test_accuracy AS test_accuracy
                FROM epochs
                WHERE %s AND epoch = %d
                ORDER BY activation, coalesce(alpha, 0), activation_label, seed""".formatted(RunOutline.where(setting), epoch),
                rows -> {
                    Map<String, double[]> values = new LinkedHashMap<>();
                    for (int i = 0; i < rows.size(); i++) {
                        double[] old = values.getOrDefault(rows.string(i, "activation_label"), new double[0]);
                        double[] grown = Arrays.copyOf(old, old.length + 1);
                        grown[old.length] = rows.number(i, "test_accuracy");
                        values.put(rows.string(i, "activation_label"), grown);
                    }
                    return page.charts().boxes(setting + ", epoch " + epoch + ": test accuracy over seeds", "test accuracy (%)",
                            values);
                });
    }
}

package org.activationbench.cli;

import java.util.Locale;
import org.activationbench.train.CheckpointMetrics;

/** The table {@code train} prints: a header, then a line per checkpoint as the trial passes it. */
final class CheckpointTable {

    /** The table's header line, above a line per checkpoint. */
    static final String HEADER = "epoch  train_loss  train_acc  test_loss  test_acc  train_s  examples/s  inactive_units"
            + "  recovered  grad_norm";

    private CheckpointTable() {}

    /** Prints a checkpoint's line, then its validation and looks lines where it has them. */
    static void print(CheckpointMetrics m) {
        System.out.printf(Locale.ROOT, "%5d  %10.4f  %9.4f  %9.4f  %8.4f  %7.1f  %10.0f  %s  %s  %s%n", m.epoch(), m.trainLoss(),
                m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.trainSeconds(), m.examplesPerSecond(),
                inactive(m), m.recoveredUnits() == null ? "-" : m.recoveredUnits() + " of " + m.previouslyInactiveUnits(),
                format(m.gradientNorm()));
        if (m.validationAccuracy() != null) {
            System.out.printf(Locale.ROOT, "       validation: loss %.4f, accuracy %.4f%n", m.validationLoss(), m.validationAccuracy());
        }
        if (m.looks() != null) {
            System.out.printf(Locale.ROOT, "       looks: examples to 97/98/99%% %s/%s/%s, epoch-1 accuracy AUC %.4f%n",
                    orDash(m.looks().examplesTo97()), orDash(m.looks().examplesTo98()), orDash(m.looks().examplesTo99()),
                    m.looks().accuracyAucEpoch1());
        }
    }

    private static String orDash(Long examples) {
        return examples == null ? "-" : examples.toString();
    }

    /** Per layer "inactive/units", then the network's fraction: "[3/256 0/128] 0.781%". */
    private static String inactive(CheckpointMetrics m) {
        int[] counts = m.inactiveUnits();
        StringBuilder b = new StringBuilder("[");
        for (int h = 0; h < counts.length; h++) {
            b.append(h == 0 ? "" : " ").append(counts[h]).append('/').append(m.hiddenUnits()[h]);
        }
        return b.append("] ").append(String.format(Locale.ROOT, "%.3g%%", 100 * m.networkInactiveFraction())).toString();
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3g", values[i]));
        }
        return b.append(']').toString();
    }
}

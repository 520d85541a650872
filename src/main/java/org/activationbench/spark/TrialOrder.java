package org.activationbench.spark;

import java.util.Comparator;
import java.util.List;
import org.activationbench.grid.TrialConfig;

/**
 * Orders trials longest first, so that a slow trial (a CNN, a deep MLP, many epochs) starts early instead of
 * finishing alone at the end while every other core idles. The estimate is relative: epochs x examples x the
 * architecture's cost per example, measured on one core (MLP = 1).
 */
final class TrialOrder {

    private TrialOrder() {}

    static double cost(TrialConfig c) {
        String a = c.architecture();
        double perExample;
        if (a.equals("cnn")) {
            perExample = 12.0;
        } else if (a.startsWith("mlp-deep-")) {
            perExample = 0.6 + 0.15 * Integer.parseInt(a.substring("mlp-deep-".length()));
        } else {
            perExample = 1.0;
        }
        double examples = c.trainExamples() > 0 ? c.trainExamples() : 60_000;
        return c.maxEpochs() * examples * perExample;
    }

    static List<TrialConfig> longestFirst(List<TrialConfig> trials) {
        return trials.stream()
                .sorted(Comparator.comparingDouble(TrialOrder::cost).reversed().thenComparing(TrialConfig::trialId))
                .toList();
    }
}

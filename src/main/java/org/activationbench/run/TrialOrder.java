package org.activationbench.run;

import java.util.Comparator;
import java.util.List;
import org.activationbench.grid.TrialConfig;

/**
 * Orders trials longest first, so that a slow trial (a CNN, a deep MLP, many epochs) starts early instead of
 * finishing alone at the end while every other core idles. The estimate is relative: epochs x examples x the
 * architecture's training cost per example, measured on one core with DL4J 1.0.0-M2 (MLP = 1; mlp-deep-8 1.2,
 * mlp-deep-32 4.0, cnn 52).
 */
final class TrialOrder {

    private TrialOrder() {}

    static double cost(TrialConfig c) {
        String a = c.architecture();
        double perExample;
        if (a.equals("cnn")) {
            perExample = 52.0;
        } else if (a.startsWith("mlp-deep-")) {
            perExample = 0.27 + 0.117 * Integer.parseInt(a.substring("mlp-deep-".length()));
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

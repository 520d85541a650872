package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearningRateChoiceTest {

    private static final LearningRateChoice.Key RELU = TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier", "relu");
    private static final LearningRateChoice.Key LEAKY = TunedProtocol.key("mnist", "mlp", "per-task", "adam, xavier", "leakyrelu(0.1)");

    private static List<LearningRateChoice.Score> scores(LearningRateChoice.Key key, double rate, double... accuracies) {
        List<LearningRateChoice.Score> out = new ArrayList<>();
        for (int s = 0; s < accuracies.length; s++) {
            out.add(new LearningRateChoice.Score(key, rate, 1000 + s, accuracies[s]));
        }
        return out;
    }

    @Test
    void theHighestMeanValidationAccuracyWinsPerLabel() {
        List<LearningRateChoice.Score> all = new ArrayList<>();
        all.addAll(scores(RELU, 3e-4, 0.95, 0.96));
        all.addAll(scores(RELU, 1e-3, 0.97, 0.965));
        all.addAll(scores(RELU, 3e-3, 0.99, 0.90));        // mean 0.945: a high single seed does not win
        all.addAll(scores(LEAKY, 3e-4, 0.95, 0.95));
        all.addAll(scores(LEAKY, 3e-3, 0.96, 0.962));
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> chosen = LearningRateChoice.choose(all, 1e-3);
        assertEquals(1e-3, chosen.get(RELU).learningRate());
        assertEquals(0.9675, chosen.get(RELU).best().meanValidationAccuracy(), 1e-12);
        assertEquals(List.of(3e-4, 1e-3, 3e-3), chosen.get(RELU).rates().stream().map(LearningRateChoice.RateMean::learningRate).toList());
        assertEquals(3e-3, chosen.get(LEAKY).learningRate());
    }

    /** Ties go to the rate closer to the fixed rate on a log scale (3e-4 is 0.52 decades from 1e-3, 1e-2 one decade). */
    @Test
    void aTieGoesToTheRateCloserToTheFixedOneThenTheSmaller() {
        List<LearningRateChoice.Score> all = new ArrayList<>();
        all.addAll(scores(RELU, 3e-4, 0.95));
        all.addAll(scores(RELU, 1e-2, 0.95));
        assertEquals(3e-4, LearningRateChoice.choose(all, 1e-3).get(RELU).learningRate());
        List<LearningRateChoice.Score> even = new ArrayList<>();
        even.addAll(scores(RELU, 1e-4, 0.95));
        even.addAll(scores(RELU, 1e-2, 0.95));
        assertEquals(1e-4, LearningRateChoice.choose(even, 1e-3).get(RELU).learningRate());
    }

    /** A diverged tuning trial (NaN: it never reached the tuning epoch) counts as accuracy 0 in its rate's mean. */
    @Test
    void aTrialThatDidNotReachTheTuningEpochCountsAsZero() {
        List<LearningRateChoice.Score> all = new ArrayList<>();
        all.addAll(scores(RELU, 1e-3, 0.90, 0.90));
        all.addAll(scores(RELU, 1e-2, 0.99, Double.NaN));
        LearningRateChoice.Chosen c = LearningRateChoice.choose(all, 1e-3).get(RELU);
        assertEquals(1e-3, c.learningRate());
        assertEquals(0.495, c.rates().get(1).meanValidationAccuracy(), 1e-12);
    }
}

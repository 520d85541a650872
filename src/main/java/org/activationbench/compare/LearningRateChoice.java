package org.activationbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Stage 1 of {@code protocol = tuned}: each activation label's learning rate (every alpha on its own), per dataset x
 * architecture x strategy x condition, chosen from the tuning seeds' validation accuracy alone. Pure: the test set never enters it.
 * The rule is {@link #RULE}.
 */
public final class LearningRateChoice {

    /** The rule, as the report and docs/statistics.md state it. */
    public static final String RULE = "the learning rate with the highest mean validation accuracy over the tuning seeds at"
            + " the tuning epoch; a tuning trial that did not reach that epoch (diverged or failed) counts as accuracy 0;"
            + " a tie goes to the rate closer to training.learning-rate (on a log scale), then to the smaller rate";

    /** What is chosen for: one activation label in one setting and condition. */
    public record Key(String dataset, String architecture, String strategy, String condition, String label) {}

    /**
     * One tuning trial's score.
     *
     * @param validationAccuracy at the tuning epoch; NaN if the trial did not reach it (counts as 0)
     */
    public record Score(Key key, double learningRate, long seed, double validationAccuracy) {}

    /** One rate's mean over the tuning seeds. */
    public record RateMean(double learningRate, double meanValidationAccuracy, int seeds) {}

    /** The rate chosen for a key, and every rate's mean it was chosen from (ascending by rate). */
    public record Chosen(Key key, double learningRate, List<RateMean> rates) {

        /** The chosen rate's own mean, among those compared. */
        public RateMean best() {
            return rates.stream().filter(r -> at(r.learningRate())).findFirst().orElseThrow();
        }

        /**
         * Whether {@code rate} is the chosen one. Exact: a rate is the grid's own value, written to the tables and read
         * back bit for bit, never the result of arithmetic.
         */
        public boolean at(double rate) {
            return Double.compare(learningRate, rate) == 0;
        }
    }

    private LearningRateChoice() {}

    /** The choice for every key that has scores, in key order. */
    public static Map<Key, Chosen> choose(List<Score> scores, double fixedRate) {
        Map<Key, Map<Double, List<Score>>> byKey = scores.stream().collect(Collectors.groupingBy(Score::key,
                LinkedHashMap::new, Collectors.groupingBy(Score::learningRate, TreeMap::new, Collectors.toList())));
        Map<Key, Chosen> out = new LinkedHashMap<>();
        for (Map.Entry<Key, Map<Double, List<Score>>> e : byKey.entrySet()) {
            List<RateMean> rates = new ArrayList<>();
            for (Map.Entry<Double, List<Score>> r : e.getValue().entrySet()) {
                double mean = r.getValue().stream()
                        .mapToDouble(s -> Double.isNaN(s.validationAccuracy()) ? 0 : s.validationAccuracy()).average().orElse(0);
                rates.add(new RateMean(r.getKey(), mean, r.getValue().size()));
            }
            RateMean best = rates.stream().min(Comparator.comparingDouble((RateMean m) -> -m.meanValidationAccuracy())
                    .thenComparingDouble(m -> Math.abs(Math.log(m.learningRate() / fixedRate)))
                    .thenComparingDouble(RateMean::learningRate)).orElseThrow();
            out.put(e.getKey(), new Chosen(e.getKey(), best.learningRate(), List.copyOf(rates)));
        }
        return out;
    }
}

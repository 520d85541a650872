package org.activationbench.stats;

/**
 * The probability that the candidate improves on the baseline on a seed: the share of paired seeds on which it does
 * (a tie counts one half), with a percentile bootstrap interval over the pairs. The paired form of Bouthillier et al.
 * (2021) and of rliable's "probability of improvement" (Agarwal et al. 2021), which compare runs unpaired; pairing by
 * seed removes the initialisation and minibatch-order noise the two sides share.
 */
public final class ProbabilityOfImprovement {

    /** The estimate and its 95% interval; NaN without pairs. */
    public record Estimate(double probability, double low, double high) {}

    private final BootstrapInterval bootstrap;

    public ProbabilityOfImprovement(BootstrapInterval bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * @param differences     candidate - baseline, per paired seed
     * @param higherIsBetter  whether a positive difference is an improvement (accuracy) or a negative one (loss)
     */
    public Estimate of(double[] differences, boolean higherIsBetter) {
        double[] wins = wins(differences, higherIsBetter);
        if (wins.length == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double w : wins) {
            sum += w;
        }
        BootstrapInterval.Interval ci = bootstrap.mean(wins, 0.95);
        return new Estimate(sum / wins.length, ci.low(), ci.high());
    }

    /** 1 where the candidate improved, 0.5 on a tie, 0 where it did worse. */
    static double[] wins(double[] differences, boolean higherIsBetter) {
        double[] wins = new double[differences.length];
        for (int i = 0; i < differences.length; i++) {
            double d = higherIsBetter ? differences[i] : -differences[i];
            wins[i] = d > 0 ? 1 : d == 0 ? 0.5 : 0;
        }
        return wins;
    }
}

package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The error rates of {@link SequentialFamily} under optional stopping, by simulation: thousands of seeded families of
 * three candidates against one baseline, each replayed look by look as the driver would run it (5 to 30 seeds in
 * rounds of 5, target half-width 0.1 points, alpha 0.05).
 *
 * <p>Paired differences are drawn normal with sd {@value #SD} (0.15 accuracy points), the spread of paired test
 * accuracy differences measured on real MNIST MLP runs (0.16 pooled over the 45 differences of {@value #REAL},
 * from conf/grids/sequential.conf; docs/statistics.md), with a third and three times it, and resampled from the
 * real differences themselves.
 */
class SequentialErrorRatesTest {

    static final double SD = 0.0015;
    static final String REAL = "/sequential/mnist-mlp-epoch3-differences.csv";
    private static final SequentialDesign DESIGN = design(AlphaSpending.Shape.POCOCK);
    private static final int EXPERIMENTS = 4000;
    /** Binomial standard error of a 5% rate over {@link #EXPERIMENTS} experiments. */
    private static final double SIMULATION_ERROR = Math.sqrt(0.05 * 0.95 / EXPERIMENTS);

    static SequentialDesign design(AlphaSpending.Shape shape) {
        return new SequentialDesign(5, 30, 5, 0.001, 0.05, shape);
    }

    /** What a batch of simulated families gave. */
    record Rates(double familyWiseError, double power, double meanSeedsOfFirst, double meanTrials) {}

    /** Replays {@code EXPERIMENTS} families; {@code shifts[i]} is candidate i's true mean difference. */
    static Rates simulate(SequentialFamily family, double[] shifts, DoubleSupplier noise) {
        int falseFamilies = 0;
        int firstDecidedRightly = 0;
        long seedsOfFirst = 0;
        long trials = 0;
        int[] all = new int[shifts.length];
        java.util.Arrays.fill(all, 30);
        for (int e = 0; e < EXPERIMENTS; e++) {
            List<double[]> diffs = new ArrayList<>();
            for (double shift : shifts) {
                double[] d = new double[30];
                for (int i = 0; i < 30; i++) {
                    d[i] = shift + noise.getAsDouble();
                }
                diffs.add(d);
            }
            List<SequentialDecision> decisions = family.decide(diffs, all);
            boolean falseClaim = false;
            int baselineSeeds = 0;
            for (int i = 0; i < shifts.length; i++) {
                SequentialDecision d = decisions.get(i);
                boolean signed = d.outcome() == SequentialDecision.Outcome.GREATER || d.outcome() == SequentialDecision.Outcome.LESS;
                falseClaim |= shifts[i] == 0 && signed;
                trials += d.seedsUsed();
                baselineSeeds = Math.max(baselineSeeds, d.seedsUsed());
            }
            trials += baselineSeeds;
            falseFamilies += falseClaim ? 1 : 0;
            firstDecidedRightly += decisions.get(0).outcome() == SequentialDecision.Outcome.GREATER ? 1 : 0;
            seedsOfFirst += decisions.get(0).seedsUsed();
        }
        return new Rates(falseFamilies / (double) EXPERIMENTS, firstDecidedRightly / (double) EXPERIMENTS,
                seedsOfFirst / (double) EXPERIMENTS, trials / (double) EXPERIMENTS);
    }

    static DoubleSupplier normal(double sd, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var sampler = NormalDistribution.of(0, sd).createSampler(rng);
        return sampler::sample;
    }

    /**
     * Under no difference at all, no candidate may be called better or worse in more than 5% of the families, with
     * either spending shape. At three times the measured spread few comparisons stop for precision and nearly all
     * the alpha is spent; at the measured spread and below, comparisons stop for precision before the last look and
     * the alpha they leave unspent makes the design conservative.
     */
    @Test
    void familyWiseErrorUnderTheNullHolds() {
        for (AlphaSpending.Shape shape : AlphaSpending.Shape.values()) {
            SequentialFamily family = new SequentialFamily(design(shape), 3);
            for (double sd : new double[] {SD / 3, SD, SD * 3}) {
                Rates r = simulate(family, new double[] {0, 0, 0}, normal(sd, 19));
                System.out.printf("null, %s, sd %.4f: family-wise error %.4f (simulation error %.4f), mean trials %.1f%n",
                        shape.label(), sd, r.familyWiseError(), SIMULATION_ERROR, r.meanTrials());
                assertTrue(r.familyWiseError() <= 0.05 + 2 * SIMULATION_ERROR, "family-wise error " + r.familyWiseError());
            }
        }
    }

    /** With one real difference whose rejection recycles its alpha to the others, the two null ones still hold it. */
    @Test
    void familyWiseErrorHoldsWhenAlphaIsRecycled() {
        Rates r = simulate(new SequentialFamily(DESIGN, 3), new double[] {0.003, 0, 0}, normal(SD, 23));
        System.out.printf("one 0.3-point difference, two null: family-wise error %.4f, power %.3f%n", r.familyWiseError(),
                r.power());
        assertTrue(r.familyWiseError() <= 0.05 + 2 * SIMULATION_ERROR, "family-wise error " + r.familyWiseError());
        assertTrue(r.power() > 0.95, "a 0.3-point difference at sd 0.15 is decided: " + r.power());
    }

    /**
     * The real paired differences of test accuracy at epoch 3 of the MLP (relu against leakyrelu at 0.01, 0.1 and
     * 0.3, the seeds conf/grids/sequential.conf ran), from {@value #REAL}: each candidate's differences minus their
     * mean, pooled, keep the real shape (tails, skew, the 1/10,000 grain of test accuracy) with no difference.
     */
    static double[] realNullDifferences() {
        Map<String, List<Double>> byCandidate = new TreeMap<>();
        try (var in = SequentialErrorRatesTest.class.getResourceAsStream(REAL)) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] f = line.split(",");
                byCandidate.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Double> pool = new ArrayList<>();
        for (List<Double> d : byCandidate.values()) {
            double mean = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            d.forEach(x -> pool.add(x - mean));
        }
        return pool.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Under no difference, with differences resampled from the real ones, the family-wise error holds too; and the
     * real spread is the {@link #SD} the normal simulations use.
     */
    @Test
    void familyWiseErrorHoldsOnResampledRealDifferences() {
        double[] pool = realNullDifferences();
        double sd = Math.sqrt(java.util.Arrays.stream(pool).map(x -> x * x).sum() / (pool.length - 1));
        System.out.printf("real differences: %d, pooled sd %.5f%n", pool.length, sd);
        assertTrue(Math.abs(sd - SD) < 0.1 * SD, "the simulations' sd is the measured one: " + sd);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(41);
        for (AlphaSpending.Shape shape : AlphaSpending.Shape.values()) {
            Rates r = simulate(new SequentialFamily(design(shape), 3), new double[] {0, 0, 0}, () -> pool[rng.nextInt(pool.length)]);
            System.out.printf("null, %s, resampled real differences: family-wise error %.4f (simulation error %.4f)%n",
                    shape.label(), r.familyWiseError(), SIMULATION_ERROR);
            assertTrue(r.familyWiseError() <= 0.05 + 2 * SIMULATION_ERROR, "family-wise error " + r.familyWiseError());
        }
        Rates r = simulate(new SequentialFamily(DESIGN, 3), new double[] {0.003, 0, 0}, () -> pool[rng.nextInt(pool.length)]);
        System.out.printf("one 0.3-point difference on resampled real differences: power %.3f, expected seeds %.1f,"
                + " family-wise error %.4f%n", r.power(), r.meanSeedsOfFirst(), r.familyWiseError());
        assertTrue(r.familyWiseError() <= 0.05 + 2 * SIMULATION_ERROR);
    }

    /**
     * "Equivalent" is a claim too: with every candidate truly 0.1 point better (on the target's edge, so not
     * equivalent), the family claims equivalence for one of them in at most 5% of the simulated families.
     */
    @Test
    void equivalenceIsClaimedWronglyAtMostFivePercentOfTheTime() {
        for (double sd : new double[] {SD / 3, SD}) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(37);
            var sampler = NormalDistribution.of(0, sd).createSampler(rng);
            SequentialFamily family = new SequentialFamily(DESIGN, 3);
            int wrong = 0;
            int[] all = {30, 30, 30};
            for (int e = 0; e < EXPERIMENTS; e++) {
                List<double[]> diffs = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    double[] d = new double[30];
                    for (int i = 0; i < 30; i++) {
                        d[i] = 0.001 + sampler.sample();
                    }
                    diffs.add(d);
                }
                wrong += family.decide(diffs, all).stream()
                        .anyMatch(d -> d.outcome() == SequentialDecision.Outcome.EQUIVALENT) ? 1 : 0;
            }
            double rate = wrong / (double) EXPERIMENTS;
            System.out.printf("every candidate 0.1 point better, sd %.4f: equivalence claimed in %.4f of families%n", sd, rate);
            assertTrue(rate <= 0.05 + 2 * SIMULATION_ERROR, "wrong equivalence " + rate);
        }
    }

    /**
     * The check has teeth: testing with the fixed design's t-test at every look ("stop when it looks significant")
     * and Holm over the candidates exceeds 5% by far in the same simulation.
     */
    @Test
    void peekingWithTheFixedTestWouldInflateTheError() {
        DoubleSupplier noise = normal(SD, 19);
        int falseFamilies = 0;
        int[] looks = DESIGN.seedsAtLooks();
        for (int e = 0; e < EXPERIMENTS; e++) {
            double[][] d = new double[3][30];
            for (double[] row : d) {
                for (int i = 0; i < 30; i++) {
                    row[i] = noise.getAsDouble();
                }
            }
            boolean any = false;
            for (int n : looks) {
                double[] p = new double[3];
                for (int c = 0; c < 3; c++) {
                    p[c] = TTest.withDefaults().test(java.util.Arrays.copyOf(d[c], n)).getPValue();
                }
                for (double h : HolmCorrection.adjust(p)) {
                    any |= h < 0.05;
                }
            }
            falseFamilies += any ? 1 : 0;
        }
        double rate = falseFamilies / (double) EXPERIMENTS;
        System.out.printf("null, fixed t-test at every look: family-wise error %.4f%n", rate);
        assertTrue(rate > 0.08, "peeking inflates the error: " + rate);
    }

    /**
     * With one candidate truly better by 0.1, 0.2, 0.3 or 0.7 points and two equal to the baseline, the sequential
     * design's power and expected seeds, against the seeds a fixed design needs for the same power (the smallest n
     * whose fixed paired t-tests with Holm decide the better candidate as often, in the same simulation). With the
     * default Pocock-type spending a 0.2 or 0.3-point difference is decided with fewer seeds than the fixed design
     * needs, a 0.7-point one at the first look (5 seeds, what a fixed design needs too), and the whole family costs
     * fewer trials than the 30-seed fixed design. A 0.1-point difference is the target half-width itself: most such
     * comparisons stop for precision at about 20 seeds, undecided, and the fixed design of the same (low) power needs
     * about as many seeds (docs/statistics.md).
     */
    @Test
    void expectedSeedsAreBelowTheFixedDesignsAtTheSamePower() {
        for (AlphaSpending.Shape shape : AlphaSpending.Shape.values()) {
            SequentialFamily family = new SequentialFamily(new SequentialDesign(5, 30, 5, 0.001, 0.05, shape), 3);
            for (double delta : new double[] {0.001, 0.002, 0.003, 0.007}) {
                Rates r = simulate(family, new double[] {delta, 0, 0}, normal(SD, 29));
                int fixed = fixedSeedsFor(r.power(), delta, normal(SD, 31));
                System.out.printf("%s, difference %.1f points: power %.3f, expected seeds %.1f (fixed design at that power: %d),"
                        + " expected trials %.1f (fixed: %d)%n", shape.label(), delta * 100, r.power(), r.meanSeedsOfFirst(),
                        fixed, r.meanTrials(), 4 * fixed);
                assertTrue(r.meanTrials() < 4 * 30, "fewer trials than the 30-seed fixed design: " + r.meanTrials());
                if (shape == AlphaSpending.Shape.POCOCK && (delta == 0.002 || delta == 0.003)) {
                    assertTrue(r.meanSeedsOfFirst() < fixed, delta + ": " + r.meanSeedsOfFirst() + " seeds, fixed " + fixed);
                }
                if (shape == AlphaSpending.Shape.POCOCK && delta == 0.007) {
                    assertTrue(r.meanSeedsOfFirst() < 5.5, "decided at the first look: " + r.meanSeedsOfFirst());
                }
            }
        }
    }

    /** The smallest fixed number of seeds whose paired t-tests with Holm decide candidate 0 with at least this power. */
    static int fixedSeedsFor(double power, double delta, DoubleSupplier noise) {
        int experiments = 2000;
        double[][][] d = new double[experiments][3][60];
        for (double[][] e : d) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 60; i++) {
                    e[c][i] = (c == 0 ? delta : 0) + noise.getAsDouble();
                }
            }
        }
        for (int n = 2; n <= 60; n++) {
            var t = org.apache.commons.statistics.distribution.TDistribution.of(n - 1);
            int decided = 0;
            for (double[][] e : d) {
                double[] p = new double[3];
                for (int c = 0; c < 3; c++) {
                    p[c] = 2 * t.survivalProbability(Math.abs(tStatistic(e[c], n)));
                }
                decided += HolmCorrection.adjust(p)[0] < 0.05 && tStatistic(e[0], n) > 0 ? 1 : 0;
            }
            if (decided / (double) experiments >= power) {
                return n;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The one-sample t statistic of the first n values. */
    static double tStatistic(double[] x, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i] / n;
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (x[i] - mean) * (x[i] - mean);
        }
        return mean / Math.sqrt(squares / (n - 1) / n);
    }
}

package org.activationbench.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.EvaluationLooks;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.Architectures;

/**
 * What a grid will cost before it runs: trials and trial-epochs by architecture and strategy, and the core-hours and
 * wall time the {@link EpochCosts} predict on a number of cores. Pure arithmetic: nothing is trained or started.
 * A trial costs its epochs of training plus its evaluations: the test set after every epoch, the training set (and
 * the validation split, if any) at every checkpoint, its looks' subsamples, each in epochs of training time ({@link #TEST_EVALUATION},
 * {@link #TRAIN_EVALUATION}).
 */
public final class GridPlan {

    /** Training examples per epoch the figures are for (MNIST and Fashion-MNIST alike). */
    static final int FULL_EPOCH = 60_000;

    /**
     * One evaluation of the 10,000 test examples, in epochs of training; one of the 60,000 training examples is six
     * times that. From the benchmark's grid (5 epochs, one checkpoint): 0.81 s of evaluation per trial at 1.13 s per
     * epoch = 0.72 epochs = 5 test + 1 training evaluation.
     */
    static final double TEST_EVALUATION = 0.065;
    static final int TEST_EXAMPLES = 10_000;
    static final double TRAIN_EVALUATION = 6 * TEST_EVALUATION;

    /**
     * The arithmetic of this many weights is what a dense layer costs on top of its own weights' arithmetic (bias,
     * activation and its derivative, the updater's pass over each array): fitted to {@code train} epochs of MLPs with
     * 2 to 32 hidden layers against the MLP's, in one sitting on the project's 2-core machine, where the weights alone
     * priced 32 layers at 2.6 MLP epochs against the 4.4 measured.
     */
    static final long LAYER_COST_IN_WEIGHTS = 15_500;

    /**
     * An epoch with batch normalisation over one without, MLPs and CNN: measured with 12,800-example epochs on the
     * project's 2-core machine while other work ran (fast engine: MLP 1.9-2.7 s against 0.6-1.3 s; CNN 69-74 s against
     * 6.6-13 s; the stock MLP 3.6-4.7 s against 0.7-2.9 s). The CNN's cost is Deeplearning4j's BatchNormalization on
     * its 26x26 and 11x11 maps, which the fast engine has no replacement for, and the unfused first convolution.
     */
    static final double BATCH_NORM_MLP = 2.0;
    static final double BATCH_NORM_CNN = 8.5;

    /**
     * An epoch with weight decay over one without: one more pass over the parameters per step, and on the fast engine
     * Adam no longer folds the division by the minibatch size into its pass (about 3% of an MLP step). Assumed, as the
     * difference was below what the loaded machine resolved (0.8-1.0x measured).
     */
    static final double WEIGHT_DECAY = 1.05;

    /** One group of the plan: the trials of an architecture and strategy. */
    public record Group(String architecture, String strategy, int trials, long trialEpochs, double coreSeconds) {}

    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** The trials and one-thread seconds of each condition at its learning rate, by {@code Condition.label(rate)}. */
    private final Map<String, double[]> conditions = new LinkedHashMap<>();
    private final java.util.Set<org.activationbench.grid.Condition> distinctConditions = new java.util.HashSet<>();
    private final EpochCosts costs;
    private final int cores;
    private double oneThreadSeconds;
    private double longestTrial;
    /** Whether any trial has batch normalisation or weight decay, which the plan prices by assumed factors. */
    private boolean conditioned;

    public GridPlan(List<TrialConfig> trials, EpochCosts costs, int cores) {
        if (cores <= 0) {
            throw new IllegalArgumentException("cores must be positive, found " + cores);
        }
        this.costs = costs;
        this.cores = cores;
        for (TrialConfig t : trials) {
            double seconds = trialSeconds(t, costs);
            conditioned |= conditionFactor(t) != 1.0;
            oneThreadSeconds += seconds;
            longestTrial = Math.max(longestTrial, seconds);
            double[] condition = conditions.computeIfAbsent(t.condition().label(t.learningRate()), c -> new double[2]);
            condition[0]++;
            condition[1] += seconds;
            distinctConditions.add(t.condition());
            groups.merge(t.architecture() + "\t" + t.strategy().name(),
                    new Group(t.architecture(), t.strategy().name(), 1, t.maxEpochs(), seconds),
                    (a, b) -> new Group(a.architecture(), a.strategy(), a.trials() + 1, a.trialEpochs() + b.trialEpochs(),
                            a.coreSeconds() + b.coreSeconds()));
        }
    }

    /** One trial's seconds on one thread with nothing else running: training and evaluation. */
    static double trialSeconds(TrialConfig t, EpochCosts costs) {
        // A validation split is held out of the training set first; data.train-examples cuts what remains.
        int held = t.validation() == null ? 0 : t.validation().examples();
        int trained = t.trainExamples() > 0 ? Math.min(t.trainExamples(), FULL_EPOCH - held) : FULL_EPOCH - held;
        double share = trained / (double) FULL_EPOCH;
        double validation = held / (double) TEST_EXAMPLES * TEST_EVALUATION;
        double epoch = costs.secondsPerEpoch(t.architecture().equals("cnn"), t.engine()) * relativeSize(t.architecture())
                * conditionFactor(t);
        int epochs = t.maxEpochs();
        return epoch * (epochs * share + epochs * TEST_EVALUATION
                + t.checkpoints().size() * (TRAIN_EVALUATION * share + validation) + looks(t));
    }

    /** A trial's looks between minibatches, in epochs of training: each evaluates its subsample, one before training too. */
    static double looks(TrialConfig t) {
        EvaluationLooks looks = t.looks();
        return looks.on() ? (t.maxEpochs() * looks.perEpoch() + 1) * looks.examples() / (double) TEST_EXAMPLES * TEST_EVALUATION
                : 0;
    }

    /** A trial's cost per epoch relative to the same trial without batch normalisation and weight decay. */
    static double conditionFactor(TrialConfig t) {
        double factor = t.batchNorm() ? (t.architecture().equals("cnn") ? BATCH_NORM_CNN : BATCH_NORM_MLP) : 1.0;
        return factor * (t.weightDecay() > 0 ? WEIGHT_DECAY : 1.0);
    }

    /**
     * An architecture's cost per epoch relative to its family's measured one: 1 for mlp and cnn; for mlp-deep-N its
     * weights and layers over the MLP's (a dense step's arithmetic is proportional to the weights, plus a cost per layer).
     */
    static double relativeSize(String architecture) {
        if (Architectures.deepLayers(architecture) == 0) {
            return 1.0;
        }
        return (double) denseCost(architecture) / denseCost("mlp");
    }

    /** Weights and biases of a dense network on the datasets' images, plus each layer's fixed cost in weights. */
    private static long denseCost(String architecture) {
        return Architectures.linearLayers(architecture, DatasetSpec.SIDE, DatasetSpec.CLASSES).stream()
                .mapToLong(l -> l.weights() + l.biases() + LAYER_COST_IN_WEIGHTS).sum();
    }

    /** The plan per architecture and strategy. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** Trials the grid runs in all. */
    public int trials() {
        return groups.values().stream().mapToInt(Group::trials).sum();
    }

    /** Epochs of training summed over the grid's trials. */
    public long trialEpochs() {
        return groups.values().stream().mapToLong(Group::trialEpochs).sum();
    }

    /** Core time the grid takes: one-thread seconds, slowed by the per-core efficiency when more than one core trains. */
    public double coreHours() {
        return oneThreadSeconds / efficiency() / 3600;
    }

    /** The work spread over the cores, but never shorter than the longest trial, which one core trains alone. */
    public Duration wall() {
        double seconds = Math.max(oneThreadSeconds / cores, longestTrial) / efficiency();
        return Duration.ofSeconds(Math.round(seconds));
    }

    private double efficiency() {
        return cores == 1 ? 1.0 : costs.efficiency();
    }

    /** The plan as printed by {@code run --plan}. */
    public List<String> lines(String experiment) {
        List<String> out = new ArrayList<>();
        out.add("plan of " + experiment + ": " + trials() + " trials, " + trialEpochs() + " trial-epochs (nothing is trained)");
        out.add(String.format(Locale.ROOT, "  %-14s %-14s %8s %13s %11s", "architecture", "strategy", "trials", "trial-epochs",
                "core-hours"));
        for (Group g : groups.values()) {
            out.add(String.format(Locale.ROOT, "  %-14s %-14s %8d %13d %11.2f", g.architecture(), g.strategy(), g.trials(),
                    g.trialEpochs(), g.coreSeconds() / efficiency() / 3600));
        }
        out.add(String.format(Locale.ROOT, "estimate: %.2f core-hours; wall time %s on %d core%s (one trial per core%s)",
                coreHours(), clock(wall()), cores, cores == 1 ? "" : "s",
                cores == 1 ? "" : String.format(Locale.ROOT, ", %.0f%% per-core efficiency with every core busy", 100 * efficiency())));
        out.add(String.format(Locale.ROOT, "cost model: %s: seconds per epoch on one thread MLP %.2f, CNN %.1f (stock engine:"
                        + " %.2f, %.0f); %d-core speed-up %.2fx; evaluation %.3f epochs per test pass, %.2f per training-set pass",
                costs.source(), costs.mlpFast(), costs.cnnFast(), costs.mlpStock(), costs.cnnStock(), costs.speedUpCores(),
                costs.speedUp(), TEST_EVALUATION, TRAIN_EVALUATION));
        if (distinctConditions.size() > 1) {
            out.add(String.format(Locale.ROOT, "  %-52s %8s %11s", "condition (learning rate after the optimizer)", "trials",
                    "core-hours"));
            conditions.forEach((label, c) -> out.add(String.format(Locale.ROOT, "  %-52s %8d %11.2f", label, (int) c[0],
                    c[1] / efficiency() / 3600)));
        }
        if (conditioned) {
            out.add(String.format(Locale.ROOT, "batch normalisation priced at %.1fx an MLP epoch, %.1fx a CNN epoch; weight"
                    + " decay at %.2fx (jobs/bench.sh times neither)", BATCH_NORM_MLP, BATCH_NORM_CNN, WEIGHT_DECAY));
        }
        if (groups.values().stream().anyMatch(g -> !g.strategy().equals("per-task"))) {
            out.add("data-parallel trials are estimated as per-task ones (one core each)");
        }
        return out;
    }

    /**
     * The cost of a grid with seeds on demand, between its fewest trials ({@code fewest}: every comparison decided at
     * min-seeds) and its most ({@code most}: every seed up to max-seeds), as printed by {@code run --plan}.
     */
    public static List<String> seedsOnDemand(GridPlan fewest, int minSeeds, GridPlan most, int maxSeeds) {
        return List.of("seeds on demand (analysis.sequential): the figures above are at max-seeds; rounds stop once the"
                        + " comparisons are decided, so the run costs between",
                "  " + estimate(fewest, "at min-seeds (" + minSeeds + "), every comparison decided at its first look"),
                "  " + estimate(most, "at max-seeds (" + maxSeeds + "), no comparison decided before its last look"));
    }

    private static String estimate(GridPlan plan, String when) {
        return String.format(Locale.ROOT, "%s: %d trials, %d trial-epochs, %.2f core-hours, wall time %s on %d core%s", when,
                plan.trials(), plan.trialEpochs(), plan.coreHours(), clock(plan.wall()), plan.cores,
                plan.cores == 1 ? "" : "s");
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}

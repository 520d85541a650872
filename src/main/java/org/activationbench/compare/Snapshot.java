package org.activationbench.compare;

import java.time.Instant;
import java.util.List;
import org.activationbench.grid.Condition;
import org.activationbench.grid.Training;
import org.activationbench.results.ResultStore;
import org.activationbench.train.TrialStatus;

/**
 * The runs and epochs of one output folder, read into memory (they are small: a row per trial and checkpoint) and
 * made exact even for a partial or interrupted run: one runs row per trial, one epochs row per trial and epoch.
 * Trials still running (or cut short by a kill) contribute the checkpoints they handed over while training (per
 * checkpoint, the row of the attempt that got furthest of those that reached it), and are named in {@code unfinished}.
 *
 * @param unfinished ids of the trials with checkpoints in epochs but no runs row yet, sorted
 * @param outside    trials in the tables that the grid no longer lists (a resumed run of an edited grid), left out of
 *                   {@code runs} and {@code epochs}: each as {@code trial_id: setting label lr seed}, sorted
 * @param untrained  ids of the trials in {@code runs} whose {@code learned} is false (chance accuracy, or a training
 *                   loss above the initial one), sorted
 */
public record Snapshot(String experiment, String gridText, List<RunRow> runs, List<EpochRow> epochs, List<String> unfinished,
        List<String> outside, List<String> untrained) {

    public Snapshot(String experiment, String gridText, List<RunRow> runs, List<EpochRow> epochs, List<String> unfinished,
            List<String> outside) {
        this(experiment, gridText, runs, epochs, unfinished, outside, List.of());
    }

    public Snapshot(String experiment, String gridText, List<RunRow> runs, List<EpochRow> epochs, List<String> unfinished) {
        this(experiment, gridText, runs, epochs, unfinished, List.of());
    }

    /** The condition of a trial at every training setting's default (Adam, Xavier): what a grid with one condition has. */
    public static final String DEFAULT_CONDITION = new Condition(Training.DEFAULT_OPTIMIZER, Training.DEFAULT_WEIGHT_INIT, Condition.DEFAULT_BIAS_INIT,
            Condition.DEFAULT_WEIGHT_DECAY, false).label();

    public Snapshot(String experiment, String gridText, List<RunRow> runs, List<EpochRow> epochs) {
        this(experiment, gridText, runs, epochs, List.of());
    }

    /** The landed rows of the trials {@code grid} lists; the others are named in {@code outside}. */
    public static Snapshot load(ResultStore store, org.activationbench.grid.GridSpec grid) {
        return load(store, grid.experiment(), grid.render()).within(grid.trials().stream()
                .map(org.activationbench.grid.TrialConfig::trialId).collect(java.util.stream.Collectors.toSet()));
    }

    /** The ids of the trials in {@code outside}. */
    public List<String> outsideIds() {
        return outside.stream().map(o -> o.substring(0, o.indexOf(':'))).toList();
    }

    /** This snapshot restricted to the given trials, the others named in {@code outside}. */
    public Snapshot within(java.util.Set<String> trialIds) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        runs.stream().filter(r -> !trialIds.contains(r.trialId())).forEach(r -> out.add(r.trialId() + ": " + r.setting()
                + " " + r.label() + " lr " + org.activationbench.grid.TrialConfig.number(r.learningRate()) + " seed " + r.seed()));
        epochs.stream().filter(e -> !trialIds.contains(e.trialId()) && unfinished.contains(e.trialId()))
                .forEach(e -> out.add(e.trialId() + ": " + e.setting() + " " + e.label() + " seed " + e.seed()));
        if (out.isEmpty()) {
            return this;
        }
        return new Snapshot(experiment, gridText, runs.stream().filter(r -> trialIds.contains(r.trialId())).toList(),
                epochs.stream().filter(e -> trialIds.contains(e.trialId())).toList(),
                unfinished.stream().filter(trialIds::contains).toList(), List.copyOf(out),
                untrained.stream().filter(trialIds::contains).toList());
    }

    /** One trial as the report needs it. */
    public record RunRow(String trialId, String dataset, String architecture, String strategy, String activation, Double alpha,
            String label, long seed, TrialStatus status, String errorClass, String errorMessage, int maxEpochs, double trainSeconds,
            double taskSeconds, int nativeThreads, Instant startedAt, Instant finishedAt, List<String> hiddenLayers,
            String projectVersion, String gitCommit, String dl4jVersion, String sparkVersion, String backend,
            String javaVersion, String os, String host, double learningRate, String stage, String condition) {

        /** A trial of a grid with one condition. */
        public RunRow(String trialId, String dataset, String architecture, String strategy, String activation, Double alpha,
                String label, long seed, TrialStatus status, String errorClass, String errorMessage, int maxEpochs,
                double trainSeconds, double taskSeconds, int nativeThreads, Instant startedAt, Instant finishedAt,
                List<String> hiddenLayers, String projectVersion, String gitCommit, String dl4jVersion, String sparkVersion,
                String backend, String javaVersion, String os, String host, double learningRate, String stage) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, status, errorClass, errorMessage,
                    maxEpochs, trainSeconds, taskSeconds, nativeThreads, startedAt, finishedAt, hiddenLayers, projectVersion,
                    gitCommit, dl4jVersion, sparkVersion, backend, javaVersion, os, host, learningRate, stage, DEFAULT_CONDITION);
        }

        /** A trial of a fixed-protocol grid at the default learning rate. */
        public RunRow(String trialId, String dataset, String architecture, String strategy, String activation, Double alpha,
                String label, long seed, TrialStatus status, String errorClass, String errorMessage, int maxEpochs,
                double trainSeconds, double taskSeconds, int nativeThreads, Instant startedAt, Instant finishedAt,
                List<String> hiddenLayers, String projectVersion, String gitCommit, String dl4jVersion, String sparkVersion,
                String backend, String javaVersion, String os, String host) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, status, errorClass, errorMessage,
                    maxEpochs, trainSeconds, taskSeconds, nativeThreads, startedAt, finishedAt, hiddenLayers, projectVersion,
                    gitCommit, dl4jVersion, sparkVersion, backend, javaVersion, os, host, Training.DEFAULT_LEARNING_RATE, Observation.FIXED);
        }

        /** How the report groups this trial: its architecture, marked with a strategy other than per-task. */
        public String setting() {
            return Snapshot.setting(architecture, strategy);
        }
    }

    /**
     * What a trial's looks measured up to one checkpoint ({@code epochs.examples_to_*}, {@code accuracy_auc_epoch1}).
     *
     * @param examplesTo    training examples until the look subsample reached 97, 98 and 99%; null where not reached
     * @param censoredAt    what a target not reached by this checkpoint counts as: the examples seen at it plus one
     *                      look's worth (examples per epoch / looks per epoch), a lower bound, as epochs_to_97 counts
     *                      a trial that has not reached 97% as epoch + 1
     */
    public record LookRow(Long[] examplesTo, double accuracyAucEpoch1, double censoredAt) {

        /**
         * From an epochs row's columns at checkpoint {@code epoch}; null for a row without looks. The examples per epoch
         * and the looks per epoch are read off the row's own looks: the last is at the checkpoint (epoch x examples per
         * epoch), and the row holds at least every look of the checkpoint's epoch.
         */
        static LookRow of(int epoch, Long to97, Long to98, Long to99, Double auc, List<Long> looks) {
            if (auc == null || looks == null || looks.isEmpty()) {
                return null;
            }
            long end = looks.get(looks.size() - 1);
            double perEpoch = end / (double) epoch;
            long inLastEpoch = looks.stream().filter(e -> e > end - perEpoch).count();
            return new LookRow(new Long[] {to97, to98, to99}, auc, end + perEpoch / inLastEpoch);
        }
    }

    /**
     * One trial at one checkpoint.
     *
     * @param inactiveFraction        per hidden layer, the fraction of its units inactive on every training example
     * @param networkInactiveFraction inactive units as a fraction of all the network's hidden units
     * @param looks                   what the trial's looks measured; null for a trial without looks
     */
    public record EpochRow(String trialId, String dataset, String architecture, String strategy, String activation,
            Double alpha, String label, long seed, int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            List<Double> inactiveFraction, double networkInactiveFraction, Integer epochTo97, double learningRate, String stage,
            Double validationAccuracy, String condition, LookRow looks) {

        /** A checkpoint of a trial under a condition, without looks. */
        public EpochRow(String trialId, String dataset, String architecture, String strategy, String activation,
                Double alpha, String label, long seed, int epoch, double trainLoss, double trainAccuracy, double testLoss,
                double testAccuracy, List<Double> inactiveFraction, double networkInactiveFraction, Integer epochTo97,
                double learningRate, String stage, Double validationAccuracy, String condition) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, epoch, trainLoss, trainAccuracy,
                    testLoss, testAccuracy, inactiveFraction, networkInactiveFraction, epochTo97, learningRate, stage,
                    validationAccuracy, condition, null);
        }

        /** A checkpoint of a trial of a grid with one condition, with looks. */
        public EpochRow(String trialId, String dataset, String architecture, String strategy, String activation,
                Double alpha, String label, long seed, int epoch, double trainLoss, double trainAccuracy, double testLoss,
                double testAccuracy, List<Double> inactiveFraction, double networkInactiveFraction, Integer epochTo97,
                double learningRate, String stage, Double validationAccuracy, LookRow looks) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, epoch, trainLoss, trainAccuracy,
                    testLoss, testAccuracy, inactiveFraction, networkInactiveFraction, epochTo97, learningRate, stage,
                    validationAccuracy, DEFAULT_CONDITION, looks);
        }

        /** A checkpoint of a trial of a grid with one condition, without looks. */
        public EpochRow(String trialId, String dataset, String architecture, String strategy, String activation,
                Double alpha, String label, long seed, int epoch, double trainLoss, double trainAccuracy, double testLoss,
                double testAccuracy, List<Double> inactiveFraction, double networkInactiveFraction, Integer epochTo97,
                double learningRate, String stage, Double validationAccuracy) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, epoch, trainLoss, trainAccuracy,
                    testLoss, testAccuracy, inactiveFraction, networkInactiveFraction, epochTo97, learningRate, stage,
                    validationAccuracy, DEFAULT_CONDITION, null);
        }

        /** A checkpoint of a fixed-protocol trial at the default learning rate, without a validation split. */
        public EpochRow(String trialId, String dataset, String architecture, String strategy, String activation,
                Double alpha, String label, long seed, int epoch, double trainLoss, double trainAccuracy, double testLoss,
                double testAccuracy, List<Double> inactiveFraction, double networkInactiveFraction, Integer epochTo97) {
            this(trialId, dataset, architecture, strategy, activation, alpha, label, seed, epoch, trainLoss, trainAccuracy,
                    testLoss, testAccuracy, inactiveFraction, networkInactiveFraction, epochTo97, Training.DEFAULT_LEARNING_RATE, Observation.FIXED, null, DEFAULT_CONDITION,
                    null);
        }

        /** How the report groups this checkpoint: its architecture, marked with a strategy other than per-task. */
        public String setting() {
            return Snapshot.setting(architecture, strategy);
        }

        Observation observation() {
            double[] values = new double[Metric.values().length];
            values[Metric.TEST_ACCURACY.ordinal()] = testAccuracy;
            values[Metric.TEST_LOSS.ordinal()] = testLoss;
            values[Metric.TRAIN_ACCURACY.ordinal()] = trainAccuracy;
            values[Metric.TRAIN_LOSS.ordinal()] = trainLoss;
            values[Metric.INACTIVE_FRACTION.ordinal()] = networkInactiveFraction;
            // Not reached by this checkpoint: censored at the next epoch, a lower bound.
            values[Metric.EPOCHS_TO_97.ordinal()] = epochTo97 != null ? epochTo97 : epoch + 1;
            long censored = epochTo97 != null ? 0 : 1L << Metric.EPOCHS_TO_97.ordinal();
            Metric[] examplesTo = {Metric.EXAMPLES_TO_97, Metric.EXAMPLES_TO_98, Metric.EXAMPLES_TO_99};
            for (int t = 0; t < examplesTo.length; t++) {
                Long reached = looks == null ? null : looks.examplesTo()[t];
                values[examplesTo[t].ordinal()] = looks == null ? Double.NaN : reached != null ? reached : looks.censoredAt();
                censored |= looks != null && reached == null ? 1L << examplesTo[t].ordinal() : 0;
            }
            values[Metric.ACCURACY_AUC_EPOCH1.ordinal()] = looks == null ? Double.NaN : looks.accuracyAucEpoch1();
            return new Observation(dataset, architecture, strategy, epoch, label, activation, alpha, seed, values,
                    Observation.FIXED, learningRate, condition, censored);
        }
    }

    /** The architecture, marked with the strategy where that is not per-task: how the report groups results. */
    public static String setting(String architecture, String strategy) {
        return strategy == null || strategy.equals("per-task") ? architecture : architecture + " · " + strategy;
    }

    /**
     * Reads an experiment's runs and epochs as they stand, each trial's epochs from the attempt its runs row describes.
     */
    public static Snapshot load(ResultStore store, String experiment, String gridText) {
        return SnapshotReader.read(store, experiment, gridText);
    }

    /**
     * The trials of a comparison that did not learn: those of its baseline and candidate, at their rates, in its
     * setting and condition, on the seeds it compares (a tuned grid's tuning seeds are not compared).
     */
    public int untrainedIn(Comparison c) {
        if (untrained.isEmpty()) {
            return 0;
        }
        java.util.Set<String> ids = new java.util.HashSet<>(untrained);
        return (int) runs.stream().filter(r -> ids.contains(r.trialId()) && r.dataset().equals(c.dataset())
                && r.architecture().equals(c.architecture()) && r.strategy().equals(c.strategy())
                && r.condition().equals(c.condition()) && !r.stage().equals("tuning")
                && (r.label().equals(c.baseline()) && r.learningRate() == c.baselineLearningRate()
                        || r.label().equals(c.candidate()) && r.learningRate() == c.candidateLearningRate())).count();
    }

    /** Every checkpoint as the comparisons read it. */
    public List<Observation> observations() {
        return epochs.stream().map(EpochRow::observation).toList();
    }
}

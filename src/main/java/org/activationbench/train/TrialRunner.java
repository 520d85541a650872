package org.activationbench.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.Architectures;
import org.activationbench.model.BuiltNetwork;
import org.activationbench.model.HiddenLayer;
import org.activationbench.model.NetworkMemory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network for one {@link TrialConfig} on a dataset and measures it at every checkpoint. Pure: it
 * writes no files and needs no Spark; it never throws, every failure comes back as a {@link TrialResult}.
 * Training runs once up to the last checkpoint, so checkpoints {1, 10, 100} cost 100 epochs.
 */
public final class TrialRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

    /** Test accuracies the "epochs to reach" metrics watch. */
    static final double[] TARGETS = {0.97, 0.98, 0.99};

    /**
     * Evaluation chunks hold at most this many floats at their widest layer (16 MB): a CNN evaluates in chunks of
     * about 190 examples, at 60-80% of the CPU time that chunks of 1,000 take, whose activations no cache holds.
     */
    static final long CHUNK_FLOATS = 1L << 22;

    private final int evaluationChunk;
    private final EpochTrainer.Factory trainers;

    /** Gradient norms over the last 20 minibatches of a checkpoint epoch; evaluation in chunks of at most 1000. */
    public TrialRunner() {
        this(20, 1000);
    }

    public TrialRunner(int gradientBatches, int evaluationChunk) {
        this(evaluationChunk, (config, data, net) -> new MinibatchTrainer(config, data, net, gradientBatches));
    }

    /** A runner whose epochs are trained by the given trainers (data-parallel trials). */
    public TrialRunner(int evaluationChunk, EpochTrainer.Factory trainers) {
        this.evaluationChunk = evaluationChunk;
        this.trainers = trainers;
    }

    public TrialResult run(TrialConfig config, Dataset data) {
        return run(config, data, TrialListener.NONE);
    }

    /** As {@link #run(TrialConfig, Dataset)}, telling {@code listener} of every epoch and checkpoint as they pass. */
    public TrialResult run(TrialConfig config, Dataset data, TrialListener listener) {
        return run(config, data, listener, StateSaving.NONE);
    }

    /**
     * As {@link #run(TrialConfig, Dataset, TrialListener)}, continuing from the newest state in {@code saving}'s store
     * (a state of another trial or code version is ignored with a warning) and saving the trial's state as
     * {@code saving} says. A continued trial ends with exactly the numbers of one never interrupted.
     */
    public TrialResult run(TrialConfig config, Dataset data, TrialListener listener, StateSaving saving) {
        Instant started = Instant.now();
        Progress progress = new Progress();
        try {
            train(config, data, progress, listener, saving);
            return progress.result(config, TrialStatus.OK, null, null, started);
        } catch (DivergenceException d) {
            return progress.result(config, TrialStatus.DIVERGED, "Divergence", d.getMessage(), started);
        } catch (Throwable e) {
            // A failure of this trial, whatever it is, is this trial's result; the grid goes on.
            return progress.result(config, TrialStatus.FAILED, e.getClass().getName(), String.valueOf(e.getMessage()), started);
        }
    }

    private void train(TrialConfig config, Dataset data, Progress progress, TrialListener listener, StateSaving saving) {
        if (data.height() != data.width()) {
            throw new IllegalArgumentException("images must be square, found " + data.height() + "x" + data.width());
        }
        if (config.trainExamples() > 0) {
            data = data.subset(config.trainExamples(), data.test().count());
        }
        BuiltNetwork built = Architectures.build(config, data.height(), data.classes());
        MultiLayerNetwork net = built.network();
        try {
            train(config, data, built, net, progress, listener, saving);
        } finally {
            NetworkMemory.release(net);
        }
    }

    /** The training loop; the network is closed by the caller, releasing its native memory at once. */
    private void train(TrialConfig config, Dataset data, BuiltNetwork built, MultiLayerNetwork net, Progress progress,
            TrialListener listener, StateSaving saving) {
        progress.hiddenLayers = built.hidden().stream().map(HiddenLayer::name).toList();
        int chunk = (int) Math.max(1, Math.min(evaluationChunk, CHUNK_FLOATS / built.widestActivation()));
        int[] paramLayers = parameterLayers(net);
        progress.gradientLayers = java.util.Arrays.stream(paramLayers).mapToObj(built.layerNames()::get).toList();
        try (EpochTrainer trainer = trainers.create(config, data, net)) {
            Attempt attempt = new Attempt(config, net, trainer, progress, saving);
            int firstEpoch = attempt.restore();
            EpochTrainer.MinibatchBoundary boundary = saving.enabled() ? attempt::between : EpochTrainer.MinibatchBoundary.NONE;

            for (int epoch = firstEpoch; epoch <= config.maxEpochs(); epoch++) {
                boolean checkpoint = config.checkpoints().contains(epoch);
                attempt.startEpoch();
                trainer.trainEpoch(epoch, checkpoint, epoch == firstEpoch ? attempt.firstDone : 0, boundary);
                long epochNanos = attempt.endEpoch();
                listener.onEpoch(epoch, epochNanos / 1e9);
                progress.epochsCompleted = epoch;
                progress.trainSeconds = attempt.keptNanos / 1e9;

                Evaluation test = Evaluation.of(net, data.test(), data.classes(), List.of(), chunk);
                progress.testLoss.add(test.loss);
                progress.testAccuracy.add(test.accuracy);
                if (!Double.isFinite(test.loss)) {
                    throw new DivergenceException("test loss became " + test.loss + " after epoch " + epoch);
                }
                if (checkpoint) {
                    Evaluation train = Evaluation.of(net, data.train(), data.classes(), built.hidden(), chunk);
                    if (!Double.isFinite(train.loss)) {
                        throw new DivergenceException("train loss became " + train.loss + " after epoch " + epoch);
                    }
                    Integer[] reached = progress.reached();
                    CheckpointMetrics metrics = new CheckpointMetrics(epoch, train.loss, train.accuracy, test.loss,
                            test.accuracy, progress.trainSeconds, (double) epoch * data.train().count() / progress.trainSeconds,
                            train.deadFraction, trainer.gradientNorms(paramLayers), reached[0], reached[1], reached[2]);
                    progress.checkpoints.add(metrics);
                    listener.onCheckpoint(metrics);
                    attempt.save(epoch + 1, 0);
                }
            }
        }
    }

    /** The result of a trial that could not start, e.g. because its dataset could not be loaded. */
    public static TrialResult failed(TrialConfig config, Throwable error, Instant started) {
        return new Progress().result(config, TrialStatus.FAILED, error.getClass().getName(), String.valueOf(error.getMessage()),
                started);
    }

    /** Indices of the layers that have trainable parameters (pooling layers have none). */
    private static int[] parameterLayers(MultiLayerNetwork net) {
        return java.util.stream.IntStream.range(0, net.getnLayers())
                .filter(i -> net.getLayer(i).numParams() > 0)
                .toArray();
    }

    /** What a trial has achieved so far, kept so that a DIVERGED or FAILED result still carries it. */
    private static final class Progress {
        final List<CheckpointMetrics> checkpoints = new ArrayList<>();
        final List<Double> testLoss = new ArrayList<>();
        final List<Double> testAccuracy = new ArrayList<>();
        List<String> hiddenLayers = List.of();
        List<String> gradientLayers = List.of();
        int epochsCompleted;
        double trainSeconds;
        double allTrainSeconds;
        int firstTrainedEpoch = 1;
        int firstTrainedMinibatch = 1;

        /** Per target of {@link #TARGETS}, the first epoch whose test accuracy reached it, or null. */
        Integer[] reached() {
            Integer[] reached = new Integer[TARGETS.length];
            for (int t = 0; t < TARGETS.length; t++) {
                for (int e = 0; e < testAccuracy.size() && reached[t] == null; e++) {
                    if (testAccuracy.get(e) >= TARGETS[t]) {
                        reached[t] = e + 1;
                    }
                }
            }
            return reached;
        }

        TrialResult result(TrialConfig config, TrialStatus status, String errorClass, String errorMessage, Instant started) {
            return new TrialResult(config, status, errorClass, errorMessage, List.copyOf(checkpoints), hiddenLayers,
                    gradientLayers, epochsCompleted, List.copyOf(testLoss), List.copyOf(testAccuracy), trainSeconds,
                    Math.max(allTrainSeconds, trainSeconds), firstTrainedEpoch, firstTrainedMinibatch, started, Instant.now());
        }
    }

    /**
     * One attempt at a trial: where it starts (from a saved state or from epoch 1), its training clocks, and its
     * saves. Saves happen on the training thread, between minibatches or after a checkpoint, and their time is not
     * training time. Kept time is the training time of the work the result holds; spent time adds the work lost by
     * attempts that died after their last save, as far as the store noted it.
     */
    private static final class Attempt {
        private final TrialConfig config;
        private final MultiLayerNetwork net;
        private final EpochTrainer trainer;
        private final Progress progress;
        private final StateSaving saving;
        /** Minibatches of the first epoch trained before this attempt. */
        int firstDone;
        /** Training time kept, up to the end of the last epoch completed. */
        long keptNanos;
        /** Training time of the epoch in progress before this attempt (restored part-way), and in it so far. */
        private long epochBase;
        private long epochStart;
        private long paused;
        /** Spent by earlier attempts, and by this one in completed epochs. */
        private long spentBase;
        private long attemptNanos;
        private long lastSave;

        Attempt(TrialConfig config, MultiLayerNetwork net, EpochTrainer trainer, Progress progress, StateSaving saving) {
            this.config = config;
            this.net = net;
            this.trainer = trainer;
            this.progress = progress;
            this.saving = saving;
        }

        /** Continues from the newest usable state, if any; returns the epoch to train first. */
        int restore() {
            lastSave = System.nanoTime();
            TrialState state = saving.enabled() ? newestUsable() : null;
            if (saving.enabled()) {
                spentBase = Math.max(saving.store().spentNanos(), state == null ? 0 : state.spentTrainNanos());
                progress.allTrainSeconds = spentBase / 1e9;
            }
            if (state == null) {
                return 1;
            }
            NetworkState.restore(net, state);
            if (state.minibatch() > 0) {
                trainer.restoreGradientNormProgress(state.gradientNorms());
            }
            progress.testLoss.addAll(state.testLossByEpoch());
            progress.testAccuracy.addAll(state.testAccuracyByEpoch());
            progress.checkpoints.addAll(state.checkpoints());
            progress.epochsCompleted = state.epoch() - 1;
            keptNanos = state.keptTrainNanos() - state.epochTrainNanos();
            progress.trainSeconds = keptNanos / 1e9;
            epochBase = state.epochTrainNanos();
            firstDone = state.minibatch();
            progress.firstTrainedEpoch = state.epoch();
            progress.firstTrainedMinibatch = state.minibatch() + 1;
            LOG.info("trial {}: continuing from its state at {}", config.trialId(), state.position());
            return state.epoch();
        }

        private TrialState newestUsable() {
            TrialState state;
            try {
                state = saving.store().newest().orElse(null);
            } catch (ForeignStateException e) {
                LOG.warn("trial {}: its saved state is ignored ({}); training from epoch 1", config.trialId(), e.getMessage());
                return null;
            } catch (RuntimeException e) {
                LOG.warn("trial {}: its saved state cannot be read ({}); training from epoch 1", config.trialId(), e.toString());
                return null;
            }
            if (state == null) {
                return null;
            }
            String expected = TrialState.fingerprint(config);
            if (!state.fingerprint().equals(expected)) {
                LOG.warn("trial {}: its saved state (at {}) was written by another grid or code version and is ignored;"
                        + " training from epoch 1. Saved by: {}; this run: {}", config.trialId(), state.position(),
                        state.fingerprint(), expected);
                return null;
            }
            if (state.epoch() > config.maxEpochs() + 1) {
                LOG.warn("trial {}: its saved state is at {}, beyond the trial's {} epochs; ignored, training from epoch 1",
                        config.trialId(), state.position(), config.maxEpochs());
                return null;
            }
            return state;
        }

        void startEpoch() {
            paused = 0;
            epochStart = System.nanoTime();
        }

        /** Ends the epoch's training; returns its training time (with the part before this attempt, if continued). */
        long endEpoch() {
            long span = System.nanoTime() - epochStart - paused;
            long epochNanos = epochBase + span;
            attemptNanos += span;
            keptNanos += epochNanos;
            epochBase = 0;
            if (saving.enabled()) {
                saving.store().noteSpent(spentBase + attemptNanos);
            }
            progress.allTrainSeconds = (spentBase + attemptNanos) / 1e9;
            return epochNanos;
        }

        /** Between two minibatches: notes the time spent, and saves once the interval has passed since the last save. */
        void between(int epoch, int done) {
            long now = System.nanoTime();
            long span = now - epochStart - paused;
            saving.store().noteSpent(spentBase + attemptNanos + span);
            if (saving.everyNanos() > 0 && now - lastSave >= saving.everyNanos()) {
                write(epoch, done, keptNanos + epochBase + span, epochBase + span, spentBase + attemptNanos + span);
            }
            paused += System.nanoTime() - now;
        }

        /** Saves the state at a boundary between epochs: {@code epoch} not yet started. */
        void save(int epoch, int done) {
            if (saving.enabled()) {
                write(epoch, done, keptNanos, 0, spentBase + attemptNanos);
            }
        }

        private void write(int epoch, int done, long kept, long inEpoch, long spent) {
            saving.store().save(new TrialState(TrialState.fingerprint(config), epoch, done, NetworkState.parameters(net),
                    NetworkState.updaterState(net), net.getIterationCount(), net.getEpochCount(),
                    done > 0 ? trainer.gradientNormProgress() : null, progress.testLoss, progress.testAccuracy,
                    progress.checkpoints, kept, inEpoch, spent));
            lastSave = System.nanoTime();
        }
    }
}

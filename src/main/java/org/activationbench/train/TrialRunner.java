package org.activationbench.train;

import java.time.Instant;
import java.util.List;
import org.activationbench.data.Dataset;
import org.activationbench.grid.TrialConfig;
import org.activationbench.model.Architectures;
import org.activationbench.model.BuiltNetwork;
import org.activationbench.model.GradientGroups;
import org.activationbench.model.HiddenLayer;
import org.activationbench.model.NetworkMemory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one network for one {@link TrialConfig} on a dataset and measures it at every checkpoint. Pure: it
 * writes no files and needs no Spark; it never throws, every failure comes back as a {@link TrialResult}.
 * Training runs once up to the last checkpoint, so checkpoints {1, 10, 100} cost 100 epochs.
 */
public final class TrialRunner {

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

    /** Trains and evaluates one trial; a divergence or failure ends as a result, not an exception. */
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
        TrialProgress progress = new TrialProgress();
        try {
            try {
                train(config, data, progress, listener, saving);
            } finally {
                saving.store().finish();
            }
            return progress.result(config, TrialStatus.OK, null, null, started);
        } catch (DivergenceException d) {
            return progress.result(config, TrialStatus.DIVERGED, "Divergence", d.getMessage(), started);
        } catch (Throwable e) {
            // A failure of this trial, whatever it is, is this trial's result; the grid goes on.
            return progress.result(config, TrialStatus.FAILED, e.getClass().getName(), String.valueOf(e.getMessage()), started);
        }
    }

    private void train(TrialConfig config, Dataset data, TrialProgress progress, TrialListener listener, StateSaving saving) {
        if (data.height() != data.width()) {
            throw new IllegalArgumentException("images must be square, found " + data.height() + "x" + data.width());
        }
        if (config.validation() != null) {
            // Held out of the whole training set first; data.train-examples then cuts what remains.
            data = data.holdOut(config.validation().examples(), config.validation().seed());
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
    private void train(TrialConfig config, Dataset data, BuiltNetwork built, MultiLayerNetwork net, TrialProgress progress,
            TrialListener listener, StateSaving saving) {
        progress.hiddenLayers = built.hidden().stream().map(HiddenLayer::name).toList();
        progress.hiddenUnits = built.hidden().stream().map(HiddenLayer::units).toList();
        int chunk = (int) Math.max(1, Math.min(evaluationChunk, CHUNK_FLOATS / built.widestActivation()));
        // Measured on the initial weights, which depend on the config alone, so a continued trial measures the same.
        progress.initialTrainLoss = Evaluation.of(net, data.subset(Math.min(Learning.SAMPLE, data.train().count()), 0).train(),
                data.classes(), List.of(), chunk).loss;
        progress.gradientLayers = GradientGroups.of(net).names(built.layerNames());
        try (EpochTrainer trainer = trainers.create(config, data, net)) {
            TrialAttempt attempt = new TrialAttempt(config, net, trainer, progress, saving);
            int firstEpoch = attempt.restore();
            AccuracyLooks looks = config.looks().on()
                    ? new AccuracyLooks(config.looks(), data, net, config.batchSize(), chunk) : null;
            if (looks != null && firstEpoch == 1 && attempt.firstDone == 0) {
                looks.look(0, progress.lookExamples, progress.lookAccuracy);
            }
            EpochTrainer.MinibatchBoundary boundary = boundary(looks, attempt, progress, saving);

            for (int epoch = firstEpoch; epoch <= config.maxEpochs(); epoch++) {
                boolean checkpoint = config.checkpoints().contains(epoch);
                attempt.startEpoch();
                trainer.trainEpoch(epoch, checkpoint, epoch == firstEpoch ? attempt.firstDone : 0, boundary);
                long epochNanos = attempt.endEpoch();
                if (looks != null) {
                    looks.look(epoch * looks.examplesPerEpoch(), progress.lookExamples, progress.lookAccuracy);
                }
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
                    Evaluation validation = data.validation() == null ? null
                            : Evaluation.of(net, data.validation(), data.classes(), List.of(), chunk);
                    Integer[] reached = progress.reached();
                    InactiveUnits before = progress.inactive;
                    CheckpointMetrics metrics = new CheckpointMetrics(epoch, train.loss, train.accuracy, test.loss,
                            test.accuracy, progress.trainSeconds, (double) epoch * data.train().count() / progress.trainSeconds,
                            train.inactiveFraction(), train.inactive.units(), trainer.gradientNorms(), reached[0],
                            reached[1], reached[2], validation == null ? null : validation.loss,
                            validation == null ? null : validation.accuracy,
                            before == null ? null : train.inactive.recoveredSince(before),
                            before == null ? null : train.inactive.newlyInactiveSince(before),
                            before == null ? null : java.util.Arrays.stream(before.counts()).sum(),
                            looks == null ? null : LookMetrics.at(epoch, looks.examplesPerEpoch(), previousCheckpoint(progress),
                                    progress.lookExamples, progress.lookAccuracy));
                    progress.checkpoints.add(metrics);
                    progress.inactive = train.inactive;
                    listener.onCheckpoint(metrics);
                    attempt.save(epoch + 1, 0);
                }
            }
        }
    }

    /**
     * What happens between two minibatches: a look where one is due (its time left out of the training time), then a
     * save if one is due, so that a state saved there holds the look.
     */
    private static EpochTrainer.MinibatchBoundary boundary(AccuracyLooks looks, TrialAttempt attempt, TrialProgress progress,
            StateSaving saving) {
        if (looks == null) {
            return saving.enabled() ? attempt::between : EpochTrainer.MinibatchBoundary.NONE;
        }
        return (epoch, done) -> {
            if (looks.after(done)) {
                long start = System.nanoTime();
                looks.look(looks.seen(epoch, done), progress.lookExamples, progress.lookAccuracy);
                attempt.pause(System.nanoTime() - start);
            }
            if (saving.enabled()) {
                attempt.between(epoch, done);
            }
        };
    }

    /** The epoch of the last checkpoint reached so far; 0 before the first. */
    private static int previousCheckpoint(TrialProgress progress) {
        return progress.checkpoints.isEmpty() ? 0 : progress.checkpoints.get(progress.checkpoints.size() - 1).epoch();
    }

    /** The result of a trial that could not start, e.g. because its dataset could not be loaded. */
    public static TrialResult failed(TrialConfig config, Throwable error, Instant started) {
        return new TrialProgress().result(config, TrialStatus.FAILED, error.getClass().getName(), String.valueOf(error.getMessage()),
                started);
    }

    /** Indices of the layers that have trainable parameters (pooling layers have none). */
}

package org.activationbench.train;

import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a trial: where it starts (from a saved state or from epoch 1), its training clocks, and its
 * saves. Saves are made on the training thread, between minibatches or after a checkpoint (the store may write them
 * in the background), and their time is not training time. Kept time is the training time of the work the result holds; spent time adds the work lost by
 * attempts that died after their last save, as far as the store noted it.
 */
final class TrialAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

    private final TrialConfig config;
    private final MultiLayerNetwork net;
    private final EpochTrainer trainer;
    private final TrialProgress progress;
    private final StateSaving saving;
    /** What this attempt's states are written by and what a state must have been written by to be continued. */
    private final String fingerprint;
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

    TrialAttempt(TrialConfig config, MultiLayerNetwork net, EpochTrainer trainer, TrialProgress progress, StateSaving saving) {
        this.config = config;
        this.net = net;
        this.trainer = trainer;
        this.progress = progress;
        this.saving = saving;
        this.fingerprint = saving.enabled() ? TrialState.fingerprint(config) : null;
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
        for (int i = 0; i < state.lookExamples().length; i++) {
            progress.lookExamples.add(state.lookExamples()[i]);
            progress.lookAccuracy.add(state.lookAccuracy()[i]);
        }
        // A state of format 2 kept neither the units per layer (they are this network's) nor the inactive units.
        int[] units = progress.hiddenUnits.stream().mapToInt(Integer::intValue).toArray();
        state.checkpoints().forEach(m -> progress.checkpoints.add(m.hiddenUnits() == null ? m.withHiddenUnits(units) : m));
        progress.inactive = state.inactive();
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
        if (!state.fingerprint().equals(fingerprint)) {
            LOG.warn("trial {}: its saved state (at {}) was written by another trial configuration, build or platform and"
                    + " is ignored; training from epoch 1. Saved by: {}; this run: {}", config.trialId(), state.position(),
                    state.fingerprint(), fingerprint);
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

    /** Leaves {@code nanos} spent in the epoch in progress out of its training time (a look between two minibatches). */
    void pause(long nanos) {
        paused += nanos;
    }

    /** Saves the state at a boundary between epochs: {@code epoch} not yet started. */
    void save(int epoch, int done) {
        if (saving.enabled()) {
            write(epoch, done, keptNanos, 0, spentBase + attemptNanos);
        }
    }

    private void write(int epoch, int done, long kept, long inEpoch, long spent) {
        saving.store().save(new TrialState(fingerprint, epoch, done, NetworkState.parameters(net),
                NetworkState.updaterState(net), net.getIterationCount(), net.getEpochCount(),
                done > 0 ? trainer.gradientNormProgress() : null, progress.testLoss, progress.testAccuracy,
                progress.checkpoints, kept, inEpoch, spent, progress.inactive,
                progress.lookExamples.stream().mapToLong(Long::longValue).toArray(),
                progress.lookAccuracy.stream().mapToDouble(Double::doubleValue).toArray()));
        lastSave = System.nanoTime();
    }
}

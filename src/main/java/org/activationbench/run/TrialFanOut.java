package org.activationbench.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.executor.TrialTask;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.results.TrialRecord;
import org.activationbench.storage.StateFolder;
import org.activationbench.storage.TrialStates;
import org.activationbench.train.TrialStatus;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The per-task trials of a grid as one Spark job, a task per trial. One writer thread, the lander, does all the
 * landing: each trial's checkpoints as its executor hands them over through the state folder (polled every
 * {@value #INTERVAL_KEY}, default 5 s), and its record as soon as its task ends. Each attempt's checkpoint lands once:
 * the record's epochs rows leave out those already streamed. Which attempt's rows the tables keep is decided by the
 * runs row (see {@link ResultStore#compact()}). Once a trial's record has landed, its hand-over files are removed,
 * then its state (unless it FAILED: that stays for {@code --resume}).
 */
final class TrialFanOut {

    /** The Spark setting of the hand-over's polling interval (a time, e.g. {@code 5s}, {@code 500ms}). */
    static final String INTERVAL_KEY = "spark.activationbench.handOverInterval";

    private final SparkContext sc;
    private final int threads;
    private final ResultStore store;
    private final ProgressBar progress;
    private final StateFolder state;
    private final double stateEveryMinutes;

    TrialFanOut(SparkContext sc, int threads, ResultStore store, ProgressBar progress, StateFolder state,
            double stateEveryMinutes) {
        this.sc = sc;
        this.threads = threads;
        this.store = store;
        this.progress = progress;
        this.state = state;
        this.stateEveryMinutes = stateEveryMinutes;
    }

    /** Submits one task per trial and lands each result on a single writer thread as soon as it is known. */
    void run(List<TrialConfig> todo, Consumer<List<TrialRecord>> landed) {
        JavaRDD<TrialConfig> rdd = new JavaSparkContext(sc).parallelize(todo, todo.size());
        ConcurrentLinkedQueue<TrialRecord> pending = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService lander = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "result-lander");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Throwable> landingError = new AtomicReference<>();
        RunningTrials trials = progress.trials();
        trials.submitted(todo);
        HandOverPoller poller = new HandOverPoller(state, todo);
        // Written and read on the lander thread only.
        Set<String> landedKeys = state.enabled() ? new HashSet<>(store.landedCheckpointKeys()) : new HashSet<>();
        Set<String> landedTrials = new HashSet<>();
        Runnable land = () -> {
            List<TrialRecord> batch = new ArrayList<>();
            for (TrialRecord r; (r = pending.poll()) != null; ) {
                batch.add(r);
            }
            if (batch.isEmpty() || landingError.get() != null) {
                return;
            }
            try {
                store.land(batch, c -> landedKeys.contains(c.key()));
                for (TrialRecord r : batch) {
                    Tables.checkpoints(r).forEach(c -> landedKeys.add(c.key()));
                    landedTrials.add(r.result().config().trialId());
                    poller.landed(r.result().config().trialId());
                    trials.landed(r);
                }
                HandOverFiles.deleteLanded(state, batch.stream().map(r -> r.result().config().trialId()).toList());
                // Only once its row has landed is a trial's state given up; a FAILED trial keeps it for --resume.
                TrialStates.deleteLanded(state, batch.stream().filter(r -> r.result().status() != TrialStatus.FAILED)
                        .map(r -> r.result().config().trialId()).toList());
                landed.accept(batch);
                progress.advance(batch.size(), TrialBatches.count(batch, TrialStatus.FAILED),
                        TrialBatches.count(batch, TrialStatus.DIVERGED));
                batch.stream().filter(r -> r.result().status() != TrialStatus.OK).forEach(r -> progress.note(outcome(r)));
            } catch (RuntimeException | Error e) {
                stop(landingError, e);
            }
        };
        Runnable poll = () -> {
            if (landingError.get() != null) {
                return;
            }
            try {
                for (Map.Entry<String, List<Tables.Checkpoint>> e : poller.poll(trials, landedKeys).entrySet()) {
                    if (landedTrials.contains(e.getKey())) {
                        continue;   // a late file of a trial whose record has landed (another attempt's)
                    }
                    store.landCheckpoints(e.getValue());
                    e.getValue().forEach(c -> landedKeys.add(c.key()));
                }
                progress.refresh();
            } catch (RuntimeException | Error e) {
                stop(landingError, e);
            }
        };
        // Which trials run: a task's partition index is the trial's index in todo.
        SparkListener tasks = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                trials.started(todo.get(start.taskInfo().index()).trialId());
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                // Ended: landing (its record is on its way to the lander) or lost (Spark starts it again).
                trials.stopped(todo.get(end.taskInfo().index()).trialId());
            }
        };
        sc.addSparkListener(tasks);
        long interval = sc.conf().getTimeAsMs(INTERVAL_KEY, "5s");
        lander.scheduleWithFixedDelay(poll, interval, interval, TimeUnit.MILLISECONDS);
        List<Object> partitions = new ArrayList<>(IntStream.range(0, todo.size()).boxed().toList());
        SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), new TrialTask(threads, state, stateEveryMinutes),
                JavaConverters.asScalaBuffer(partitions).toSeq(),
                new AbstractFunction2<Object, TrialRecord, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(Object partition, TrialRecord record) {
                        pending.add(record);
                        lander.execute(land);
                        return BoxedUnit.UNIT;
                    }
                },
                new AbstractFunction0<BoxedUnit>() {
                    @Override
                    public BoxedUnit apply() {
                        return BoxedUnit.UNIT;
                    }
                });
        try {
            job.get();
        } catch (Exception e) {
            if (landingError.get() != null) {
                throw rethrow(landingError.get());
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        } finally {
            sc.removeSparkListener(tasks);
            // Periodic polls stop at shutdown; records already queued still land.
            lander.shutdown();
            try {
                lander.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (landingError.get() != null) {
            throw rethrow(landingError.get());
        }
    }

    /**
     * The first failure to land (a {@link org.activationbench.storage.WriteFailure}, or anything else the lander
     * threw) stops the run: the job is cancelled, so no trial starts after it; nothing more lands. Caught here because
     * the lander's executor would keep it, unseen, in a future no one reads.
     */
    private void stop(AtomicReference<Throwable> landingError, Throwable e) {
        if (landingError.compareAndSet(null, e)) {
            sc.cancelAllJobs();
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    /** The line a trial that did not end OK gets as it lands. */
    static String outcome(TrialRecord r) {
        var c = r.result().config();
        return r.result().status() + " " + c.architecture() + " " + c.activationLabel() + " seed " + c.seed() + " (trial "
                + c.trialId() + ") after " + r.result().epochsCompleted() + " epochs: " + r.result().errorClass() + ": "
                + r.result().errorMessage();
    }
}

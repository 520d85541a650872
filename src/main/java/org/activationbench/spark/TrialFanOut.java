package org.activationbench.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.TrialRecord;
import org.activationbench.train.TrialStatus;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/** The per-task trials of a grid as one Spark job, a task per trial, each result landed as soon as its task ends. */
final class TrialFanOut {

    private final SparkContext sc;
    private final int threads;
    private final ResultStore store;
    private final ProgressBar progress;
    private final StateFolder state;

    TrialFanOut(SparkContext sc, int threads, ResultStore store, ProgressBar progress, StateFolder state) {
        this.sc = sc;
        this.threads = threads;
        this.store = store;
        this.progress = progress;
        this.state = state;
    }

    /** Submits one task per trial and lands each result on a single writer thread as soon as its task ends. */
    void run(List<TrialConfig> todo, Consumer<List<TrialRecord>> landed) {
        JavaRDD<TrialConfig> rdd = new JavaSparkContext(sc).parallelize(todo, todo.size());
        ConcurrentLinkedQueue<TrialRecord> pending = new ConcurrentLinkedQueue<>();
        ExecutorService lander = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "result-lander");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<RuntimeException> landingError = new AtomicReference<>();
        Runnable land = () -> {
            List<TrialRecord> batch = new ArrayList<>();
            for (TrialRecord r; (r = pending.poll()) != null; ) {
                batch.add(r);
            }
            if (batch.isEmpty() || landingError.get() != null) {
                return;
            }
            try {
                store.land(batch);
                landed.accept(batch);
                progress.advance(batch.size(), GridDriver.count(batch, TrialStatus.FAILED), GridDriver.count(batch, TrialStatus.DIVERGED));
            } catch (RuntimeException e) {
                landingError.set(e);
                sc.cancelAllJobs();
            }
        };
        List<Object> partitions = new ArrayList<>(IntStream.range(0, todo.size()).boxed().toList());
        SimpleFutureAction<BoxedUnit> job = sc.submitJob(rdd.rdd(), new TrialTask(threads, state),
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
                throw landingError.get();
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        } finally {
            lander.shutdown();
            try {
                lander.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (landingError.get() != null) {
            throw landingError.get();
        }
    }
}

package org.activationbench.dataparallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activationbench.grid.Strategy;
import org.activationbench.grid.TrialConfig;
import org.activationbench.train.DivergenceException;
import org.activationbench.train.EpochTrainer;
import org.activationbench.train.ExampleOrder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingWorkerStats;
import org.deeplearning4j.spark.stats.EventStats;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The data-parallel trainer: each epoch's training set, in the trial's seeded order, is cut into minibatches spread
 * over the executors, which fit them and average their parameters (and Adam's state) every few minibatches, DL4J's
 * {@code ParameterAveragingTrainingMaster}. The averaged network stays on the driver, where the runner measures it.
 */
final class ParameterAveragingTrainer implements EpochTrainer {

    static {
        ClockTime.use();
    }

    private final JavaSparkContext jsc;
    private final TrialConfig config;
    private final int examples;
    private final int workers;
    private final MultiLayerNetwork net;
    private final SparkDl4jMultiLayer sparkNet;
    private double workerFitSeconds;

    ParameterAveragingTrainer(JavaSparkContext jsc, TrialConfig config, int examples, MultiLayerNetwork net) {
        this.jsc = jsc;
        this.config = config;
        this.examples = examples;
        this.net = net;
        Strategy s = config.strategy();
        this.workers = s.workers() > 0 ? s.workers() : jsc.defaultParallelism();
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(s.batchSizePerWorker())
                .batchSizePerWorker(s.batchSizePerWorker())
                .averagingFrequency(s.averagingFrequency())
                .workerPrefetchNumBatches(0)
                // Direct: no export to a Hadoop file system, which clusters without HDFS do not have.
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // Each averaging round filters its minibatches out of the whole epoch's. Kept as objects, that is a
                // pass over references; kept serialized (the master's default), each round would deserialize the whole
                // epoch. Spark sees only the objects' small on-heap part; their arrays (one epoch's share per executor,
                // about 0.2 GB for MNIST in all) count against maxbytes and are released after every epoch (trainEpoch).
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .repartionData(Repartition.Never)
                .rngSeed(config.initSeed())
                .collectTrainingStats(true)
                .build();
        this.sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
    }

    int workers() {
        return workers;
    }

    /** Time the workers spent fitting, summed over epochs and divided by the number of workers. */
    double workerFitSeconds() {
        return workerFitSeconds;
    }

    @Override
    public void trainEpoch(int epoch, boolean checkpoint) {
        int perWorker = config.strategy().batchSizePerWorker();
        int[] order = ExampleOrder.of(examples, config.seed(), epoch);
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += perWorker) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + perWorker)));
        }
        JavaRDD<DataSet> data = jsc.parallelize(batches, workers).map(new IndexedBatches(config.dataset()));
        MultiLayerNetwork trained = sparkNet.fit(data);
        // The training master persists each epoch's minibatches (and nothing here needs them again); left alone they
        // would pile up in the block managers, epoch after epoch, trial after trial.
        for (JavaRDD<?> persisted : jsc.getPersistentRDDs().values()) {
            persisted.unpersist(false);
        }
        if (trained != net) {
            net.setParams(trained.params());
        }
        // The training master's statistics accumulate over every fit of this trial.
        workerFitSeconds = fitMillis(sparkNet.getSparkTrainingStats()) / 1000.0 / workers;
        double score = sparkNet.getScore();
        if (!Double.isFinite(score)) {
            throw new DivergenceException("averaged loss became " + score + " in epoch " + epoch);
        }
    }

    /** Gradients are averaged on the executors and never seen here. */
    @Override
    public double[] gradientNorms() {
        return null;
    }

    /**
     * The workers' fit times, from the first level of the statistics that holds them: the training master's own
     * statistics answer for its nested workers' keys too, so summing every level counted each fit twice.
     */
    static long fitMillis(SparkTrainingStats stats) {
        for (SparkTrainingStats s = stats; s != null; s = s.getNestedTrainingStats()) {
            if (s.getKeySet().contains(ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS)) {
                long total = 0;
                for (EventStats e : s.getValue(ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS)) {
                    total += e.getDurationMs();
                }
                return total;
            }
        }
        return 0;
    }
}

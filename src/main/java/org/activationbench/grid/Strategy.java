package org.activationbench.grid;

import java.io.Serializable;

/**
 * How a trial is trained: {@code per-task} (the whole trial in one Spark task, the default) or {@code data-parallel}
 * (its training set split across executors, trained by DL4J's parameter averaging).
 *
 * @param averagingFrequency data-parallel: minibatches each worker fits between two averagings of the parameters
 * @param workers            data-parallel: partitions of the training set; 0 for Spark's default parallelism
 * @param batchSizePerWorker data-parallel: minibatch size on each worker
 */
public record Strategy(String name, int averagingFrequency, int workers, int batchSizePerWorker) implements Serializable {

    public static final String PER_TASK = "per-task";
    public static final String DATA_PARALLEL = "data-parallel";
    public static final Strategy DEFAULT = new Strategy(PER_TASK, 0, 0, 0);

    public Strategy {
        if (!name.equals(PER_TASK) && !name.equals(DATA_PARALLEL)) {
            throw new IllegalArgumentException("strategy must be per-task or data-parallel, found '" + name + "'");
        }
        if (name.equals(DATA_PARALLEL) && (averagingFrequency <= 0 || workers < 0 || batchSizePerWorker <= 0)) {
            throw new IllegalArgumentException("data-parallel needs averaging frequency > 0, workers >= 0 and batch size per"
                    + " worker > 0, found " + averagingFrequency + ", " + workers + ", " + batchSizePerWorker);
        }
    }

    /** Whether one trial trains across the whole cluster rather than in one task. */
    public boolean dataParallel() {
        return name.equals(DATA_PARALLEL);
    }

    /** Appended to a trial's canonical form; empty for per-task, so per-task trial ids do not depend on it. */
    String canonical() {
        return dataParallel() ? ";strategy=data-parallel;averaging_frequency=" + averagingFrequency + ";workers=" + workers
                + ";batch_size_per_worker=" + batchSizePerWorker : "";
    }
}

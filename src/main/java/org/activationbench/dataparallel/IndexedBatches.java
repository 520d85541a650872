package org.activationbench.dataparallel;

import java.nio.file.Path;
import org.activationbench.data.Dataset;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.train.Minibatches;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns a minibatch's example indices into its DataSet on the executor, from the dataset the executor already holds
 * (shipped with the job, loaded once per JVM): only indices travel, never images.
 */
final class IndexedBatches implements Function<int[], DataSet> {

    static {
        ClockTime.use();
    }

    private final String dataset;

    IndexedBatches(String dataset) {
        this.dataset = dataset;
    }

    @Override
    public DataSet call(int[] indices) {
        Dataset data = DatasetCache.getFromFolder(Path.of(SparkFiles.getRootDirectory()), DatasetSpec.byId(dataset));
        int width = data.features();
        return Minibatches.batch(data.train(), data.classes(), indices, 0, indices.length, new float[indices.length * width],
                new float[indices.length * data.classes()]);
    }
}

package org.activationbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.results.ResultStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("snapshot-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /**
     * The published fashion-mnist tables were landed with dead_fraction and its unweighted mean: they are read as
     * inactive fractions, the network's weighted by the units of each layer (MLP 256 + 128, CNN 32 + 64 channels).
     */
    @Test
    void rowsLandedBeforeInactiveUnitsAreWeightedByTheUnitsOfTheirLayers(@TempDir Path dir) throws IOException {
        Path published = Path.of("notebooks-out", "fashion-mnist", "tables");
        for (String table : List.of("runs", "epochs")) {
            copy(published.resolve(table), dir.resolve(table));
        }
        Snapshot snapshot = Snapshot.load(new ResultStore(spark, dir.toString(), "fashion-mnist"), "fashion-mnist", "");
        Map<String, Row> landed = new HashMap<>();
        for (Row r : spark.read().parquet(dir.resolve("epochs").toString()).collectAsList()) {
            landed.put(r.getAs("trial_id") + "/" + r.getAs("epoch"), r);
        }
        assertEquals(80 * 3, snapshot.epochs().size(), "80 trials at epochs 1, 5 and 10");
        double weighted = 0;
        double unweighted = 0;
        int relu = 0;
        for (EpochRow e : snapshot.epochs()) {
            Row r = landed.get(e.trialId() + "/" + e.epoch());
            List<Double> dead = r.getList(r.fieldIndex("dead_fraction"));
            assertEquals(dead, e.inactiveFraction());
            int[] units = e.architecture().equals("mlp") ? new int[] {256, 128} : new int[] {32, 64};
            long inactive = Math.round(dead.get(0) * units[0]) + Math.round(dead.get(1) * units[1]);
            assertEquals(inactive / (double) (units[0] + units[1]), e.networkInactiveFraction(), 0.0, e.trialId());
            if (e.architecture().equals("mlp") && e.label().equals("relu") && e.epoch() == 10) {
                weighted += e.networkInactiveFraction();
                unweighted += r.<Double>getAs("mean_dead_fraction");
                relu++;
            }
        }
        // ReLU's MLP at epoch 10, over its 10 seeds: the figure the README gave as 3.9% is 3.67% of the units.
        assertEquals(10, relu);
        assertEquals(0.0367, weighted / relu, 0.00005);
        assertTrue(unweighted / relu > 0.0385, "the unweighted mean over layers: " + unweighted / relu);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(p -> {
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

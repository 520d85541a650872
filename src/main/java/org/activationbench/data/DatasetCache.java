package org.activationbench.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-memory copy of each dataset per JVM, shared by every trial the JVM runs (an executor runs many).
 * Loads are counted so that a run can show it loaded each dataset once per executor. A dataset loaded from another
 * folder (each Spark application ships its files to a folder of its own) replaces the copy from the previous one, so
 * a JVM that hosts one application after another holds each dataset once, not once per application.
 */
public final class DatasetCache {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCache.class);
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private DatasetCache() {}

    /** The dataset under a data root ({@code root/<dataset>/}). */
    public static Dataset get(Path root, DatasetSpec spec) {
        return cached(root.toAbsolutePath().normalize() + "#" + spec.id(), root, spec, () -> new DatasetLoader(root).load(spec));
    }

    /** The dataset whose files are directly in {@code folder}, as Spark ships them to an executor. */
    public static Dataset getFromFolder(Path folder, DatasetSpec spec) {
        return cached(folder.toAbsolutePath().normalize() + "/#" + spec.id(), folder, spec,
                () -> DatasetLoader.loadFolder(folder, spec, "The files shipped with the job are damaged; run the job again"));
    }

    private static Dataset cached(String key, Path root, DatasetSpec spec, java.util.function.Supplier<Dataset> load) {
        Dataset present = CACHE.get(key);
        if (present != null) {
            return present;
        }
        // Trials still training on a replaced copy keep it until they end.
        CACHE.keySet().removeIf(k -> !k.equals(key) && k.endsWith("#" + spec.id()));
        return CACHE.computeIfAbsent(key, k -> {
            long start = System.nanoTime();
            Dataset data = load.get();
            LOG.info("loaded {} ({} train, {} test examples) from {} in {} ms; datasets loaded by this JVM: {}", spec.id(),
                    data.train().count(), data.test().count(), root, (System.nanoTime() - start) / 1_000_000,
                    LOADS.incrementAndGet());
            return data;
        });
    }

    /** How many copies of a dataset this JVM holds now. */
    static long held(DatasetSpec spec) {
        return CACHE.keySet().stream().filter(k -> k.endsWith("#" + spec.id())).count();
    }

    /** How many datasets this JVM has read from disk. */
    public static int loads() {
        return LOADS.get();
    }
}

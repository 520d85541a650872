package org.activationbench.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-memory copy of each dataset per JVM, shared by every trial the JVM runs (an executor runs many).
 * Loads are counted so that a run can show it loaded each dataset once per executor.
 */
public final class DatasetCache {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCache.class);
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private DatasetCache() {}

    public static Dataset get(Path root, DatasetSpec spec) {
        String key = root.toAbsolutePath().normalize() + "#" + spec.id();
        return CACHE.computeIfAbsent(key, k -> {
            long start = System.nanoTime();
            Dataset data = new DatasetLoader(root).load(spec);
            LOG.info("loaded {} ({} train, {} test examples) from {} in {} ms; datasets loaded by this JVM: {}", spec.id(),
                    data.train().count(), data.test().count(), root, (System.nanoTime() - start) / 1_000_000,
                    LOADS.incrementAndGet());
            return data;
        });
    }

    /** How many datasets this JVM has read from disk. */
    public static int loads() {
        return LOADS.get();
    }
}

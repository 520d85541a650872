package org.activationbench.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory copy of each dataset per JVM, shared by every trial the JVM runs (an executor runs many).
 * Loads are counted so that a run can show it loaded each dataset once per executor.
 */
public final class DatasetCache {

    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private DatasetCache() {}

    public static Dataset get(Path root, DatasetSpec spec) {
        String key = root.toAbsolutePath().normalize() + "#" + spec.id();
        return CACHE.computeIfAbsent(key, k -> {
            LOADS.incrementAndGet();
            return new DatasetLoader(root).load(spec);
        });
    }

    /** How many datasets this JVM has read from disk. */
    public static int loads() {
        return LOADS.get();
    }
}

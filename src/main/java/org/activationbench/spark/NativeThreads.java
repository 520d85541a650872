package org.activationbench.spark;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Holds ND4J's native thread pools (its own and OpenBLAS's) to the cores Spark gave a task, so that concurrent
 * trials on one executor do not oversubscribe its cores. Thread count also fixes the order of native reductions,
 * so a trial retried elsewhere with the same count gives the same numbers.
 */
public final class NativeThreads {

    private NativeThreads() {}

    public static synchronized void configure(int threads) {
        if (Nd4j.getEnvironment().maxThreads() != threads) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }
}

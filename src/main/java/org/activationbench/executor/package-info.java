/**
 * What runs on an executor for a trial: the Spark task that trains it ({@code TrialTask}), the native threads and
 * native memory of the JVM it trains in ({@code NativeThreads}, {@code NativeMemoryGuard}, {@code ResidentMemory}),
 * and the files through which a running trial hands its checkpoints and progress to the driver ({@code HandOverFiles},
 * written by {@code CheckpointHandOver}). Uses the packages above the driver: grid, data, model, train, storage,
 * results.
 */
package org.activationbench.executor;

/**
 * The benchmark of a machine: epoch times on one native thread and a fixed grid's throughput in local mode, each
 * grid in a JVM of its own that reports its figures as JSON, or single training steps per activation
 * ({@link org.activationbench.bench.StepBenchmark}); results as records written as JSON and CSV. Uses
 * {@code spark} (sessions, the results it reads back) and everything above it. The cost model of {@code run --plan}
 * ({@link org.activationbench.bench.GridPlan}) turns those figures, or built-in ones
 * ({@link org.activationbench.bench.EpochCosts}), into a grid's core-hours and wall time without running anything.
 */
package org.activationbench.bench;

/**
 * The benchmark of a machine: epoch times on one native thread against their arithmetic floor, and a fixed grid's
 * throughput in local mode beside that of independent {@code train} processes, each grid and process in a JVM of its
 * own (a grid's reports its figures as JSON); or single training steps per activation
 * ({@link org.activationbench.bench.StepBenchmark}); results as records written as JSON and CSV. Uses
 * {@code spark} (sessions, the results it reads back) and everything above it. The cost model of {@code run --plan}
 * ({@link org.activationbench.bench.GridPlan}) turns those figures, or built-in ones
 * ({@link org.activationbench.bench.EpochCosts}), into a grid's core-hours and wall time without running anything.
 */
package org.activationbench.bench;

/**
 * The Spark side of a run: the grid driver (checks, fan-out, landing results, compaction), data-parallel training
 * and progress. Uses everything above it, never {@code compare} or {@code report}: what follows a grid is plugged in
 * through {@link org.activationbench.spark.AfterGrid}, and a sequential grid's rounds through
 * {@link org.activationbench.spark.NextRound}.
 */
package org.activationbench.spark;

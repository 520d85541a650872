/**
 * The Spark side of a run: the grid driver (checks, fan-out, landing results, compaction), data-parallel training,
 * progress, and the folder where executors keep trials' state ({@code StateFolder}, {@code FolderStateStore}). Uses everything above it, never {@code compare} or {@code report}: what follows a grid is plugged in
 * through {@link org.activationbench.spark.AfterGrid}, and a sequential grid's rounds through
 * {@link org.activationbench.spark.NextRound}.
 */
package org.activationbench.spark;

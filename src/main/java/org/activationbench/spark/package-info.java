/**
 * The Spark side of a run: the grid driver (checks, fan-out, landing results, compaction), data-parallel training,
 * progress, and the folder where executors keep trials' state ({@code StateFolder}, {@code FolderStateStore}). Uses everything above it, never {@code compare} or {@code report}: what follows a grid is plugged in
 * through {@link org.activationbench.spark.AfterGrid}, and a sequential grid's rounds through
 * {@link org.activationbench.spark.NextRound}. Running trials hand their checkpoints and progress to the driver through
 * the same folder ({@code CheckpointHandOver} on the executors, {@code HandOverPoller} on the driver), so results land
 * as they are measured and the progress line ({@code ProgressBar}, {@code RunningTrials}) knows each trial's epoch.
 */
package org.activationbench.spark;

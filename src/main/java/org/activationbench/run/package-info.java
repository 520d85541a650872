/**
 * The driver of a run: what it checks before starting ({@code Preflight}, {@code SpaceCheck}, {@code DataSizes}), the
 * grid's rounds and resume ({@code GridDriver}), the per-task trials fanned out longest first and landed as they finish
 * ({@code TrialFanOut}, {@code TrialOrder}), running trials' checkpoints and progress read back as they train
 * ({@code HandOverPoller}, {@code RunningTrials}, {@code ProgressBar}), and a landed or published run opened on its own
 * ({@code LandedRun}, {@code PublishedRun}). Never {@code compare} or {@code report}: what follows a grid is plugged in
 * through {@link org.activationbench.run.AfterGrid}, and which trials a round runs through
 * {@link org.activationbench.run.NextRound} (package {@code rounds}).
 */
package org.activationbench.run;

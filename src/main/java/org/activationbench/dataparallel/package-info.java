/**
 * The second strategy: one trial trained across the executors by Deeplearning4j's parameter averaging
 * ({@code ParameterAveragingTrainer}, {@code DataParallelTrial}), each minibatch built on the executor from the dataset
 * it holds ({@code IndexedBatches}), timed without reaching outside the cluster ({@code ClockTime}). Uses
 * {@code executor} and the packages above it.
 */
package org.activationbench.dataparallel;

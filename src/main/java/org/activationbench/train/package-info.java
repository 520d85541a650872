/**
 * The trial runner: trains one configured network on a dataset and returns its result and per-checkpoint metrics,
 * with no Spark, no files and no clock besides its own timers. A trial's state ({@code TrialState}, as bytes
 * {@code TrialStateFormat}) is saved to and continued from a {@code StateStore} it is handed, so that a trial cut
 * short ends bit for bit as one never interrupted. Uses {@code grid}, {@code data} and {@code model}.
 */
package org.activationbench.train;

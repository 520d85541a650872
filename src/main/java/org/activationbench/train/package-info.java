/**
 * The trial runner: trains one configured network on a dataset and returns its result and per-checkpoint metrics,
 * with no Spark, no files and no clock besides its own timers. Uses {@code grid}, {@code data} and {@code model}.
 */
package org.activationbench.train;

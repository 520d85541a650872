/**
 * The published tables (runs, epochs, comparisons, a tuned grid's learning_rates): their schemas, how a trial result
 * becomes rows, landing them as Parquet files as trials finish, compaction and its recovery, and what resume reads
 * back. Writes through
 * {@code storage} (durable files, the writer lock). Uses the {@code grid} and {@code train} types, Spark SQL and
 * Hadoop's file systems.
 */
package org.activationbench.results;

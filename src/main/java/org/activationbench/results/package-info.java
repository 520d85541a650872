/**
 * The published tables (runs, epochs, comparisons): their schemas, how a trial result becomes rows, landing them as
 * durable Parquet files as trials finish, compaction and its recovery, what resume reads back, and the writer lock of
 * an output folder. Uses the {@code grid} and {@code train} types, Spark SQL and Hadoop's file systems.
 */
package org.activationbench.results;

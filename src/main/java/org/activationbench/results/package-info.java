/**
 * The published tables: their schemas, landing rows as durable Parquet files, compaction and its recovery, and the
 * writer lock of an output folder. Uses the {@code grid} and {@code train} types, Spark SQL and Hadoop's file systems.
 */
package org.activationbench.results;

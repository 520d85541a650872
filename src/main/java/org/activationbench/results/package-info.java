/**
 * The published tables (runs, epochs, comparisons): their schemas, how a trial result becomes rows, writing them as
 * Parquet as trials finish, compaction and what resume reads back. Uses {@code grid} and {@code train} types.
 */
package org.activationbench.results;

/**
 * The report step: renders a compared run as a notebook and an HTML page, every table and figure the result of the
 * DuckDB query shown beside it, run on the landed Parquet tables. Uses {@code compare} (the run and its
 * comparisons) and reads the tables through DuckDB only; {@code results} gives it the tables' declared columns, so
 * that tables landed by an earlier version read with every column.
 */
package org.activationbench.report;

/**
 * The command line: each command parses its options and wires the packages together (for a run, the grid driver,
 * then the comparisons and the report). Wiring only; uses everything.
 */
package org.activationbench.cli;

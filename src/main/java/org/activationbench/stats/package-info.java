/**
 * Statistics of paired trials: paired t and Wilcoxon tests, bootstrap and t intervals, Holm correction, power,
 * group-sequential tests of paired seeds run in rounds (docs/statistics.md), and the least-squares line the report fits
 * across conditions. Pure functions of arrays of numbers; uses nothing else of the project and no Spark.
 */
package org.activationbench.stats;

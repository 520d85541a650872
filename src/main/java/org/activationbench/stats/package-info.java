/**
 * Statistics of paired trials: paired t and Wilcoxon tests, bootstrap and t intervals, Holm correction, power, and
 * group-sequential tests of paired seeds run in rounds (docs/statistics.md). Pure
 * functions of arrays of numbers; uses nothing else of the project and no Spark.
 */
package org.activationbench.stats;

/**
 * Grid files: parsing (HOCON), validation (every problem in one pass, each naming its key, value and fix), the trial
 * count and expansion into trials, and the trial configuration whose hash is the trial id. Uses no other package of
 * the project.
 */
package org.activationbench.grid;

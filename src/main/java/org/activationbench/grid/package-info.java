/**
 * Grid files: parsing (HOCON), validation that names every bad field and value in one pass, expansion into trials,
 * and the trial configuration whose hash is the trial id. Uses nothing else of the project.
 */
package org.activationbench.grid;

/**
 * Grid files: parsing, validation (every problem in one pass, each naming its key, value and fix), the trial count
 * and expansion, and trial ids. Uses no other package of the project.
 */
package org.activationbench.grid;

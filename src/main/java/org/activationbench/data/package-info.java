/**
 * The datasets: IDX file reading, the registry of known datasets with their checksums, and a per-JVM cache. Uses
 * nothing else of the project.
 */
package org.activationbench.data;

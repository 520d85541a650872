/**
 * What a trial trains: the registries of activations, optimizers and architectures, and the factory that builds a
 * trial's Deeplearning4j network from its {@link org.activationbench.grid.TrialConfig}, on the engine the trial names
 * ({@link org.activationbench.model.LayerKit}: Deeplearning4j's own layers, or the equivalent replacements in
 * {@link org.activationbench.model.fastpath}). Uses the {@code grid} types only.
 */
package org.activationbench.model;

/**
 * The analyze step: reads a run's runs and epochs tables, pairs every activation with the baseline by seed within one
 * condition and learning rate (using {@code stats}) and writes the {@code comparisons} table; for a sequential grid it
 * also decides, from the landed rows, which comparisons stop and which trials the next round runs; for a tuned grid it
 * chooses each activation's learning rate from the tuning trials' validation accuracy ({@code LearningRateChoice}) once,
 * stores the choice in {@code learning_rates} and reads it back from then on ({@code StoredChoices}), and compares the
 * confirmation seeds at the chosen and at the fixed rate. Uses {@code results} and {@code stats}.
 */
package org.activationbench.compare;

/**
 * Which trials the driver's next round runs: every trial of a fixed grid, seeds on demand
 * ({@code SequentialRounds}: the open comparisons' next seeds) and the tuned protocol's stages ({@code TunedRounds}).
 * Implements {@link org.activationbench.run.NextRound} from the comparisons; uses {@code run}, {@code compare} and the
 * packages above them.
 */
package org.activationbench.rounds;

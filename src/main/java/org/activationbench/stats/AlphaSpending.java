package org.activationbench.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Lan and DeMets' alpha-spending functions for a symmetric two-sided test at level {@code alpha}: how much of the
 * error probability may be spent by information fraction t.
 */
public record AlphaSpending(Shape shape, double alpha) {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /** The two classical shapes. */
    public enum Shape {
        /**
         * {@code 2 * (2 - 2 Phi(z(1 - alpha/4) / sqrt(t)))}, alpha / 2 per side as in ld98, ldbounds and gsDesign:
         * almost nothing early, so the last look's boundary stays close to the fixed design's.
         */
        OBRIEN_FLEMING("obrien-fleming"),
        /** {@code alpha * ln(1 + (e - 1) t)}: about evenly over the looks, so large differences stop at the first. */
        POCOCK("pocock");

        private final String label;

        Shape(String label) {
            this.label = label;
        }

        /** The shape's name in a grid file. */
        public String label() {
            return label;
        }
    }

    public AlphaSpending {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
        }
    }

    /** The error probability spent by information fraction {@code t} in (0, 1]; 0 at t = 0, alpha at t = 1. */
    public double spent(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return alpha;
        }
        return switch (shape) {
            case OBRIEN_FLEMING -> 4 * STANDARD.survivalProbability(STANDARD.inverseSurvivalProbability(alpha / 4) / Math.sqrt(t));
            case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
        };
    }
}

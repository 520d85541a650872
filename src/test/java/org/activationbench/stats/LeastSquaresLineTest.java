package org.activationbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

class LeastSquaresLineTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {2.1, 3.9, 6.2, 7.8, 10.1};

    /**
     * SciPy 1.17: stats.linregress(x, y) gives slope 1.99, intercept 0.05, stderr 0.0597215762; t(3, 0.975) =
     * 3.1824463053, so the slope's interval is 1.7999392904 to 2.1800607096; the band of the mean,
     * fit ± t s sqrt(1/n + (x0 - 3)^2 / 10), is -0.5803600611 to 0.6803600611 at x0 = 0 and 5.7512135668 to
     * 6.2887864332 at x0 = 3.
     */
    @Test
    void matchesScipysLinregressAndTheBandOfTheMean() {
        LeastSquaresLine line = LeastSquaresLine.fit(X, Y);
        assertEquals(5, line.n());
        assertEquals(1.99, line.slope(), 1e-12);
        assertEquals(0.05, line.intercept(), 1e-12);
        assertEquals(1.7999392904005371, line.slopeLow(), 1e-9);
        assertEquals(2.180060709599463, line.slopeHigh(), 1e-9);
        assertEquals(-0.580360061130104, line.bandLow(0), 1e-9);
        assertEquals(0.6803600611301054, line.bandHigh(0), 1e-9);
        assertEquals(5.751213566810191, line.bandLow(3), 1e-9);
        assertEquals(6.28878643318981, line.bandHigh(3), 1e-9);
    }

    /** commons-math3's SimpleRegression, an independent implementation, agrees on made-up scattered points. */
    @Test
    void agreesWithCommonsMathOnScatteredPoints() {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[12];
        double[] y = new double[12];
        SimpleRegression reference = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(0, 40);
            y[i] = 0.3 - 0.02 * x[i] + random.nextGaussian() * 0.1;
            reference.addData(x[i], y[i]);
        }
        LeastSquaresLine line = LeastSquaresLine.fit(x, y);
        assertEquals(reference.getSlope(), line.slope(), 1e-12);
        assertEquals(reference.getIntercept(), line.intercept(), 1e-12);
        assertEquals(reference.getSlopeConfidenceInterval(0.05), line.slopeHigh() - line.slope(), 1e-9);
        assertEquals(reference.getSlopeConfidenceInterval(0.05), line.slope() - line.slopeLow(), 1e-9);
        assertEquals(Math.sqrt(reference.getMeanSquareError()), line.residual(), 1e-12);
    }

    @Test
    void twoPointsGiveTheLineThroughThemAndNoInterval() {
        LeastSquaresLine line = LeastSquaresLine.fit(new double[] {1, 3}, new double[] {2, 8});
        assertEquals(3, line.slope(), 1e-12);
        assertEquals(-1, line.intercept(), 1e-12);
        assertTrue(Double.isNaN(line.slopeLow()) && Double.isNaN(line.bandHigh(2)));
    }

    @Test
    void refusesWhatHasNoLine() {
        assertThrows(IllegalArgumentException.class, () -> LeastSquaresLine.fit(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LeastSquaresLine.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> LeastSquaresLine.fit(new double[] {1, 2}, new double[] {1, 2, 3}));
    }
}

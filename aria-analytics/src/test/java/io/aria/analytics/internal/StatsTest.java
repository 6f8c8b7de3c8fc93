package io.aria.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void returnsSkipStepsFromNonPositiveEquity() {
        assertArrayEquals(new double[] {0.5, -0.5, -1}, Stats.returns(new double[] {2, 3, 1.5, 0, 5}), 1e-12,
                "the step from 0 to 5 has no return");
        assertEquals(0, Stats.returns(new double[] {7}).length);
    }

    @Test
    void tailOfTwentyReturns_theWorstAt95And99() {
        double[] r = new double[20];
        for (int i = 0; i < 20; i++) {
            r[i] = (i - 10) / 100.0; // -10% .. +9%
        }
        assertArrayEquals(new double[] {0.10, 0.10}, Stats.tail(r, 0.95), 1e-12, "k = ceil(20 * 0.05) = 1");
        assertArrayEquals(new double[] {0.10, 0.10}, Stats.tail(r, 0.99), 1e-12);
        assertArrayEquals(new double[] {0.09, 0.095}, Stats.tail(r, 0.90), 1e-12, "k = 2: -9% and the mean of -10, -9");
    }

    @Test
    void allGains_giveANegativeLoss() {
        assertArrayEquals(new double[] {-0.01, -0.01}, Stats.tail(new double[] {0.01, 0.02, 0.03}, 0.95), 1e-12);
    }

    @Test
    void ratioOfZeroOrNonFinite_isZero() {
        assertEquals(0, Stats.ratio(1, 0));
        assertEquals(0, Stats.ratio(Double.MAX_VALUE, 1e-300));
        assertEquals(2, Stats.ratio(4, 2));
    }
}

package io.aria.core.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("streaming indicators, hand-computed values")
class IndicatorsTest {

    @Nested
    @DisplayName("known answers")
    class KnownAnswers {

        @Test
        void ema_ofThree_isSeededWithTheFirstValueAndHalvesTheGap() {
            Ema ema = new Ema(3); // alpha = 0.5
            assertEquals(10, ema.update(10), 0);
            assertEquals(15, ema.update(20), 0);
            assertFalse(ema.isReady());
            assertEquals(12.5, ema.update(10), 0);
            assertTrue(ema.isReady());
        }

        @Test
        void rollingStats_ofTwoFourFourFourFiveFiveSevenNine_hasMeanFiveAndDeviationTwo() {
            RollingStats s = new RollingStats(8);
            for (double x : new double[] {100, 2, 4, 4, 4, 5, 5, 7, 9}) {
                s.update(x);
            }
            assertEquals(5, s.mean(), 1e-12);
            assertEquals(2, s.stdDev(), 1e-12);
        }

        @Test
        void atr_takesTheGapFromThePreviousCloseIntoTheTrueRange() {
            AverageTrueRange atr = new AverageTrueRange(2);
            assertEquals(2, atr.update(11, 9, 10), 0); // first bar: high - low
            assertEquals(5.5, atr.update(19, 17, 18), 0); // TR = 19 - 10 = 9; 2 + (9 - 2) / 2
            assertEquals(9, atr.trueRange(), 0);
        }

        @Test
        void efficiencyRatio_isOneForAStraightLineAndZeroForAFlatLine() {
            EfficiencyRatio up = new EfficiencyRatio(4);
            EfficiencyRatio flat = new EfficiencyRatio(4);
            for (int i = 0; i < 10; i++) {
                up.update(i);
                flat.update(3);
            }
            assertEquals(1, up.value(), 1e-12);
            assertEquals(0, flat.value(), 0);
        }

        @Test
        void donchian_forgetsAHighOnceItLeavesTheWindow() {
            DonchianChannel ch = new DonchianChannel(3);
            ch.update(10, 5);
            ch.update(8, 6);
            ch.update(7, 6);
            assertEquals(10, ch.upper(), 0);
            assertEquals(5, ch.lower(), 0);
            ch.update(7, 6.5);
            assertEquals(8, ch.upper(), 0);
            assertEquals(6, ch.lower(), 0);
        }
    }

    @Nested
    @DisplayName("bad configuration")
    class BadConfiguration {

        @Test
        void zeroPeriod_isRejectedWithTheFieldAndValue() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ema(0));
            assertEquals("period must be >= 1, was 0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new RollingStats(0));
            assertThrows(IllegalArgumentException.class, () -> new AverageTrueRange(-1));
            assertThrows(IllegalArgumentException.class, () -> new DonchianChannel(0));
            assertThrows(IllegalArgumentException.class, () -> new EfficiencyRatio(0));
        }
    }
}

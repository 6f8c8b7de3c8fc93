package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Regime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("regime classifier")
class RegimeClassifierTest {

    private static List<Regime> classify(List<Bar> bars) {
        RegimeClassifier c = new RegimeClassifier(1);
        return bars.stream().map(b -> c.onBar(0, b)).toList();
    }

    private static Map<Regime, Integer> histogram(List<Regime> labels) {
        Map<Regime, Integer> h = new EnumMap<>(Regime.class);
        labels.forEach(r -> h.merge(r, 1, Integer::sum));
        return h;
    }

    @Nested
    @DisplayName("labels constructed series")
    class ConstructedSeries {

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 2, 3, 4, 5})
        void steadyDrift_isTrend(long seed) {
            List<Regime> labels = classify(TestBars.fromCloses("X", TestBars.drift(300, 100, 0.05, 0.1, seed), 0.0002));
            List<Regime> afterWarmUp = labels.subList(60, labels.size());
            assertTrue(afterWarmUp.stream().allMatch(r -> r == Regime.TREND), () -> "labels " + histogram(afterWarmUp));
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 2, 3, 4, 5})
        void noisySine_isRange(long seed) {
            List<Regime> labels = classify(TestBars.fromCloses("X",
                    TestBars.noisySine(400, 100, 1, 16, 0.6, seed), 0.0002));
            List<Regime> afterWarmUp = labels.subList(60, labels.size());
            assertTrue(afterWarmUp.stream().allMatch(r -> r == Regime.RANGE), () -> "labels " + histogram(afterWarmUp));
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 2, 3, 4, 5})
        void longFlatStretchThenJump_isBreakout(long seed) {
            List<Regime> labels = classify(TestBars.fromCloses("X",
                    TestBars.flatThenJump(200, 5, 100, 0.02, seed), 0.00002));
            assertTrue(labels.subList(60, 200).stream().noneMatch(r -> r == Regime.BREAKOUT),
                    () -> "flat stretch " + histogram(labels.subList(60, 200)));
            assertEquals(Regime.BREAKOUT, labels.get(200), "the bar of the jump");
            assertTrue(labels.subList(200, 205).stream().allMatch(r -> r == Regime.BREAKOUT),
                    () -> "after the jump " + labels.subList(200, 205));
        }

        @Test
        void beforeWarmUp_everySymbolIsRange() {
            RegimeClassifier c = new RegimeClassifier(2);
            List<Bar> bars = TestBars.fromCloses("X", TestBars.drift(49, 100, 1, 0, 1), 0.001);
            bars.forEach(b -> assertEquals(Regime.RANGE, c.onBar(0, b)));
            assertEquals(50, c.warmUpBars());
            assertTrue(!c.isReady(0));
        }
    }

    @Nested
    @DisplayName("hysteresis")
    class Hysteresis {

        @Test
        void aTrendStaysATrendWhileTheEfficiencyRatioIsBetweenExitAndEnter() {
            RegimeClassifier.Config cfg = new RegimeClassifier.Config(3, 2, 3, 0.6, 0.2, 50, 40);
            RegimeClassifier c = new RegimeClassifier(1, cfg);
            // a straight line: efficiency 1, TREND
            double[] closes = {100, 101, 102, 103, 104, 105, 106,
                    // then back and forth: net 1 over a path of 3, efficiency 0.33, between 0.2 and 0.6
                    105, 106, 105, 106, 105, 106};
            Regime last = null;
            for (Bar b : TestBars.fromCloses("X", closes, 0.0001)) {
                last = c.onBar(0, b);
                if (b.close() == 106 && b.startMillis() == TestBars.T0 + 6 * TestBars.MINUTE) {
                    assertEquals(Regime.TREND, last);
                }
            }
            assertTrue(c.efficiencyRatio(0) < 0.6 && c.efficiencyRatio(0) >= 0.2, "ratio " + c.efficiencyRatio(0));
            assertEquals(Regime.TREND, last);
            // a fresh classifier at the same ratio does not enter TREND
            RegimeClassifier fresh = new RegimeClassifier(1, cfg);
            Regime r = null;
            for (Bar b : TestBars.fromCloses("X", new double[] {105, 106, 105, 106, 105, 106, 105, 106, 105, 106}, 0.0001)) {
                r = fresh.onBar(0, b);
            }
            assertEquals(Regime.RANGE, r);
        }
    }

    @Test
    void invalidThresholds_areRejectedWithTheFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegimeClassifier.Config(20, 5, 50, 0.4, 0.5, 1.8, 1.3));
        assertEquals("trendExit must be in [0.0, 0.4], was 0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RegimeClassifier.Config(20, 5, 5, 0.4, 0.2, 1.8, 1.3));
        assertThrows(IllegalArgumentException.class, () -> new RegimeClassifier.Config(20, 5, 50, 0.4, 0.2, 1.0, 1.0));
    }
}

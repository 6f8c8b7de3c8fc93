package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("member models")
class SignalModelsTest {

    private static void feed(SignalModel m, List<Bar> bars) {
        bars.forEach(b -> m.onBar(0, b));
    }

    @Nested
    @DisplayName("momentum")
    class Momentum {

        @Test
        void votesLongInARise_shortInAFall_andNothingBeforeWarmUp() {
            MomentumModel up = new MomentumModel(1);
            List<Bar> rise = TestBars.fromCloses("X", TestBars.drift(60, 100, 0.2, 0.05, 1), 0.0005);
            feed(up, rise.subList(0, 25));
            assertEquals(0, up.vote(0), 0, "before 26 bars");
            assertEquals(0, up.confidence(0), 0);
            feed(up, rise.subList(25, 60));
            assertTrue(up.vote(0) > 0.5, "vote " + up.vote(0));
            assertTrue(up.confidence(0) > 0.5);
            MomentumModel down = new MomentumModel(1);
            feed(down, TestBars.fromCloses("X", TestBars.drift(60, 100, -0.2, 0.05, 1), 0.0005));
            assertTrue(down.vote(0) < -0.5, "vote " + down.vote(0));
            Map<String, Double> ind = new HashMap<>();
            up.describe(0, ind);
            assertTrue(ind.get("momentum.fastEma") > ind.get("momentum.slowEma"));
        }
    }

    @Nested
    @DisplayName("mean reversion")
    class MeanReversion {

        @Test
        void votesShortTwoDeviationsAboveTheMean_andLongBelow() {
            MeanReversionModel m = new MeanReversionModel(1);
            double[] closes = TestBars.noisySine(40, 100, 1, 10, 0.1, 2);
            closes[39] = 110;
            feed(m, TestBars.fromCloses("X", closes, 0.0001));
            assertEquals(-1, m.vote(0), 0, "far above the mean");
            assertEquals(1, m.confidence(0), 0);
            MeanReversionModel below = new MeanReversionModel(1);
            closes[39] = 90;
            feed(below, TestBars.fromCloses("X", closes, 0.0001));
            assertEquals(1, below.vote(0), 0);
        }

        @Test
        void aPerfectlyFlatSeries_votesZero_notNaN() {
            MeanReversionModel m = new MeanReversionModel(1);
            feed(m, TestBars.fromCloses("X", TestBars.drift(30, 100, 0, 0, 1), 0));
            assertEquals(0, m.vote(0), 0);
            assertEquals(0, m.confidence(0), 0);
        }
    }

    @Nested
    @DisplayName("breakout")
    class Breakout {

        @Test
        void votesLongOnABreakAboveTheChannelWithExpandingVolatility_thenFades() {
            BreakoutModel m = new BreakoutModel(1);
            double[] closes = TestBars.flatThenJump(40, 3, 100, 0.02, 3);
            List<Bar> bars = TestBars.fromCloses("X", closes, 0.0001);
            feed(m, bars.subList(0, 41));
            assertTrue(m.vote(0) >= 0.5, "vote on the jump " + m.vote(0));
            assertTrue(m.confidence(0) >= 0.5);
            double atJump = m.vote(0);
            Bar jump = bars.get(40);
            double inside = jump.close() - 0.01; // below the jump bar's high, now the channel's top
            m.onBar(0, new Bar("X", jump.endMillis(), jump.endMillis() + 60_000, inside, inside + 0.005, inside - 0.005,
                    inside, 1, 1));
            assertTrue(m.vote(0) < atJump, "fades without a new breakout");
        }

        @Test
        void aBreakWithoutVolatilityExpansion_isIgnored() {
            BreakoutModel m = new BreakoutModel(1, new BreakoutModel.Config(20, 5, 20, 50, 0.8));
            feed(m, TestBars.fromCloses("X", TestBars.flatThenJump(40, 3, 100, 0.02, 3), 0.0001));
            assertEquals(0, m.vote(0), 0);
        }
    }
}

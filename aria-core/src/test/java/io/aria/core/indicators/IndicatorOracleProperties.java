package io.aria.core.indicators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.ta4j.core.Indicator;
import org.ta4j.core.num.Num;

/**
 * Every streaming indicator against two independent oracles on thousands of random series: a
 * plain batch recomputation from the definition, and ta4j (DoubleNum) on the same bars. Values
 * agree to 1e-9 (absolute, on prices from about 1 to a few thousand) at every index; against
 * ta4j's SMA and standard deviation from the first full window (partial windows are not
 * compared), and for the efficiency ratio, which ta4j only offers inside KAMA, against ta4j's
 * building blocks once {@code period} changes exist.
 */
class IndicatorOracleProperties {

    private static final double TOLERANCE = 1e-9;

    static void assertClose(double expected, double actual, String what, int index) {
        assertTrue(Math.abs(expected - actual) <= TOLERANCE,
                () -> what + " at index " + index + ": expected " + expected + ", streaming gave " + actual);
    }

    private static double ta4j(Indicator<Num> indicator, int index) {
        return indicator.getValue(index).doubleValue();
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("EMA matches the batch recomputation and ta4j's EMAIndicator at every index")
    void ema(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int period,
            @ForAll @IntRange(min = 1, max = 300) int length) {
        RandomSeries s = RandomSeries.generate(seed, length);
        Indicator<Num> oracle = new Ta4jOracle(s).ema(period);
        Ema ema = new Ema(period);
        for (int i = 0; i < length; i++) {
            double v = ema.update(s.close()[i]);
            assertClose(BatchOracle.ema(s.close(), period, i), v, "batch ema", i);
            assertClose(ta4j(oracle, i), v, "ta4j ema", i);
            assertTrue(ema.isReady() == (i + 1 >= period), "ready after period values");
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("rolling mean and deviation match the batch recomputation and ta4j's SMA and StandardDeviation")
    void rollingStats(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int window,
            @ForAll @IntRange(min = 1, max = 400) int length) {
        RandomSeries s = RandomSeries.generate(seed, length);
        Ta4jOracle t = new Ta4jOracle(s);
        Indicator<Num> sma = t.sma(window);
        Indicator<Num> sd = t.stdDev(window);
        RollingStats stats = new RollingStats(window);
        for (int i = 0; i < length; i++) {
            stats.update(s.close()[i]);
            assertClose(BatchOracle.mean(s.close(), window, i), stats.mean(), "batch mean", i);
            assertClose(BatchOracle.stdDev(s.close(), window, i), stats.stdDev(), "batch stddev", i);
            if (i + 1 >= window) {
                assertClose(ta4j(sma, i), stats.mean(), "ta4j sma", i);
                assertClose(ta4j(sd, i), stats.stdDev(), "ta4j stddev", i);
            }
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("Wilder ATR matches the batch recomputation and ta4j's ATRIndicator at every index")
    void atr(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int period,
            @ForAll @IntRange(min = 1, max = 300) int length) {
        RandomSeries s = RandomSeries.generate(seed, length);
        Indicator<Num> oracle = new Ta4jOracle(s).atr(period);
        AverageTrueRange atr = new AverageTrueRange(period);
        for (int i = 0; i < length; i++) {
            double v = atr.update(s.high()[i], s.low()[i], s.close()[i]);
            assertClose(BatchOracle.atr(s, period, i), v, "batch atr", i);
            assertClose(ta4j(oracle, i), v, "ta4j atr", i);
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("Donchian channel matches the batch recomputation and ta4j's Highest/LowestValueIndicator")
    void donchian(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int window,
            @ForAll @IntRange(min = 1, max = 300) int length) {
        RandomSeries s = RandomSeries.generate(seed, length);
        Ta4jOracle t = new Ta4jOracle(s);
        Indicator<Num> hi = t.highest(window);
        Indicator<Num> lo = t.lowest(window);
        DonchianChannel ch = new DonchianChannel(window);
        for (int i = 0; i < length; i++) {
            ch.update(s.high()[i], s.low()[i]);
            assertClose(BatchOracle.highest(s.high(), window, i), ch.upper(), "batch upper", i);
            assertClose(BatchOracle.lowest(s.low(), window, i), ch.lower(), "batch lower", i);
            assertClose(ta4j(hi, i), ch.upper(), "ta4j upper", i);
            assertClose(ta4j(lo, i), ch.lower(), "ta4j lower", i);
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("rolling extremes agree with the batch recomputation on series with many ties")
    void extremesWithTies(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int window,
            @ForAll @IntRange(min = 1, max = 200) int length) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = r.nextInt(5);
        }
        RollingExtreme max = RollingExtreme.max(window);
        RollingExtreme min = RollingExtreme.min(window);
        for (int i = 0; i < length; i++) {
            assertClose(BatchOracle.highest(x, window, i), max.update(x[i]), "max", i);
            assertClose(BatchOracle.lowest(x, window, i), min.update(x[i]), "min", i);
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.OFF)
    @Label("efficiency ratio matches the batch recomputation, and ta4j's parts once the window is full")
    void efficiencyRatio(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int period,
            @ForAll @IntRange(min = 2, max = 300) int length) {
        RandomSeries s = RandomSeries.generate(seed, length);
        Ta4jOracle t = new Ta4jOracle(s);
        EfficiencyRatio er = new EfficiencyRatio(period);
        for (int i = 0; i < length; i++) {
            double v = er.update(s.close()[i]);
            assertTrue(v >= 0 && v <= 1, "ratio in [0, 1]");
            assertClose(BatchOracle.efficiencyRatio(s.close(), period, i), v, "batch efficiency ratio", i);
            if (i >= period) {
                assertClose(t.efficiencyRatio(period, i), v, "ta4j efficiency ratio", i);
            }
        }
    }
}

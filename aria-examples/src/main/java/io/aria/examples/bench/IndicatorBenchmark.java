package io.aria.examples.bench;

import io.aria.core.indicators.AverageTrueRange;
import io.aria.core.indicators.DonchianChannel;
import io.aria.core.indicators.EfficiencyRatio;
import io.aria.core.indicators.Ema;
import io.aria.core.indicators.RollingStats;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceDifferenceIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.CombineIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.indicators.helpers.RunningTotalIndicator;
import org.ta4j.core.indicators.helpers.TransformIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * One streaming update of an indicator, ARIA against ta4j 0.17 on the same seeded bars with the
 * same periods.
 *
 * <ul>
 * <li>{@code aria}: the ARIA indicator's {@code update} with the bar's prices, then its value(s).</li>
 * <li>{@code ta4j}: how a streaming ta4j user gets the same value: add the bar to a
 * {@link BarSeries} with a maximum bar count (DoubleNum, the fast number type) and read the
 * indicator at the end index.</li>
 * <li>{@code ta4jBarOnly} (indicator {@code none}): adding the bar alone, the floor of the ta4j
 * figures.</li>
 * </ul>
 *
 * <p>The efficiency ratio has no ta4j indicator of its own; it is assembled from ta4j parts:
 * |close &minus; close n bars ago| / running total of |close &minus; previous close| over n bars
 * (the change from {@code ClosePriceDifferenceIndicator}, which is 0 at the first bar, so the
 * running total does not start from a NaN). The Donchian channel reads both ta4j bands (highest high, lowest
 * low); ARIA updates both in one call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndicatorBenchmark {

    /** The indicators, in the order the part reports them. */
    static final String[] INDICATORS = {"ema", "atr", "donchian", "er", "stddev"};
    static final int EMA_PERIOD = 20;
    static final int ATR_PERIOD = 14;
    static final int DONCHIAN_WINDOW = 20;
    static final int ER_PERIOD = 10;
    static final int STDDEV_WINDOW = 20;
    /** ta4j keeps this many bars; more than every period, as a streaming user would set it. */
    static final int MAX_BARS = 256;
    /** The agreement check compares values from this bar on, past every period's warm-up. */
    static final int CHECK_FROM = 128;
    static final long SEED = 13L;
    static final int SERIES = 1 << 16;
    static final int MASK = SERIES - 1;
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** UTC as a region: its rules are cached, where {@code ZoneOffset.UTC.getRules()} builds new ones on every call. */
    static final ZonedDateTime START = ZonedDateTime.of(2025, 3, 3, 0, 0, 0, 0, ZoneId.of("UTC"));

    /** Seeded minute bars: a log random walk with a high and a low around open and close. */
    static final class Bars {
        final double[] open = new double[SERIES];
        final double[] high = new double[SERIES];
        final double[] low = new double[SERIES];
        final double[] close = new double[SERIES];

        Bars(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double p = 1.1;
            for (int i = 0; i < SERIES; i++) {
                double o = p;
                double c = o * Math.exp(0.0008 * r.nextGaussian());
                open[i] = o;
                close[i] = c;
                high[i] = Math.max(o, c) * (1 + 0.0004 * r.nextDouble());
                low[i] = Math.min(o, c) * (1 - 0.0004 * r.nextDouble());
                p = c;
            }
        }
    }

    /** One indicator fed bar by bar; returns its value(s) summed (the ratio for the efficiency ratio). */
    interface Updater {
        double update(Bars b, int i);
    }

    /**
     * @param which one of {@link #INDICATORS}
     * @return the ARIA indicator as an updater (a lambda per indicator, so the measured call does no
     *         dispatch on the name)
     */
    static Updater aria(String which) {
        switch (which) {
            case "ema": {
                Ema ema = new Ema(EMA_PERIOD);
                return (b, i) -> ema.update(b.close[i]);
            }
            case "atr": {
                AverageTrueRange atr = new AverageTrueRange(ATR_PERIOD);
                return (b, i) -> atr.update(b.high[i], b.low[i], b.close[i]);
            }
            case "donchian": {
                DonchianChannel d = new DonchianChannel(DONCHIAN_WINDOW);
                return (b, i) -> {
                    d.update(b.high[i], b.low[i]);
                    return d.upper() + d.lower();
                };
            }
            case "er": {
                EfficiencyRatio er = new EfficiencyRatio(ER_PERIOD);
                return (b, i) -> er.update(b.close[i]);
            }
            case "stddev": {
                RollingStats stats = new RollingStats(STDDEV_WINDOW);
                return (b, i) -> {
                    stats.update(b.close[i]);
                    return stats.stdDev();
                };
            }
            default:
                throw new IllegalArgumentException("indicator must be one of ema, atr, donchian, er, stddev, was '"
                        + which + "'");
        }
    }

    /** The same indicator on a ta4j series with a maximum bar count. */
    static final class Ta4j {
        final BarSeries series = new BaseBarSeriesBuilder().withName("bench").withNumTypeOf(DoubleNum.class)
                .withMaxBarCount(MAX_BARS).build();
        final Indicator<Num> first;
        final Indicator<Num> second;
        long minutes;

        Ta4j(String which) {
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            switch (which) {
                case "ema" -> {
                    first = new EMAIndicator(close, EMA_PERIOD);
                    second = null;
                }
                case "atr" -> {
                    first = new ATRIndicator(series, ATR_PERIOD);
                    second = null;
                }
                case "donchian" -> {
                    first = new HighestValueIndicator(new HighPriceIndicator(series), DONCHIAN_WINDOW);
                    second = new LowestValueIndicator(new LowPriceIndicator(series), DONCHIAN_WINDOW);
                }
                case "er" -> {
                    // net move and path length, as Kaufman defines them; the ratio is taken in update
                    first = TransformIndicator.abs(CombineIndicator.minus(close, new PreviousValueIndicator(close, ER_PERIOD)));
                    // ClosePriceDifferenceIndicator is 0 at the first bar: a NaN there would poison the running total
                    second = new RunningTotalIndicator(TransformIndicator.abs(new ClosePriceDifferenceIndicator(series)),
                            ER_PERIOD);
                }
                case "stddev" -> {
                    first = new StandardDeviationIndicator(close, STDDEV_WINDOW);
                    second = null;
                }
                case "none" -> {
                    first = null;
                    second = null;
                }
                default -> throw new IllegalArgumentException("indicator must be one of ema, atr, donchian, er, stddev, none, was '"
                        + which + "'");
            }
        }

        /** Adds the bar, then reads the indicator at the end index, as a streaming ta4j user does. */
        double update(Bars b, int i) {
            series.addBar(MINUTE, START.plusMinutes(++minutes), b.open[i], b.high[i], b.low[i], b.close[i], 1.0);
            if (first == null) {
                return 0;
            }
            int end = series.getEndIndex();
            double v = first.getValue(end).doubleValue();
            if (second == null) {
                return v;
            }
            double w = second.getValue(end).doubleValue();
            if (second instanceof RunningTotalIndicator) {
                return w > 0 ? v / w : 0; // the efficiency ratio
            }
            return v + w;
        }
    }

    /** What one benchmark invocation works on. */
    @State(Scope.Thread)
    public static class Subject {
        @Param({"ema", "atr", "donchian", "er", "stddev"})
        public String indicator;

        Bars bars;
        Updater aria;
        Ta4j ta4j;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            bars = new Bars(SEED);
            aria = aria(indicator);
            ta4j = new Ta4j(indicator);
            next = 0;
        }
    }

    /** A ta4j series and no indicator: the cost of adding the bar alone. */
    @State(Scope.Thread)
    public static class BarOnly {
        Bars bars;
        Ta4j ta4j;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            bars = new Bars(SEED);
            ta4j = new Ta4j("none");
            next = 0;
        }
    }

    @Benchmark
    public double aria(Subject s) {
        return s.aria.update(s.bars, s.next++ & MASK);
    }

    @Benchmark
    public double ta4j(Subject s) {
        return s.ta4j.update(s.bars, s.next++ & MASK);
    }

    @Benchmark
    public double ta4jBarOnly(BarOnly s) {
        return s.ta4j.update(s.bars, s.next++ & MASK);
    }

    /**
     * Checks, before anything is measured, that ARIA and ta4j compute the same values on the same
     * bars: from bar {@link #CHECK_FROM} on, every value within 1e-9 relative (1e-12 absolute).
     *
     * @param which one of {@link #INDICATORS}
     * @param bars  number of bars to compare, &gt; {@link #MAX_BARS} so ta4j drops bars on the way
     * @return the number of values compared
     * @throws IllegalStateException naming the indicator, the bar and both values at the first disagreement
     */
    static int checkAgreement(String which, int bars) {
        Bars b = new Bars(SEED);
        Updater a = aria(which);
        Ta4j t = new Ta4j(which);
        int compared = 0;
        for (int i = 0; i < bars; i++) {
            double x = a.update(b, i & MASK);
            double y = t.update(b, i & MASK);
            if (i < CHECK_FROM) {
                continue; // both warm up; ta4j's short-window conventions before a full window differ a little
            }
            double tol = 1e-12 + 1e-9 * Math.max(Math.abs(x), Math.abs(y));
            if (!(Math.abs(x - y) <= tol)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "indicator %s disagrees at bar %d: ARIA %.15g, ta4j %.15g", which, i, x, y));
            }
            compared++;
        }
        return compared;
    }
}

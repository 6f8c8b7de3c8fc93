package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aria.analytics.internal.LeanStats;
import io.aria.core.ClosedTrade;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The analytics keep their figures incrementally (one fill, one sample, one trade at a time); a
 * batch recomputation over the same history, written here independently of the incremental code,
 * must give the same figures.
 */
class StatisticsProperties {

    record Sample(long t, double equity, double bench) {
    }

    static List<Sample> history(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        long t = T0;
        double e = 100_000;
        double b = 4_000;
        for (int i = 0; i < n; i++) {
            // gaps from a second to three days, so some days have no sample (weekends)
            t += rnd.nextInt(10) == 0 ? rnd.nextLong(86_400_000L, 3 * 86_400_000L) : rnd.nextLong(1000, 6 * 3_600_000L);
            e *= 1 + rnd.nextDouble(-0.01, 0.0105);
            b *= 1 + rnd.nextDouble(-0.01, 0.0102);
            out.add(new Sample(t, e, b));
        }
        return out;
    }

    @Property(tries = 60)
    void dailyFiguresEqualABatchRecomputation(@ForAll long seed, @ForAll @IntRange(min = 30, max = 400) int n) {
        List<Sample> h = history(seed, n);
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().benchmark("SPX500").minDailyReturns(2).build();
        for (Sample s : h) {
            a.onTick(new Tick("SPX500", s.t(), s.bench() - 0.5, s.bench() + 0.5, 1));
            a.onEquity(s.equity(), s.t());
        }
        double end = h.get(h.size() - 1).equity();
        Statistics inc = a.statistics(end);

        // batch: the last sample of each UTC day is its close; the first sample is the start
        Map<Long, double[]> days = new LinkedHashMap<>();
        for (Sample s : h) {
            days.put(Math.floorDiv(s.t(), 86_400_000L), new double[] {s.equity(), s.bench()});
        }
        int d = days.size();
        double[] r = new double[d];
        double[] br = new double[d];
        double prev = h.get(0).equity();
        double prevB = h.get(0).bench();
        int i = 0;
        double peak = prev;
        double worst = 0;
        for (double[] c : days.values()) {
            r[i] = c[0] / prev - 1;
            br[i] = c[1] / prevB - 1;
            prev = c[0];
            prevB = c[1];
            peak = Math.max(peak, c[0]);
            worst = Math.max(worst, 1 - c[0] / peak);
            i++;
        }
        assertEquals(d, inc.dailyReturns());
        if (d >= 2) {
            double mean = 0;
            for (double x : r) {
                mean += x;
            }
            mean /= d;
            double ss = 0;
            for (double x : r) {
                ss += (x - mean) * (x - mean);
            }
            double annualSd = Math.sqrt(ss / (d - 1) * 252);
            assertEquals(ss / (d - 1) * 252, inc.value("Annual Variance"), 1e-12);
            if (annualSd > 0) {
                assertEquals((Math.pow(1 + mean, 252) - 1) / annualSd, inc.value("Sharpe Ratio"),
                        1e-9 * Math.max(1, Math.abs(inc.value("Sharpe Ratio"))));
            }
            assertEquals(LeanStats.beta(r, br), inc.value("Beta"), 1e-9);
        }
        assertEquals(worst, inc.value("Drawdown"), 1e-12);
        assertEquals(end / h.get(0).equity() - 1, inc.value("Net Profit"), 1e-12);
        String json = a.report(Fixtures.flat(end)).toJson();
        assertFalse(json.contains("NaN") || json.contains("Infinity") || json.contains("-0.0,"));
    }

    @Property(tries = 100)
    void tradeFiguresEqualABatchRecomputation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        a.onEquity(50_000, T0);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextInt(8) == 0 ? 0 : Math.rint(rnd.nextDouble(-500, 520) * 100) / 100;
            a.onTradeClosed(new ClosedTrade("EURUSD", Side.BUY, 1, 1, T0, 1.1, T0 + 1, 1.1, p[i], 1, 0, 0,
                    ClosedTrade.ExitReason.SIGNAL, false, "",
                    Fixtures.decision(i % 2 == 0 ? Regime.TREND : Regime.RANGE, "A", 0.6, "B", 0.4)));
        }
        // batch, LEAN's way: shares of the running capital, a zero is a loss
        double cap = 50_000;
        double winSum = 0;
        double lossSum = 0;
        int wins = 0;
        int losses = 0;
        int run = 0;
        int maxW = 0;
        int maxL = 0;
        double gp = 0;
        double gl = 0;
        for (double x : p) {
            if (x > 0) {
                wins++;
                winSum += x / cap;
                gp += x;
                run = run > 0 ? run + 1 : 1;
                maxW = Math.max(maxW, run);
            } else {
                losses++;
                lossSum += x / cap;
                gl -= x;
                run = run < 0 ? run - 1 : -1;
                maxL = Math.max(maxL, -run);
            }
            cap += x;
        }
        Statistics s = a.statistics(Double.NaN);
        assertEquals((double) wins / n, s.value("Win Rate"), 1e-15);
        assertEquals((double) losses / n, s.value("Loss Rate"), 1e-15);
        if (wins > 0) {
            assertEquals(winSum / wins, s.value("Average Win"), 1e-15);
        }
        if (losses > 0) {
            assertEquals(lossSum / losses, s.value("Average Loss"), 1e-15);
        }
        assertEquals(maxW, s.value("Max Consecutive Wins"));
        assertEquals(maxL, s.value("Max Consecutive Losses"));
        if (gl > 0) {
            assertEquals(gp / gl, s.value("Profit Factor"), 1e-12);
        }
        double total = 0;
        for (AttributionLine l : a.attributionByModel()) {
            total += l.profit();
        }
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        assertEquals(sum, total, 1e-6, "the models' parts add up to the trades' profit");
        double regimes = 0;
        for (AttributionLine l : a.attributionByRegime()) {
            regimes += l.profit();
        }
        assertEquals(sum, regimes, 1e-6);
        assertEquals(n, a.closedTrades().size());
    }
}

package io.aria.analytics;

import static io.aria.analytics.Fixtures.MINUTE;
import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.analytics.PerformanceReport.Drawdown;
import io.aria.analytics.PerformanceReport.TradeStats;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PerformanceTest {

    static final double MINUTES_PER_YEAR = 365 * 24 * 60;

    static HedgeFundAnalytics feed(double... equityEachMinute) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        for (int i = 0; i < equityEachMinute.length; i++) {
            a.onEquity(equityEachMinute[i], T0 + i * MINUTE);
        }
        return a;
    }

    @Nested
    @DisplayName("ratios on the series 100, 110, 99, 99, 118.8 (returns +10%, -10%, 0, +20%)")
    class Ratios {
        final PerformanceReport p = feed(100, 110, 99, 99, 118.8).performance();

        @Test
        void totalAndAnnualisedReturn() {
            assertEquals(0.188, p.totalReturn(), 1e-12);
            assertEquals(4, p.returns());
            assertEquals(MINUTES_PER_YEAR, p.periodsPerYear(), 1e-6);
            assertEquals(0.05 * MINUTES_PER_YEAR, p.annualisedReturn(), 1e-6, "mean 5% per minute");
        }

        @Test
        void volatilityAndSharpe_useTheSampleStandardDeviation() {
            double sd = Math.sqrt((0.0025 + 0.0225 + 0.0025 + 0.0225) / 3); // deviations .05 -.15 -.05 .15
            assertEquals(sd * Math.sqrt(MINUTES_PER_YEAR), p.annualisedVolatility(), 1e-9);
            assertEquals(0.05 / sd * Math.sqrt(MINUTES_PER_YEAR), p.sharpe(), 1e-6);
        }

        @Test
        void sortino_dividesByTheDownsideDeviationOverAllReturns() {
            // only -10% is below 0: sqrt(0.01 / 4) = 0.05, so the ratio is mean / 0.05 = 1 per period
            assertEquals(Math.sqrt(MINUTES_PER_YEAR), p.sortino(), 1e-6);
        }

        @Test
        void drawdown_fromTheFirstPeakToTheTrough_recoveredAtTheLastPoint() {
            Drawdown d = p.maxDrawdown();
            assertEquals(11, d.value(), 1e-9);
            assertEquals(0.1, d.share(), 1e-12);
            assertEquals(T0 + MINUTE, d.peakMillis());
            assertEquals(T0 + 2 * MINUTE, d.troughMillis());
            assertTrue(d.recovered());
            assertEquals(T0 + 4 * MINUTE, d.recoveryMillis());
            assertEquals(0.05 * MINUTES_PER_YEAR / 0.1, p.calmar(), 1e-3);
        }

        @Test
        void riskFreeRate_isSubtractedPerPeriod() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().riskFreeRate(0.05).build();
            double[] eq = {100, 110, 99, 99, 118.8};
            for (int i = 0; i < eq.length; i++) {
                a.onEquity(eq[i], T0 + i * MINUTE);
            }
            double rf = 0.05 / MINUTES_PER_YEAR;
            double[] r = {0.1, -0.1, 0, 0.2};
            double sd = Math.sqrt((0.0025 + 0.0225 + 0.0025 + 0.0225) / 3);
            double down = 0;
            for (double x : r) {
                down += Math.min(0, x - rf) * Math.min(0, x - rf);
            }
            down = Math.sqrt(down / r.length);
            PerformanceReport q = a.performance();
            assertEquals((0.05 - rf) / sd * Math.sqrt(MINUTES_PER_YEAR), q.sharpe(), 1e-6);
            assertEquals((0.05 - rf) / down * Math.sqrt(MINUTES_PER_YEAR), q.sortino(), 1e-6);
        }
    }

    @Nested
    @DisplayName("resampling")
    class Resampling {
        @Test
        void theLastSampleOfEachMinuteIsItsPoint_andDrawdownSeesEverySample() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onEquity(100, T0);
            a.onEquity(80, T0 + 10_000); // a dip inside the first minute
            a.onEquity(100, T0 + 59_000);
            a.onEquity(105, T0 + MINUTE);
            PerformanceReport p = a.performance();
            assertEquals(1, p.returns());
            assertEquals(0.05 * MINUTES_PER_YEAR, p.annualisedReturn(), 1e-6);
            assertEquals(0.2, p.maxDrawdown().share(), 1e-12);
            assertEquals(T0 + 10_000, p.maxDrawdown().troughMillis());
            assertEquals(T0 + 59_000, p.maxDrawdown().recoveryMillis());
        }

        @Test
        void memoryIsBounded_theIntervalDoublesWhenFull() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().maxPoints(16).build();
            for (int i = 0; i < 100; i++) {
                a.onEquity(1000 + i, T0 + i * MINUTE);
            }
            PerformanceReport p = a.performance();
            // 100 minutes fit in 16 points once the interval is 8 minutes (13 points)
            assertEquals(8 * MINUTE, p.intervalMillis());
            assertEquals(MINUTES_PER_YEAR / 8, p.periodsPerYear(), 1e-9);
            assertTrue(p.returns() <= 15, "returns " + p.returns());
            assertEquals(1099.0 / 1000 - 1, p.totalReturn(), 1e-12, "total return uses the raw first and last samples");
        }

        @Test
        void samplesGoingBackInTime_orNotFinite_areIgnored() {
            HedgeFundAnalytics a = feed(100, 110);
            a.onEquity(50, T0);
            a.onEquity(Double.NaN, T0 + 5 * MINUTE);
            PerformanceReport p = a.performance();
            assertEquals(110, p.endEquity());
            assertEquals(0, p.maxDrawdown().share());
        }

        @Test
        void anUnrecoveredDrawdownSaysSo() {
            Drawdown d = feed(100, 120, 90, 100).performance().maxDrawdown();
            assertEquals(0.25, d.share(), 1e-12);
            assertFalse(d.recovered());
            assertEquals(0, d.recoveryMillis());
        }
    }

    @Nested
    @DisplayName("trades")
    class Trades {
        @Test
        void figuresOverClosedTrades() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            for (double profit : new double[] {10, -5, 0, 20, -15}) {
                a.onTradeClosed("EURUSD", Fixtures.decision(io.aria.core.Regime.TREND, "m", 1.0), profit, T0);
            }
            TradeStats t = a.performance().trades();
            assertEquals(new TradeStats(5, 2, 2, 0.4, 10, 30, 20, 1.5, 15, -10, 2, 20, -15), t);
        }

        @Test
        void withoutLosses_theProfitFactorIsZero_andGrossLossTellsWhy() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onTradeClosed("EURUSD", Fixtures.decision(io.aria.core.Regime.TREND, "m", 1.0), 7, T0);
            TradeStats t = a.performance().trades();
            assertEquals(0, t.profitFactor());
            assertEquals(0, t.grossLoss());
            assertEquals(0, t.averageLoss());
            assertEquals(1, t.winRate());
        }
    }

    @Nested
    @DisplayName("an empty run")
    class Empty {
        @Test
        void reportsZeros() {
            PerformanceReport p = HedgeFundAnalytics.builder().build().performance();
            assertEquals(new PerformanceReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, MINUTE, MINUTES_PER_YEAR, 0,
                    new Drawdown(0, 0, 0, 0, false, 0), new TradeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), p);
        }

        @Test
        void oneSample_hasNoRatios() {
            PerformanceReport p = feed(100).performance();
            assertEquals(100, p.startEquity());
            assertEquals(0, p.sharpe());
            assertEquals(0, p.annualisedVolatility());
        }

        @Test
        void aFlatCurve_hasZeroSharpeRatherThanNaN() {
            PerformanceReport p = feed(100, 100, 100).performance();
            assertEquals(0, p.sharpe());
            assertEquals(0, p.sortino());
            assertEquals(0, p.calmar());
        }
    }

    @Test
    void builderRejectsBadOptions_namingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HedgeFundAnalytics.builder().maxPoints(3).build())
                .getMessage().contains("maxPoints"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HedgeFundAnalytics.builder().riskFreeRate(Double.NaN).build()).getMessage().contains("riskFreeRate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> HedgeFundAnalytics.builder().resampleInterval(Duration.ZERO).build()).getMessage()
                .contains("resampleInterval"));
    }
}

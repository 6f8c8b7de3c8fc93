package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ClosedTrade;
import io.aria.core.Decision;
import io.aria.core.Regime;
import io.aria.core.Side;
import io.aria.core.Tick;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Known answers for LEAN's statistics on a constructed run: five daily closes whose returns are
 * +2%, -2%, +3%, -1%, +1% from 100,000, a benchmark (SPX500, buy and hold) returning +1%, -1%, +2%,
 * 0, +0.5% from 100, and five closed trades of +2,000, -1,000, 0, +500, -1,500. The expected values
 * are LEAN's formulas worked by hand on these numbers (the PSR, beta and the benchmark ratios with a
 * calculator, to 1e-9).
 */
class LeanStatisticsTest {

    static final long DAY = 86_400_000L;
    static final double[] R = {0.02, -0.02, 0.03, -0.01, 0.01};
    static final double[] CLOSES = {102_000, 99_960, 102_958.8, 101_929.212, 102_948.50412};
    static final double[] BENCH = {101.0, 99.99, 101.9898, 101.9898, 102.499749};
    static final double[] PROFITS = {2000, -1000, 0, 500, -1500};

    static Decision entry() {
        return Fixtures.decision(Regime.TREND, "A", 0.75, "B", 0.25);
    }

    static ClosedTrade trade(String symbol, double profit, long exit, Decision d) {
        return new ClosedTrade(symbol, Side.BUY, 1, 1.0, exit - 60_000, 1.1, exit, 1.1, profit, 60_000, 10, 20,
                ClosedTrade.ExitReason.SIGNAL, false, "", d);
    }

    static HedgeFundAnalytics run(HedgeFundAnalytics.Builder b) {
        HedgeFundAnalytics a = b.build();
        a.onTick(new Tick("SPX500", T0, 99.99, 100.01, 1));
        a.onEquity(100_000, T0);
        for (int k = 0; k < 5; k++) {
            long t = T0 + k * DAY + 13 * 3_600_000L; // 23:00 UTC, before the 00:00 close
            a.onTick(new Tick("SPX500", t, BENCH[k] - 0.01, BENCH[k] + 0.01, 1));
            a.onTradeClosed(trade("EURUSD", PROFITS[k], t - 1000, entry()));
            a.onEquity(CLOSES[k], t);
        }
        a.onExecution(Fixtures.fill("EURUSD", 0, 0), null); // one lot of EURUSD at 1.1 on the last day
        return a;
    }

    static Statistics stats() {
        return run(HedgeFundAnalytics.builder().benchmark("SPX500").minDailyReturns(2).feePerLot(3.5))
                .statistics(CLOSES[4]);
    }

    static double mean() {
        double s = 0;
        for (double r : R) {
            s += r;
        }
        return s / R.length; // 0.006
    }

    @Nested
    @DisplayName("portfolio figures on five daily returns")
    class Portfolio {
        final Statistics s = stats();

        @Test
        void returnsAreTakenAtTheDailyClose() {
            assertEquals(5, s.dailyReturns());
        }

        @Test
        void startEndNetProfit() {
            assertEquals(100_000, s.value("Start Equity"), 1e-9);
            assertEquals(CLOSES[4], s.value("End Equity"), 1e-9);
            assertEquals(CLOSES[4] / 100_000 - 1, s.value("Net Profit"), 1e-12);
            assertEquals(CLOSES[4] / 100_000 - 1, s.value("Total Return"), 1e-12);
        }

        @Test
        void annualVarianceAndStandardDeviation() {
            // deviations from 0.006: .014 -.026 .024 -.016 .004; squares sum 0.00172; / 4 = 0.00043
            assertEquals(0.00043 * 252, s.value("Annual Variance"), 1e-12);
            assertEquals(Math.sqrt(0.00043 * 252), s.value("Annual Standard Deviation"), 1e-12);
        }

        @Test
        void sharpeIsLeansGeometricAnnualPerformanceOverAnnualDeviation() {
            double annual = Math.pow(1 + mean(), 252) - 1;
            assertEquals(annual / Math.sqrt(0.00043 * 252), s.value("Sharpe Ratio"), 1e-9);
            assertEquals(10.679076948369142, s.value("Sharpe Ratio"), 1e-9);
        }

        @Test
        void sortinoUsesTheSampleDeviationOfTheLosingDaysOnly() {
            // losing days -0.02, -0.01: mean -0.015, sample variance 0.00005
            double annual = Math.pow(1 + mean(), 252) - 1;
            assertEquals(annual / Math.sqrt(0.00005 * 252), s.value("Sortino Ratio"), 1e-9);
        }

        @Test
        void probabilisticSharpeAgainstAnAnnualSharpeOfOne() {
            // SR 0.28934569, skew -0.23551394, excess kurtosis -1.96322336 (MathNet's), SR* = 1/sqrt(252)
            assertEquals(0.6741217547660763, s.value("Probabilistic Sharpe Ratio"), 1e-6);
        }

        @Test
        void compoundingAnnualReturnOverTheCalendarSpan() {
            double years = (4 * DAY + 13 * 3_600_000L) / (365.0 * DAY);
            assertEquals(Math.pow(CLOSES[4] / 100_000, 1 / years) - 1, s.value("Compounding Annual Return"), 1e-9);
        }

        @Test
        void drawdownOnDailyClosesAndItsRecovery() {
            assertEquals(0.02, s.value("Drawdown"), 1e-12, "102,000 to 99,960");
            assertEquals(2, s.value("Drawdown Recovery"), "day 1's peak is passed on day 3; day 3's is not regained");
        }

        @Test
        void benchmarkFigures() {
            assertEquals(1.8, s.value("Beta"), 1e-9);
            assertEquals(-1.0105200525500164, s.value("Alpha"), 1e-9);
            assertEquals(0.1626653005407115, s.value("Tracking Error"), 1e-9);
            assertEquals(6.153595511040444, s.value("Information Ratio"), 1e-9);
            assertEquals(1.9529706155047764, s.value("Treynor Ratio"), 1e-9);
        }

        @Test
        void ordersFeesTurnover() {
            assertEquals(1, s.value("Total Orders"));
            assertEquals(3.5, s.value("Total Fees"), 1e-12, "one lot at 3.5 a lot");
            assertEquals(110_000 / CLOSES[4] / 5, s.value("Portfolio Turnover"), 1e-12,
                    "one day traded 110,000 against its close, four days nothing");
        }

        @Test
        void oneDayTailRisk() {
            // five returns: k = ceil(5 * 0.05) = 1, the worst day
            assertEquals(0.02, s.value("Value at Risk 95% (1 day)"), 1e-12);
            assertEquals(0.02, s.value("Expected Shortfall 95% (1 day)"), 1e-12);
        }

        @Test
        void theTableIsInLeansOrder() {
            assertEquals(Statistics.LEAN_ORDER, s.lean().stream().map(Statistic::name).toList());
        }
    }

    @Nested
    @DisplayName("trade figures: +2,000, -1,000, 0, +500, -1,500 from 100,000")
    class Trades {
        final Statistics s = stats();
        // LEAN divides by the running capital: 100,000, 102,000, 101,000, 101,000, 101,500
        final double avgWin = (2000 / 100_000.0 + 500 / 101_000.0) / 2;
        final double avgLoss = (-1000 / 102_000.0 + 0 - 1500 / 101_500.0) / 3;

        @Test
        void averageWinAndLossAreSharesOfTheRunningCapital() {
            assertEquals(avgWin, s.value("Average Win"), 1e-15);
            assertEquals(avgLoss, s.value("Average Loss"), 1e-15);
        }

        @Test
        void aZeroTradeIsALossAsInLean() {
            assertEquals(0.4, s.value("Win Rate"), 1e-15);
            assertEquals(0.6, s.value("Loss Rate"), 1e-15);
        }

        @Test
        void profitLossRatioAndExpectancy() {
            double pl = avgWin / Math.abs(avgLoss);
            assertEquals(pl, s.value("Profit-Loss Ratio"), 1e-12);
            assertEquals(0.4 * pl - 0.6, s.value("Expectancy"), 1e-12);
        }

        @Test
        void profitFactorStreaksAndExcursions() {
            assertEquals(1.0, s.value("Profit Factor"), 1e-15, "2,500 won, 2,500 lost");
            assertEquals(1, s.value("Max Consecutive Wins"));
            assertEquals(2, s.value("Max Consecutive Losses"), "-1,000 then 0");
            assertEquals(10, s.value("Mean MAE"), 1e-12);
            assertEquals(20, s.value("Mean MFE"), 1e-12);
        }
    }

    @Nested
    @DisplayName("attribution of every closed trade by its entry shares")
    class Attribution {
        @Test
        void byModelRegimeClassAndSymbol() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onTradeClosed(trade("EURUSD", 400, T0, Fixtures.decision(Regime.TREND, "A", 0.75, "B", 0.25)));
            a.onTradeClosed(trade("BTCUSD", -100, T0, Fixtures.decision(Regime.RANGE, "B", 1.0)));
            a.onTradeClosed(trade("EURUSD", 50, T0, null));
            List<AttributionLine> m = a.attributionByModel();
            assertEquals(new AttributionLine("A", 1, 1, 300, 300 / 350.0), m.get(0));
            assertEquals(new AttributionLine("(unattributed)", 1, 1, 50, 50 / 350.0), m.get(1));
            assertEquals(new AttributionLine("B", 2, 1, 0, 0), m.get(2), "+100 - 100");
            assertEquals(List.of(new AttributionLine("TREND", 1, 1, 400, 400 / 450.0),
                    new AttributionLine("UNKNOWN", 1, 1, 50, 50 / 450.0), new AttributionLine("RANGE", 1, 0, -100, 0)),
                    a.attributionByRegime());
            assertEquals(List.of(new AttributionLine("FOREX", 2, 2, 450, 1), new AttributionLine("CRYPTO", 1, 0, -100, 0)),
                    a.attributionByAssetClass());
            assertEquals("EURUSD", a.attributionBySymbol().get(0).name());
            ClosedTradeRecord first = a.closedTrades().get(0);
            assertEquals(0.75, first.modelShares().get("A"), 1e-15);
            assertEquals("TREND", first.regime());
            assertEquals(10, first.mae());
        }
    }

    @Nested
    @DisplayName("too little data")
    class TooLittle {
        @Test
        @DisplayName("an 8-hour run: every annualised figure says 'not enough data (1 day)', null in the JSON")
        void eightHours() throws Exception {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            for (int m = 0; m <= 480; m++) {
                a.onEquity(100_000 + (m % 7) * 10 - (m % 3) * 25, T0 + m * 60_000L);
            }
            Statistics s = a.statistics(Double.NaN);
            for (String name : List.of("Sharpe Ratio", "Sortino Ratio", "Probabilistic Sharpe Ratio",
                    "Compounding Annual Return", "Annual Standard Deviation", "Annual Variance")) {
                Statistic x = s.get(name);
                assertNull(x.value(), name);
                assertEquals("not enough data (1 day)", x.reason(), name);
                assertEquals("not enough data (1 day)", x.text(), name);
            }
            assertEquals("no benchmark chosen", s.get("Beta").reason());
            assertTrue(s.get("Sharpe per minute (intraday, not annualised)").known());
            String json = a.report(Fixtures.flat(100_000)).toJson();
            assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
            assertTrue(json.contains("{\"name\":\"Sharpe Ratio\",\"value\":null,\"unit\":\"ratio\","
                    + "\"text\":\"not enough data (1 day)\",\"reason\":\"not enough data (1 day)\"}"), json);
        }

        @Test
        void noTradesSaysSo() {
            Statistics s = HedgeFundAnalytics.builder().build().statistics(Double.NaN);
            assertEquals("no closed trades", s.get("Win Rate").reason());
            assertEquals("no closed trades", s.get("Expectancy").reason());
            assertEquals("no equity sample", s.get("Start Equity").reason());
        }

        @Test
        @DisplayName("no -0.0 anywhere in the JSON")
        void noNegativeZero() {
            HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
            a.onEquity(100_000, T0);
            a.onEquity(100_000, T0 + 60_000);
            a.onTradeClosed(trade("EURUSD", -0.0, T0, entry()));
            String json = a.report(Fixtures.flat(100_000)).toJson();
            assertFalse(json.contains("-0.0"), json);
        }
    }

    @Test
    @DisplayName("the daily close is configurable: 17:00 New York puts 18:00 on the next day")
    void dailyCloseInNewYork() {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().minDailyReturns(2)
                .dailyClose(java.time.ZoneId.of("America/New_York"), java.time.LocalTime.of(17, 0)).build();
        long t = java.time.ZonedDateTime.of(2025, 3, 4, 16, 0, 0, 0, java.time.ZoneId.of("America/New_York"))
                .toInstant().toEpochMilli();
        a.onEquity(100, t);
        a.onEquity(101, t + 3_600_000L); // 17:00: the 5th's session
        a.onEquity(102, t + 2 * 3_600_000L);
        assertEquals(2, a.statistics(Double.NaN).dailyReturns(), "the 4th closed at 100, the 5th at 102");
    }
}

package io.aria.analytics;

import static io.aria.analytics.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.ClosedTrade;
import io.aria.core.Regime;
import io.aria.core.Side;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.criteria.ExpectancyCriterion;
import org.ta4j.core.criteria.ExpectedShortfallCriterion;
import org.ta4j.core.criteria.MaximumDrawdownCriterion;
import org.ta4j.core.criteria.ValueAtRiskCriterion;
import org.ta4j.core.criteria.pnl.ProfitLossRatioCriterion;

/**
 * ta4j's criteria (0.17) on the same equity curve and the same trades agree with ARIA's figures
 * where ta4j defines the same quantity; where the definitions differ, the test pins the documented
 * relation (see aria-analytics/README.md). ta4j 0.17 has no Sharpe or Sortino criterion.
 */
class Ta4jAgreementTest {

    static final long DAY = 86_400_000L;

    /** A 120-day run of random daily returns; each day closes at 12:00 UTC. */
    static double[] closes(long seed, int days) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[days + 1];
        c[0] = 100_000;
        for (int i = 1; i <= days; i++) {
            c[i] = c[i - 1] * (1 + rnd.nextDouble(-0.03, 0.031));
        }
        return c;
    }

    static BarSeries series(double[] c) {
        BarSeries s = new BaseBarSeriesBuilder().withName("equity").build();
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
        for (int i = 0; i < c.length; i++) {
            s.addBar(Duration.ofDays(1), t.plusDays(i + 1), c[i], c[i], c[i], c[i], 1);
        }
        return s;
    }

    static Statistics ours(double[] c) {
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().minDailyReturns(2).build();
        a.onEquity(c[0], T0);
        for (int i = 1; i < c.length; i++) {
            a.onEquity(c[i], T0 + (i - 1) * DAY + 3_600_000L);
        }
        return a.statistics(c[c.length - 1]);
    }

    @Test
    @DisplayName("maximum drawdown, VaR and expected shortfall of the daily equity curve")
    void equityCurve() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] c = closes(seed, 120);
            BarSeries s = series(c);
            TradingRecord hold = new BaseTradingRecord();
            hold.enter(0, s.numOf(c[0]), s.numOf(1));
            hold.exit(c.length - 1, s.numOf(c[c.length - 1]), s.numOf(1));
            Statistics ours = ours(c);

            assertEquals(new MaximumDrawdownCriterion().calculate(s, hold).doubleValue(), ours.value("Drawdown"), 1e-12,
                    "the same quantity: the largest fall from a running peak, as a share");
            // ta4j: the log return at the quantile, negative for a loss; ARIA: the simple-return loss, positive
            for (double conf : new double[] {0.95, 0.99}) {
                String label = Math.round(conf * 100) + "% (1 day)";
                double var = ours.value("Value at Risk " + label);
                double es = ours.value("Expected Shortfall " + label);
                assertEquals(new ValueAtRiskCriterion(conf).calculate(s, hold).doubleValue(), Math.log(1 - var), 1e-9,
                        "VaR " + conf + " seed " + seed);
                double ta4jEs = new ExpectedShortfallCriterion(conf).calculate(s, hold).doubleValue();
                // the same k worst days: ta4j averages their log returns, ARIA their simple returns
                assertEquals(ta4jEs, tailMean(c, conf, true), 1e-9, "ES " + conf + " seed " + seed);
                assertEquals(es, -tailMean(c, conf, false), 1e-12, "ES " + conf + " seed " + seed);
            }
        }
    }

    /** The mean (log or simple) return of the k worst days, k = ceil(n (1 - confidence)). */
    static double tailMean(double[] c, double conf, boolean log) {
        double[] logs = new double[c.length - 1];
        for (int i = 1; i < c.length; i++) {
            logs[i - 1] = log ? Math.log(c[i] / c[i - 1]) : c[i] / c[i - 1] - 1;
        }
        java.util.Arrays.sort(logs);
        int k = (int) Math.max(1, Math.ceil(logs.length * (1 - conf) - 1e-9));
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += logs[i];
        }
        return sum / k;
    }

    @Test
    @DisplayName("profit-loss ratio and expectancy of the same closed trades")
    void trades() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 60;
        double[] px = new double[2 * n];
        HedgeFundAnalytics a = HedgeFundAnalytics.builder().build();
        a.onEquity(100_000, T0);
        double p = 1000;
        for (int k = 0; k < n; k++) {
            double profit = k % 10 == 3 ? 0 : Math.rint(rnd.nextDouble(-50, 60));
            px[2 * k] = p;
            px[2 * k + 1] = p + profit;
            p += 5;
            a.onTradeClosed(new ClosedTrade("EURUSD", Side.BUY, 1, 1, T0, 1.1, T0 + 1, 1.1, profit, 1, 0, 0,
                    ClosedTrade.ExitReason.SIGNAL, false, "", Fixtures.decision(Regime.TREND, "A", 1.0)));
        }
        BarSeries s = series(px);
        TradingRecord r = new BaseTradingRecord();
        for (int k = 0; k < n; k++) {
            r.enter(2 * k, s.numOf(px[2 * k]), s.numOf(1));
            r.exit(2 * k + 1, s.numOf(px[2 * k + 1]), s.numOf(1));
        }
        Statistics ours = a.statistics(Double.NaN);
        double moneyRatio = ours.value("Average Winning Trade") / Math.abs(ours.value("Average Losing Trade"));
        assertEquals(new ProfitLossRatioCriterion().calculate(s, r).doubleValue(), moneyRatio, 1e-9,
                "ta4j's profit-loss ratio is ARIA's average winning over average losing trade, in money;"
                        + " LEAN's divides shares of the running capital");
        assertEquals(new ExpectancyCriterion().calculate(s, r).doubleValue(),
                ours.value("Win Rate") * moneyRatio - ours.value("Loss Rate"), 1e-9,
                "ta4j's expectancy is LEAN's formula (win rate x ratio - loss rate, a zero counted as a loss)"
                        + " with the money ratio");
    }
}

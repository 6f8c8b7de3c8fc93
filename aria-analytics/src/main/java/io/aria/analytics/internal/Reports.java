package io.aria.analytics.internal;

import io.aria.analytics.PerformanceReport;
import io.aria.analytics.PerformanceReport.Drawdown;
import io.aria.analytics.PerformanceReport.TradeStats;
import io.aria.analytics.RiskReport.TailRisk;
import java.util.List;

/** Turns copied state into report records, outside the owner's lock. */
public final class Reports {

    /** Milliseconds in the 365-day year used for annualisation. */
    public static final double YEAR_MILLIS = 365.0 * 24 * 3600 * 1000;

    private Reports() {
    }

    /**
     * @param s            a copy of the equity series
     * @param trades       trade figures
     * @param riskFreeRate annual risk-free rate
     * @return the performance report
     */
    public static PerformanceReport performance(EquitySeries s, TradeStats trades, double riskFreeRate) {
        return performance(s, trades, riskFreeRate, Double.NaN);
    }

    /**
     * @param s            a copy of the equity series
     * @param trades       trade figures
     * @param riskFreeRate annual risk-free rate
     * @param finalEquity  the final equity (the snapshot's), NaN to use the latest sample
     * @return the performance report, its end equity and total return from {@code finalEquity}
     */
    public static PerformanceReport performance(EquitySeries s, TradeStats trades, double riskFreeRate,
            double finalEquity) {
        double periods = YEAR_MILLIS / s.intervalMillis();
        double[] r = Stats.returns(s.values());
        double mean = Stats.mean(r);
        double sd = Stats.stdev(r);
        double rfPerPeriod = riskFreeRate / periods;
        double sqrtP = Math.sqrt(periods);
        double sharpe = r.length < 2 ? 0 : Stats.ratio(mean - rfPerPeriod, sd) * sqrtP;
        double sortino = r.length < 2 ? 0 : Stats.ratio(mean - rfPerPeriod, Stats.downsideDeviation(r, rfPerPeriod)) * sqrtP;
        double annualReturn = Stats.finite(mean * periods);
        boolean any = s.samples() > 0;
        double first = any ? s.first() : 0;
        double last = Double.isFinite(finalEquity) && any ? finalEquity : any ? s.last() : 0;
        Drawdown dd = new Drawdown(s.drawdownValue(), s.drawdownShare(), s.drawdownPeakMillis(), s.drawdownTroughMillis(),
                s.drawdownRecovered(), s.drawdownRecoveryMillis());
        return new PerformanceReport(any ? s.firstMillis() : 0, any ? s.lastMillis() : 0, first, last,
                first > 0 ? Stats.finite(last / first - 1) : 0, annualReturn, Stats.finite(sd * sqrtP),
                Stats.finite(sharpe), Stats.finite(sortino), Stats.ratio(annualReturn, dd.share()), riskFreeRate,
                s.intervalMillis(), periods, r.length, dd, trades);
    }

    /**
     * @param returns interval returns
     * @param equity  equity to express the losses in money
     * @return VaR and ES at 95% and 99%
     */
    public static List<TailRisk> tail(double[] returns, double equity) {
        double e = Double.isFinite(equity) ? equity : 0;
        double[] a = Stats.tail(returns, 0.95);
        double[] b = Stats.tail(returns, 0.99);
        return List.of(new TailRisk(0.95, a[0], a[1], a[0] * e, a[1] * e), new TailRisk(0.99, b[0], b[1], b[0] * e, b[1] * e));
    }
}

package io.aria.analytics.internal;

import io.aria.analytics.Statistic;
import io.aria.analytics.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Computes {@link Statistics} from copied state, outside the owner's lock. Every undefined figure
 * becomes a {@link Statistic} with a null value and its reason, never NaN.
 */
public final class StatisticsCalculator {

    /** What the figures depend on besides the data. */
    public record Config(int tradingDaysPerYear, double riskFreeRate, int minDailyReturns, String benchmark,
            double feePerLot) {
    }

    /** The trade figures, copied under the owner's lock. */
    public record TradeFigures(long trades, long wins, long losses, double averageWin, double averageLoss,
            double grossProfit, double grossLoss, int maxConsecutiveWins, int maxConsecutiveLosses,
            double meanMae, double meanMfe, long strictLosses) {

        /** @param t a trade log @return its figures now */
        public static TradeFigures of(TradeLog t) {
            return new TradeFigures(t.trades(), t.wins(), t.losses(), t.averageWin(), t.averageLoss(), t.grossProfit(),
                    t.grossLoss(), t.maxConsecutiveWins(), t.maxConsecutiveLosses(), t.meanMae(), t.meanMfe(),
                    t.strictLosses());
        }
    }

    private static final double YEAR_DAYS = 365.0;

    private final List<Statistic> lean = new ArrayList<>();
    private final List<Statistic> more = new ArrayList<>();

    private StatisticsCalculator() {
    }

    /**
     * @param c             configuration
     * @param daily         a copy of the daily series
     * @param t             trade figures
     * @param totalOrders   execution reports received
     * @param filledLots    lots traded (for the fees)
     * @param endEquity     the final equity (the snapshot's when given), NaN when unknown
     * @param intradayReturns the resampled interval returns, for the labelled intraday figures
     * @param intervalMillis their interval
     * @param intradayDrawdown the largest drawdown over every equity sample
     * @return the statistics
     */
    public static Statistics compute(Config c, DailySeries daily, TradeFigures t, long totalOrders, double filledLots,
            double endEquity, double[] intradayReturns, long intervalMillis, double intradayDrawdown) {
        StatisticsCalculator s = new StatisticsCalculator();
        s.run(c, daily, t, totalOrders, filledLots, endEquity, intradayReturns, intervalMillis, intradayDrawdown);
        return new Statistics(s.lean, s.more, daily.size(), c.minDailyReturns());
    }

    private void run(Config c, DailySeries daily, TradeFigures t, long totalOrders, double filledLots, double endEquity,
            double[] intraday, long intervalMillis, double intradayDrawdown) {
        double periods = c.tradingDaysPerYear();
        double rf = c.riskFreeRate();
        double[] r = daily.returns();
        int n = r.length;
        double start = daily.startEquity();
        double[] closes = daily.equity();
        double end = Double.isFinite(endEquity) ? endEquity : (closes.length > 0 ? closes[closes.length - 1] : Double.NaN);
        if (closes.length > 0 && Double.isFinite(end)) {
            closes[closes.length - 1] = end; // the last, unfinished day closes at the final equity
            r = returnsOf(closes, start);
        }
        String few = n >= c.minDailyReturns() ? "" : "not enough data (" + n + (n == 1 ? " day" : " days") + ")";
        String noTrades = t.trades() == 0 ? "no closed trades" : "";
        boolean hasBench = c.benchmark() != null && !c.benchmark().isBlank();
        double[] b = daily.benchmarkReturns();
        String noBench = !hasBench ? "no benchmark chosen"
                : Double.isNaN(daily.startBenchmark()) ? "no price of the benchmark " + c.benchmark() + " was seen" : "";

        // ---- LEAN, in LEAN's order
        lean(count("Total Orders", totalOrders));
        lean(t.wins() == 0 ? none("Average Win", "percent", t.trades() == 0 ? noTrades : "no winning trade")
                : pct("Average Win", t.averageWin()));
        lean(t.losses() == 0 ? none("Average Loss", "percent", t.trades() == 0 ? noTrades : "no losing trade")
                : pct("Average Loss", t.averageLoss()));
        double years = (daily.lastMillis() - daily.startMillis()) / (YEAR_DAYS * 86_400_000L);
        lean(guard(pct("Compounding Annual Return", LeanStats.compoundingAnnualReturn(start, end, years)), few,
                "percent"));
        double[] curve = withStart(start, closes);
        lean(closes.length == 0 ? none("Drawdown", "percent", "no equity sample") : pct("Drawdown", LeanStats.drawdown(curve)));
        double winRate = t.trades() == 0 ? Double.NaN : (double) t.wins() / t.trades();
        double lossRate = t.trades() == 0 ? Double.NaN : (double) t.losses() / t.trades();
        double plRatio = t.wins() > 0 && t.losses() > 0 && t.averageLoss() != 0
                ? t.averageWin() / Math.abs(t.averageLoss()) : Double.NaN;
        String plReason = t.trades() == 0 ? noTrades : t.losses() == 0 || t.averageLoss() == 0
                ? "no losing trade" : "no winning trade";
        lean(Double.isNaN(plRatio) ? none("Expectancy", "ratio", plReason)
                : ratio("Expectancy", winRate * plRatio - lossRate));
        lean(Double.isFinite(start) ? money("Start Equity", start) : none("Start Equity", "money", "no equity sample"));
        lean(Double.isFinite(end) ? money("End Equity", end) : none("End Equity", "money", "no equity sample"));
        lean(start > 0 && Double.isFinite(end) ? pct("Net Profit", end / start - 1)
                : none("Net Profit", "percent", "no equity sample"));
        lean(guard(ratio("Sharpe Ratio", LeanStats.sharpe(r, periods, rf)), few, "ratio", "the daily returns do not vary"));
        lean(guard(ratio("Sortino Ratio", LeanStats.sortino(r, periods, rf)), few, "ratio",
                "fewer than two losing days"));
        lean(guard(pct("Probabilistic Sharpe Ratio", LeanStats.probabilisticSharpe(r, 1 / Math.sqrt(periods))), few,
                "percent", "the daily returns do not vary"));
        lean(t.trades() == 0 ? none("Loss Rate", "percent", noTrades) : pct("Loss Rate", lossRate));
        lean(t.trades() == 0 ? none("Win Rate", "percent", noTrades) : pct("Win Rate", winRate));
        lean(Double.isNaN(plRatio) ? none("Profit-Loss Ratio", "ratio", plReason) : ratio("Profit-Loss Ratio", plRatio));
        double beta = LeanStats.beta(r, b);
        double annual = LeanStats.annualPerformance(r, periods);
        double benchAnnual = LeanStats.annualPerformance(b, periods);
        String benchReason = !noBench.isEmpty() ? noBench : few;
        lean(guard(ratio("Alpha", beta == 0 || Double.isNaN(beta) ? Double.NaN
                : annual - (rf + beta * (benchAnnual - rf))), benchReason, "ratio", "the benchmark did not move"));
        lean(guard(ratio("Beta", beta), benchReason, "ratio", "the benchmark did not move"));
        double annualVar = LeanStats.annualVariance(r, periods);
        lean(guard(ratio("Annual Standard Deviation", Math.sqrt(annualVar)), few, "ratio"));
        lean(guard(ratio("Annual Variance", annualVar), few, "ratio"));
        double te = LeanStats.trackingError(r, b, periods);
        lean(guard(ratio("Information Ratio", te > 0 ? (annual - benchAnnual) / te : Double.NaN), benchReason, "ratio",
                "the strategy tracks the benchmark exactly"));
        lean(guard(ratio("Tracking Error", te), benchReason, "ratio"));
        lean(guard(ratio("Treynor Ratio", beta == 0 || Double.isNaN(beta) ? Double.NaN : (annual - rf) / beta),
                benchReason, "ratio", "the benchmark did not move"));
        lean(money("Total Fees", c.feePerLot() * filledLots));
        lean(turnover(daily, closes));
        lean(closes.length == 0 ? none("Drawdown Recovery", "days", "no equity sample")
                : days("Drawdown Recovery", LeanStats.drawdownRecoveryDays(withStartDay(daily), curve)));

        // ---- ARIA's further figures
        more(t.trades() == 0 ? none("Closed Trades", "count", noTrades) : count("Closed Trades", t.trades()));
        more(t.grossLoss() > 0 ? ratio("Profit Factor", t.grossProfit() / t.grossLoss())
                : none("Profit Factor", "ratio", t.trades() == 0 ? noTrades : "no losing trade"));
        more(t.wins() == 0 ? none("Average Winning Trade", "money", t.trades() == 0 ? noTrades : "no winning trade")
                : money("Average Winning Trade", t.grossProfit() / t.wins()));
        more(t.strictLosses() == 0 ? none("Average Losing Trade", "money", t.trades() == 0 ? noTrades : "no losing trade")
                : money("Average Losing Trade", -t.grossLoss() / t.strictLosses()));
        more(count("Max Consecutive Wins", t.maxConsecutiveWins()));
        more(count("Max Consecutive Losses", t.maxConsecutiveLosses()));
        more(t.trades() == 0 ? none("Mean MAE", "money", noTrades) : money("Mean MAE", t.meanMae()));
        more(t.trades() == 0 ? none("Mean MFE", "money", noTrades) : money("Mean MFE", t.meanMfe()));
        for (double conf : new double[] {0.95, 0.99}) {
            double[] tail = LeanStats.tail(r, conf);
            String label = String.format(Locale.ROOT, "%d%% (1 day)", Math.round(conf * 100));
            more(guard(pct("Value at Risk " + label, tail[0]), few, "percent"));
            more(guard(pct("Expected Shortfall " + label, tail[1]), few, "percent"));
        }
        more(Double.isFinite(start) && start > 0 && Double.isFinite(end) ? pct("Total Return", end / start - 1)
                : none("Total Return", "percent", "no equity sample"));
        String per = intervalLabel(intervalMillis);
        double intraSharpe = intraday.length >= 2 ? LeanStats.observedSharpe(intraday) : Double.NaN;
        more(Double.isNaN(intraSharpe) ? none("Sharpe per " + per + " (intraday, not annualised)", "ratio",
                intraday.length < 2 ? "not enough data (" + intraday.length + " returns)" : "the returns do not vary")
                : ratio("Sharpe per " + per + " (intraday, not annualised)", intraSharpe));
        more(pct("Maximum Intraday Drawdown", intradayDrawdown));
    }

    /** @return the starting equity followed by the closes (LEAN's equity curve starts at the starting capital) */
    private static double[] withStart(double start, double[] closes) {
        double[] out = new double[closes.length + 1];
        out[0] = start;
        System.arraycopy(closes, 0, out, 1, closes.length);
        return out;
    }

    private static long[] withStartDay(DailySeries d) {
        long[] days = d.days();
        long[] out = new long[days.length + 1];
        out[0] = d.dayOf(d.startMillis());
        System.arraycopy(days, 0, out, 1, days.length);
        return out;
    }

    private static double[] returnsOf(double[] closes, double start) {
        double[] r = new double[closes.length];
        double prev = start;
        for (int i = 0; i < closes.length; i++) {
            r[i] = prev > 0 && closes[i] > 0 ? closes[i] / prev - 1 : 0;
            if (closes[i] > 0) {
                prev = closes[i];
            }
        }
        return r;
    }

    private static Statistic turnover(DailySeries daily, double[] closes) {
        double[] traded = daily.traded();
        if (traded.length == 0) {
            return none("Portfolio Turnover", "percent", "no equity sample");
        }
        double sum = 0;
        for (int i = 0; i < traded.length; i++) {
            sum += closes[i] > 0 ? traded[i] / closes[i] : 0;
        }
        return pct("Portfolio Turnover", sum / traded.length);
    }

    /** @return "minute", "5 minutes", "hour", ... */
    public static String intervalLabel(long millis) {
        if (millis % 3_600_000L == 0) {
            long h = millis / 3_600_000L;
            return h == 1 ? "hour" : h + " hours";
        }
        if (millis % 60_000L == 0) {
            long m = millis / 60_000L;
            return m == 1 ? "minute" : m + " minutes";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private void lean(Statistic s) {
        lean.add(s);
    }

    private void more(Statistic s) {
        more.add(s);
    }

    /** A figure that needs enough daily returns: replaced by the reason when there are too few or it is NaN. */
    private static Statistic guard(Statistic s, String reason, String unit) {
        return guard(s, reason, unit, "undefined on these returns");
    }

    private static Statistic guard(Statistic s, String reason, String unit, String nanReason) {
        if (!reason.isEmpty()) {
            return none(s.name(), unit, reason);
        }
        return s.value() == null ? none(s.name(), unit, nanReason) : s;
    }

    private static Statistic none(String name, String unit, String reason) {
        return new Statistic(name, null, unit, reason, reason);
    }

    private static Statistic of(String name, double v, String unit, String text) {
        if (!Double.isFinite(v)) {
            return new Statistic(name, null, unit, "undefined", "undefined");
        }
        return new Statistic(name, v + 0.0, unit, text, "");
    }

    private static Statistic count(String name, long v) {
        return of(name, v, "count", String.format(Locale.ROOT, "%,d", v));
    }

    private static Statistic pct(String name, double v) {
        return of(name, v, "percent", fmt("%.3f%%", v * 100));
    }

    private static Statistic ratio(String name, double v) {
        return of(name, v, "ratio", fmt("%.3f", v));
    }

    private static Statistic money(String name, double v) {
        return of(name, v, "money", fmt("%,.2f", v));
    }

    private static Statistic days(String name, long v) {
        return of(name, v, "days", v + (v == 1 ? " day" : " days"));
    }

    /** @return v formatted, without the minus sign of a value that rounds to zero ("-0.000") */
    public static String fmt(String pattern, double v) {
        String text = String.format(Locale.ROOT, pattern, v);
        if (text.startsWith("-") && text.chars().noneMatch(ch -> ch >= '1' && ch <= '9')) {
            return text.substring(1);
        }
        return text;
    }
}

package io.aria.analytics;

import static io.aria.core.Values.finite;
import static io.aria.core.Values.inRange;
import static io.aria.core.Values.nonNegative;

import java.util.Objects;

/**
 * Portfolio performance from the resampled (intraday) equity curve and the closed trades. These
 * are per-interval figures; QuantConnect LEAN's statistics on daily returns (the Sharpe ratio a
 * quant expects, or "not enough data") are in {@link Statistics}. The console and the reports show
 * the intraday Sharpe only per period and labelled as such, never annualised from minutes.
 *
 * <p><b>Conventions.</b> Equity samples are resampled to fixed intervals of simulated time (the
 * last sample in each interval is its point); returns are simple returns between consecutive
 * points, so an interval without samples (a weekend) adds no zero return. Annualisation uses
 * calendar time: {@code periodsPerYear = 365 days / intervalMillis} (525,600 for one minute).
 * {@code annualisedReturn = mean return * periodsPerYear} (arithmetic, so that short runs
 * give finite figures), {@code annualisedVolatility = stdev * sqrt(periodsPerYear)} (sample
 * standard deviation), {@code sharpe = (mean - rf / periodsPerYear) / stdev *
 * sqrt(periodsPerYear)}, {@code sortino} the same over the downside deviation
 * {@code sqrt(mean(min(0, r - rf / periodsPerYear)^2))}, {@code calmar = annualisedReturn /
 * maxDrawdown.share}. Total return is the final equity (the snapshot's, when the report is taken
 * from a snapshot; else the latest sample) / first sample - 1.
 *
 * <p><b>Undefined figures are 0</b> (never NaN or infinite): with no samples, one return, zero
 * volatility, no downside, no drawdown or no losing trade the matching ratio is 0; the raw figures
 * beside it (returns, gross loss, drawdown value) tell why.
 *
 * @param firstMillis          time of the first equity sample, 0 when none
 * @param lastMillis           time of the latest equity sample, 0 when none
 * @param startEquity          first equity sample, 0 when none
 * @param endEquity            latest equity sample, 0 when none
 * @param totalReturn          endEquity / startEquity - 1
 * @param annualisedReturn     mean interval return &times; periodsPerYear
 * @param annualisedVolatility stdev of interval returns &times; sqrt(periodsPerYear)
 * @param sharpe               annualised Sharpe ratio
 * @param sortino              annualised Sortino ratio
 * @param calmar               annualisedReturn / maxDrawdown share
 * @param riskFreeRate         annual risk-free rate used
 * @param intervalMillis       length of one return interval (doubles when points are merged)
 * @param periodsPerYear       annualisation factor
 * @param returns              interval returns behind the ratios
 * @param maxDrawdown          the largest drawdown over every sample
 * @param trades               the closed trades
 */
public record PerformanceReport(
        long firstMillis,
        long lastMillis,
        double startEquity,
        double endEquity,
        double totalReturn,
        double annualisedReturn,
        double annualisedVolatility,
        double sharpe,
        double sortino,
        double calmar,
        double riskFreeRate,
        long intervalMillis,
        double periodsPerYear,
        int returns,
        Drawdown maxDrawdown,
        TradeStats trades) {

    public PerformanceReport {
        finite(startEquity, "startEquity");
        finite(endEquity, "endEquity");
        finite(totalReturn, "totalReturn");
        finite(annualisedReturn, "annualisedReturn");
        inRange(annualisedVolatility, 0, Double.MAX_VALUE, "annualisedVolatility");
        finite(sharpe, "sharpe");
        finite(sortino, "sortino");
        finite(calmar, "calmar");
        finite(riskFreeRate, "riskFreeRate");
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be > 0, was " + intervalMillis);
        }
        finite(periodsPerYear, "periodsPerYear");
        nonNegative(returns, "returns");
        Objects.requireNonNull(maxDrawdown, "maxDrawdown");
        Objects.requireNonNull(trades, "trades");
    }

    /**
     * The largest fall of equity from a running peak, measured on every equity sample.
     *
     * @param value          peak - trough in the account currency, &gt;= 0
     * @param share          (peak - trough) / peak, in [0, 1]
     * @param peakMillis     when the peak was reached (the drawdown's start), 0 when none
     * @param troughMillis   when the trough was reached, 0 when none
     * @param recovered      whether equity has since returned to the peak
     * @param recoveryMillis when it returned, 0 when it has not
     */
    public record Drawdown(double value, double share, long peakMillis, long troughMillis, boolean recovered,
            long recoveryMillis) {

        public Drawdown {
            inRange(value, 0, Double.MAX_VALUE, "value");
            inRange(share, 0, 1, "share");
        }
    }

    /**
     * Figures over closed trades (profit realised in the account currency). A trade with profit
     * exactly 0 is neither a win nor a loss.
     *
     * @param trades       closed trades
     * @param wins         trades with profit &gt; 0
     * @param losses       trades with profit &lt; 0
     * @param winRate      wins / trades, 0 without trades
     * @param totalProfit  sum of profits
     * @param grossProfit  sum of winning profits, &gt;= 0
     * @param grossLoss    minus the sum of losing profits, &gt;= 0
     * @param profitFactor grossProfit / grossLoss, 0 without a losing trade
     * @param averageWin   grossProfit / wins, 0 without wins
     * @param averageLoss  mean losing profit (&lt;= 0), 0 without losses
     * @param expectancy   totalProfit / trades, 0 without trades
     * @param bestTrade    largest profit, 0 without trades
     * @param worstTrade   smallest profit, 0 without trades
     */
    public record TradeStats(long trades, long wins, long losses, double winRate, double totalProfit,
            double grossProfit, double grossLoss, double profitFactor, double averageWin, double averageLoss,
            double expectancy, double bestTrade, double worstTrade) {

        public TradeStats {
            nonNegative(trades, "trades");
            if (wins < 0 || losses < 0 || wins + losses > trades) {
                throw new IllegalArgumentException("wins and losses must be >= 0 and sum to at most trades ("
                        + trades + "), were " + wins + " and " + losses);
            }
            inRange(winRate, 0, 1, "winRate");
            finite(totalProfit, "totalProfit");
            inRange(grossProfit, 0, Double.MAX_VALUE, "grossProfit");
            inRange(grossLoss, 0, Double.MAX_VALUE, "grossLoss");
            inRange(profitFactor, 0, Double.MAX_VALUE, "profitFactor");
            finite(averageWin, "averageWin");
            finite(averageLoss, "averageLoss");
            finite(expectancy, "expectancy");
            finite(bestTrade, "bestTrade");
            finite(worstTrade, "worstTrade");
        }
    }
}

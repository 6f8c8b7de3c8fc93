package io.aria.analytics;

import java.util.List;
import java.util.Objects;

/**
 * The run's statistics: QuantConnect LEAN's backtest statistics in LEAN's order and with LEAN's
 * definitions (daily returns at the daily close, annualised with the trading days per year), then
 * ARIA's own figures (profit factor, streaks, one-day value at risk and expected shortfall, the
 * intraday figures). See {@code aria-analytics/README.md} for every definition and each difference
 * from LEAN and ta4j.
 *
 * @param lean        LEAN's figures, in LEAN's order (Total Orders ... Drawdown Recovery)
 * @param more        ARIA's further figures
 * @param dailyReturns daily returns the ratios rest on
 * @param minDailyReturns fewest daily returns an annualised figure is computed from
 */
public record Statistics(List<Statistic> lean, List<Statistic> more, int dailyReturns, int minDailyReturns) {

    /** LEAN's statistic names in LEAN's order. */
    public static final List<String> LEAN_ORDER = List.of("Total Orders", "Average Win", "Average Loss",
            "Compounding Annual Return", "Drawdown", "Expectancy", "Start Equity", "End Equity", "Net Profit",
            "Sharpe Ratio", "Sortino Ratio", "Probabilistic Sharpe Ratio", "Loss Rate", "Win Rate",
            "Profit-Loss Ratio", "Alpha", "Beta", "Annual Standard Deviation", "Annual Variance",
            "Information Ratio", "Tracking Error", "Treynor Ratio", "Total Fees", "Portfolio Turnover",
            "Drawdown Recovery");

    public Statistics {
        lean = List.copyOf(Objects.requireNonNull(lean, "lean"));
        more = List.copyOf(Objects.requireNonNull(more, "more"));
        if (dailyReturns < 0) {
            throw new IllegalArgumentException("dailyReturns must be >= 0, was " + dailyReturns);
        }
    }

    /**
     * @param name a statistic's name (LEAN's or ARIA's)
     * @return it
     * @throws IllegalArgumentException when there is no statistic of that name
     */
    public Statistic get(String name) {
        for (Statistic s : lean) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        for (Statistic s : more) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no statistic named '" + name + "'");
    }

    /**
     * @param name a statistic's name
     * @return its value, NaN when it has none (see its {@link Statistic#reason()})
     */
    public double value(String name) {
        Double v = get(name).value();
        return v == null ? Double.NaN : v;
    }
}

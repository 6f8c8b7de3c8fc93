package io.aria.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aria.analytics.internal.HtmlReport;
import io.aria.analytics.internal.ReportJson;
import java.util.List;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * All of the analytics at one moment: what the control API serves under
 * {@code /hedge-fund/performance}, {@code /attribution}, {@code /risk} and the execution
 * statistics. Contains no NaN or infinite number, so its JSON is always valid; an empty run
 * reports zeros (see each part for what an undefined figure says).
 *
 * @param epochMillis when it was taken (the snapshot's time)
 * @param performance returns, ratios, drawdown and trades
 * @param attribution profit by model and regime
 * @param risk        tail risk and exposure
 * @param execution   execution quality
 * @param statistics  LEAN's statistics on daily returns, and ARIA's further figures
 */
public record AnalyticsReport(long epochMillis, PerformanceReport performance, AttributionReport attribution,
        RiskReport risk, ExecutionStatistics execution, Statistics statistics) {

    public AnalyticsReport {
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(statistics, "statistics");
    }

    /**
     * Without statistics (an empty table).
     *
     * @param epochMillis when
     * @param performance performance
     * @param attribution attribution
     * @param risk        risk
     * @param execution   execution
     */
    public AnalyticsReport(long epochMillis, PerformanceReport performance, AttributionReport attribution,
            RiskReport risk, ExecutionStatistics execution) {
        this(epochMillis, performance, attribution, risk, execution, new Statistics(List.of(), List.of(), 0, 0));
    }

    /** @return the report as one JSON object, with the record components as fields (never {@code -0.0}) */
    public String toJson() {
        try {
            return ReportJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the analytics report as JSON", e);
        }
    }

    /**
     * @return a few lines of plain text for a console: total return (from the final equity), LEAN's
     *     Sharpe and Sortino on daily returns (or "not enough data (N days)") beside the intraday
     *     per-period Sharpe labelled as such, drawdown, trades, the best model (the largest positive
     *     contribution and its share of the positive ones; none when every model lost), the one-day
     *     VaR, leverage, fill rate and latency ("simulated: model" for a simulated gateway)
     */
    public String summary() {
        PerformanceReport p = performance;
        AttributionReport.ModelAttribution best = null;
        double positive = 0;
        for (AttributionReport.ModelAttribution m : attribution.models()) {
            double v = m.total().attributedProfit();
            if (v > 0) {
                positive += v;
                if (best == null || v > best.total().attributedProfit()) {
                    best = m;
                }
            }
        }
        String bestText = best == null ? (attribution.models().isEmpty() ? "-" : "none (no model made money)")
                : String.format(Locale.ROOT, "%s (%s, %.0f%% of the gains)", best.model(),
                        io.aria.analytics.internal.StatisticsCalculator.fmt("%.2f", best.total().attributedProfit()),
                        100 * best.total().attributedProfit() / positive);
        ExecutionStatistics.Figures x = execution.overall();
        String sharpe = figure("Sharpe Ratio");
        String sortino = figure("Sortino Ratio");
        String intraday = "sharpe per " + io.aria.analytics.internal.StatisticsCalculator.intervalLabel(p.intervalMillis())
                + " (intraday, not annualised) -";
        for (Statistic st : statistics.more()) {
            if (st.name().startsWith("Sharpe per ")) {
                intraday = st.name().toLowerCase(Locale.ROOT) + " " + st.text();
            }
        }
        String var = figure("Value at Risk 95% (1 day)");
        String latency = execution.simulated() ? "latency simulated: " + execution.simulatedModel()
                : String.format(Locale.ROOT, "latency p50 %.1f us  p99 %.1f us", x.latencyNanos().p50() / 1e3,
                        x.latencyNanos().p99() / 1e3);
        return String.format(Locale.ROOT,
                "return %s%%  sharpe %s  sortino %s  max drawdown %s%%%n"
                        + "%s%n"
                        + "trades %d  win rate %.1f%%  profit factor %s  expectancy %s%n"
                        + "best model %s  VaR95 (1 day) %s  gross leverage %s%n"
                        + "orders %d  fill rate %.1f%%  %s",
                io.aria.analytics.internal.StatisticsCalculator.fmt("%.3f", p.totalReturn() * 100), sharpe, sortino,
                io.aria.analytics.internal.StatisticsCalculator.fmt("%.3f", p.maxDrawdown().share() * 100), intraday,
                p.trades().trades(), p.trades().winRate() * 100,
                p.trades().grossLoss() > 0 ? String.format(Locale.ROOT, "%.2f", p.trades().profitFactor()) : "-",
                io.aria.analytics.internal.StatisticsCalculator.fmt("%.2f", p.trades().expectancy()),
                bestText, var, String.format(Locale.ROOT, "%.2f", risk.grossLeverage()),
                x.orders(), x.fillRate() * 100, latency);
    }

    private String figure(String name) {
        for (Statistic s : statistics.lean()) {
            if (s.name().equals(name)) {
                return s.text();
            }
        }
        for (Statistic s : statistics.more()) {
            if (s.name().equals(name)) {
                return s.text();
            }
        }
        return "-";
    }

    /** @return one self-contained HTML page (inline style, no script, every text escaped) */
    public String toHtml() {
        return HtmlReport.render(this);
    }
}

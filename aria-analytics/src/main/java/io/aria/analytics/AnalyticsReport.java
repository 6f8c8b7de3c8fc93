package io.aria.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aria.analytics.internal.HtmlReport;
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
 */
public record AnalyticsReport(long epochMillis, PerformanceReport performance, AttributionReport attribution,
        RiskReport risk, ExecutionStatistics execution) {

    public AnalyticsReport {
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(execution, "execution");
    }

    /** Writes reports: analytics' own mapper, so the module depends on core's API only. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** @return the report as one JSON object, with the record components as fields */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the analytics report as JSON", e);
        }
    }

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long SHORT_SPAN_MILLIS = 30 * 24 * HOUR_MILLIS;

    /**
     * @return a few lines of plain text for a console: return, Sharpe, drawdown, trades, the best
     *     model, VaR, leverage, fill rate and latency; when the equity curve spans less than 30
     *     days, the Sharpe and Sortino ratios say how much time they were annualised from
     */
    public String summary() {
        PerformanceReport p = performance;
        AttributionReport.ModelAttribution best = null;
        for (AttributionReport.ModelAttribution m : attribution.models()) {
            if (best == null || m.total().attributedProfit() > best.total().attributedProfit()) {
                best = m;
            }
        }
        ExecutionStatistics.Figures x = execution.overall();
        long span = p.lastMillis() - p.firstMillis();
        // an annualised ratio from hours of data is arithmetic, not evidence: say what it rests on
        String basis = span >= SHORT_SPAN_MILLIS || p.returns() < 2 ? ""
                : String.format(Locale.ROOT, " (annualised from %s)", span < 48 * HOUR_MILLIS
                        ? String.format(Locale.ROOT, "%.1f h", span / (double) HOUR_MILLIS)
                        : String.format(Locale.ROOT, "%.1f days", span / (24.0 * HOUR_MILLIS)));
        return String.format(Locale.ROOT,
                "return %.3f%%  sharpe %.2f  sortino %.2f%s  max drawdown %.3f%%%n"
                        + "trades %d  win rate %.1f%%  profit factor %.2f  expectancy %.2f%n"
                        + "best model %s (%.2f)  VaR95 %.3f%%  gross leverage %.2f%n"
                        + "orders %d  fill rate %.1f%%  latency p50 %.1f us  p99 %.1f us",
                p.totalReturn() * 100, p.sharpe(), p.sortino(), basis, p.maxDrawdown().share() * 100,
                p.trades().trades(), p.trades().winRate() * 100, p.trades().profitFactor(), p.trades().expectancy(),
                best == null ? "-" : best.model(), best == null ? 0.0 : best.total().attributedProfit(),
                risk.tail().get(0).valueAtRisk() * 100, risk.grossLeverage(),
                x.orders(), x.fillRate() * 100, x.latencyNanos().p50() / 1e3, x.latencyNanos().p99() / 1e3);
    }

    /** @return one self-contained HTML page (inline style, no script, every text escaped) */
    public String toHtml() {
        return HtmlReport.render(this);
    }
}

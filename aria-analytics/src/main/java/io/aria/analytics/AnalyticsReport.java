package io.aria.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aria.analytics.internal.HtmlReport;
import io.aria.core.internal.Json;
import java.io.UncheckedIOException;
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

    /** @return the report as one JSON object, with the record components as fields */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the analytics report as JSON", e);
        }
    }

    /** @return one self-contained HTML page (inline style, no script, every text escaped) */
    public String toHtml() {
        return HtmlReport.render(this);
    }
}

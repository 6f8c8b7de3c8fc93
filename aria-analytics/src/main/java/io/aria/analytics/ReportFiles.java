package io.aria.analytics;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link HedgeFundAnalytics#writeReports} wrote the run's reports.
 *
 * @param json the {@code report.json}: every figure and the series behind them
 * @param html the {@code report.html}: one self-contained page with the charts (opens offline)
 */
public record ReportFiles(Path json, Path html) {

    public ReportFiles {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(html, "html");
    }
}

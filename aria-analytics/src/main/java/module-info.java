/**
 * ARIA's analytics: performance, attribution, risk and execution statistics, and their JSON and
 * HTML reports, in {@code io.aria.analytics}. The series and books behind them
 * ({@code io.aria.analytics.internal}) are not exported.
 */
module io.aria.analytics {
    requires transitive io.aria.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports io.aria.analytics;

    // Jackson writes the report records by reflection.
    opens io.aria.analytics to com.fasterxml.jackson.databind;
}

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

    // No opens: Jackson binds the report records through their public
    // members, which an export is enough for (ModuleBoundaryTest round-trips them on the module path).
}

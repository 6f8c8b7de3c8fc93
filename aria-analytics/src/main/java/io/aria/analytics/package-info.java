/**
 * Hedge-fund analytics for an ARIA pipeline: performance (returns, Sharpe, Sortino, drawdown,
 * trade figures), model attribution by regime, risk (historical VaR and expected shortfall,
 * exposure and leverage) and execution quality (fill rate, rejections, slippage, latency).
 *
 * <p>{@link io.aria.analytics.HedgeFundAnalytics} listens to a pipeline and answers with immutable
 * records; {@link io.aria.analytics.AnalyticsReport} bundles them and renders JSON and HTML, and
 * {@link io.aria.analytics.HedgeFundAnalytics#writeReports} writes {@code report.json} and a
 * self-contained {@code report.html} with charts. {@link io.aria.analytics.Statistics} holds
 * QuantConnect LEAN's statistics (names, order and definitions) on daily returns. Every report
 * record is immutable and may be handed between threads; none holds a NaN or infinite number (an
 * undefined intraday figure is 0; an undefined {@link io.aria.analytics.Statistic} is null with its
 * reason, for example "not enough data (3 days)"). Definitions and every difference from LEAN and
 * ta4j: {@code aria-analytics/README.md}.
 */
package io.aria.analytics;

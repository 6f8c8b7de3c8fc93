/**
 * Hedge-fund analytics for an ARIA pipeline: performance (returns, Sharpe, Sortino, drawdown,
 * trade figures), model attribution by regime, risk (historical VaR and expected shortfall,
 * exposure and leverage) and execution quality (fill rate, rejections, slippage, latency).
 *
 * <p>{@link io.aria.analytics.HedgeFundAnalytics} listens to a pipeline and answers with immutable
 * records; {@link io.aria.analytics.AnalyticsReport} bundles them and renders JSON and HTML. Every
 * report record is immutable and may be handed between threads; none holds a NaN or infinite
 * number (an undefined figure is 0).
 */
package io.aria.analytics;

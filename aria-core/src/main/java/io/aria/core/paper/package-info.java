/**
 * The paper broker: a simulated {@link io.aria.core.spi.OrderGateway} that fills orders against
 * the ticks it is shown and keeps an account marked to market.
 *
 * <p>{@link io.aria.core.paper.FillModel} holds the broker-side execution rules (MT5's rejection
 * order, fill prices, slippage, partial fills, latency) and has no threads and no gateway in it,
 * so a simulated MT5 terminal can reuse it as is. {@link io.aria.core.paper.PaperBroker} wraps it
 * with positions, margin, SL/TP, stop-out and idempotent client order ids.
 */
package io.aria.core.paper;

/**
 * Simulated trading: the paper broker and the simulated account behind it.
 *
 * <p>{@link io.aria.core.paper.FillModel} holds the broker-side execution rules (MT5's rejection
 * order, fill prices, slippage, partial fills, latency). {@link io.aria.core.paper.SimulatedAccount}
 * is the one simulated account (positions, margin, SL/TP, stop-out, netting and hedging as
 * {@link io.aria.core.AccountMode}, deals, client order ids and their conflicts), filling through a
 * fill model; {@link io.aria.core.paper.PaperBroker} is an {@link io.aria.core.spi.OrderGateway}
 * around one, and aria-mt5's simulated terminal is the bridge protocol around another. The
 * records it answers with ({@link io.aria.core.paper.Deal}, {@link io.aria.core.paper.OrderKey},
 * {@link io.aria.core.paper.OrderRecord}, {@link io.aria.core.paper.Submission}) are public API for
 * whoever builds a custom simulated gateway.
 */
package io.aria.core.paper;

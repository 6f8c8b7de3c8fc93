/**
 * The control plane of a live pipeline: the {@link io.aria.core.live.LiveExecution} facade an
 * operator's program (or the HTTP API) calls, the {@link io.aria.core.live.GatewayConnection} SPI
 * it connects and disconnects ({@link io.aria.core.live.PaperFeed} for paper; aria-mt5 provides
 * one for its bridge), and the {@link io.aria.core.live.LiveEvents} stream of what happens.
 */
package io.aria.core.live;

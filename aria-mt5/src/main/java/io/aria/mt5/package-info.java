/**
 * The MetaTrader 5 bridge: {@link io.aria.mt5.Mt5Connection} speaks aria-mt5's PROTOCOL.md over
 * JeroMQ to the {@code AriaBridge} Expert Advisor (or to {@link io.aria.mt5.sim.SimulatedMt5Terminal}),
 * and serves an {@link io.aria.mt5.Mt5Gateway} (an {@link io.aria.core.spi.OrderGateway}) and an
 * {@link io.aria.mt5.Mt5TickSource} (a {@link io.aria.core.spi.TickSource}) over that one connection.
 *
 * <pre>{@code
 * Mt5Config config = Mt5Config.builder().commandEndpoint("tcp://127.0.0.1:15555")
 *         .eventEndpoint("tcp://127.0.0.1:15556").symbols(List.of("EURUSD")).build();
 * Mt5Connection connection = Mt5Connection.open(config);
 * connection.connect().get(10, TimeUnit.SECONDS);
 * OrderGateway gateway = connection.gateway();
 * TickSource ticks = connection.tickSource();
 * }</pre>
 */
package io.aria.mt5;

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.live.GatewayConnection;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The MT5 bridge as the facade's GatewayConnection, against the simulated terminal on real sockets. */
class Mt5GatewayConnectionTest {

    @Test
    @DisplayName("connect opens the bridge, the heartbeat is heard, disconnect closes it for good")
    void connectHeartbeatDisconnect() throws Exception {
        try (SimulatedMt5Terminal sim = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).start();
                Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(sim.commandEndpoint())
                        .eventEndpoint(sim.eventEndpoint()).symbols(List.of("EURUSD")).build())) {
            Mt5GatewayConnection g = Mt5GatewayConnection.of(c);
            List<String> changes = new CopyOnWriteArrayList<>();
            g.addListener((prev, cur, reason) -> changes.add(prev + "->" + cur));
            assertEquals(GatewayConnection.State.DISCONNECTED, g.state());
            assertTrue(g.hasHeartbeat());
            assertEquals(-1, g.heartbeatAgeMillis(), "never heard before connecting");
            assertEquals(GatewayConnection.State.CONNECTED, g.connect(Duration.ofSeconds(30)));
            long age = g.heartbeatAgeMillis();
            assertTrue(age >= 0 && age < 30_000, "heard lately: " + age);
            Await.until(() -> changes.contains("CONNECTING->CONNECTED"), Duration.ofSeconds(30), "the change heard");
            g.disconnect();
            assertEquals(GatewayConnection.State.CLOSED, g.state());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.connect(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("was closed; start a new session"), e.getMessage());
        }
    }

    @Test
    @DisplayName("no terminal: connect fails in time with the bridge's one-line reason")
    void noTerminal() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint("tcp://127.0.0.1:" + port)
                .eventEndpoint("tcp://127.0.0.1:" + (port + 1)).symbols(List.of("EURUSD")).build())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Mt5GatewayConnection.of(c).connect(Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith("no terminal answered hello"), e.getMessage());
        }
    }
}

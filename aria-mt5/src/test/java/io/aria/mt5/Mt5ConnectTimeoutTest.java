package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The first connect with a deadline (issue 8, finding 11): nothing there, or a terminal whose
 * events never arrive, is one {@link Mt5ConnectException} whose one-line message names the
 * endpoint and what to check, after the given timeout, not a bare TimeoutException after 30 s.
 */
@DisplayName("Mt5Connection.connect(timeout)")
class Mt5ConnectTimeoutTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @DisplayName("nothing listening: 'no terminal answered hello at <endpoint> within <timeout>'")
    void nothingListening() throws Exception {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(endpoint)
                .eventEndpoint("tcp://127.0.0.1:" + freePort()).symbols(List.of("EURUSD")).build())) {
            Mt5ConnectException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(Mt5ConnectException.class, () -> c.connect(Duration.ofMillis(500))));
            assertEquals("no terminal answered hello at " + endpoint
                    + " within 0.5 s: is the EA attached and DLL imports allowed?", e.getMessage());
        }
    }

    @Test
    @DisplayName("a terminal that answers but whose event endpoint is silent: the message names the event endpoint")
    void eventsNeverArrive() throws Exception {
        try (SimulatedMt5Terminal sim = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).start()) {
            String events = "tcp://127.0.0.1:" + freePort();
            try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(sim.commandEndpoint())
                    .eventEndpoint(events).symbols(List.of("EURUSD")).build())) {
                Mt5ConnectException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> assertThrows(Mt5ConnectException.class, () -> c.connect(Duration.ofSeconds(2))));
                assertTrue(e.getMessage().contains("answered hello") && e.getMessage().contains(events)
                        && e.getMessage().contains("within 2 s"), e.getMessage());
            }
        }
    }

    @Test
    @DisplayName("a terminal that answers: connect(timeout) returns its session")
    void answers() throws Exception {
        try (SimulatedMt5Terminal sim = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).start();
                Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(sim.commandEndpoint())
                        .eventEndpoint(sim.eventEndpoint()).symbols(List.of("EURUSD")).build())) {
            Mt5Session s = c.connect(Duration.ofSeconds(30));
            assertTrue(s.symbol("EURUSD").isPresent(), s.toString());
        }
    }

    @Test
    @DisplayName("a timeout that is not positive is refused, naming the value")
    void badTimeout() {
        try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().symbols(List.of("EURUSD")).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.connect(Duration.ZERO));
            assertTrue(e.getMessage().contains("timeout") && e.getMessage().contains("PT0S"), e.getMessage());
        }
    }
}

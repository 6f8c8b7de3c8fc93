package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

/**
 * Interop with the C libzmq that the Expert Advisor links: a Python peer on Debian's python3-zmq
 * (run by /usr/bin/python3) plays the terminal's side of PROTOCOL.md; the Java client does a
 * handshake, receives ticks and makes an order round trip through it, with and without CURVE.
 */
@DisplayName("interop with the C libzmq (python3-zmq peer)")
class CLibzmqInteropTest {

    private static final Path PEER = Path.of("src/test/python/terminal_peer.py");
    private static final String PYTHON = "/usr/bin/python3";

    private Process peer;
    private Mt5Connection connection;

    @AfterEach
    void stop() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
        if (peer != null) {
            try {
                peer.getOutputStream().close();
            } catch (IOException ignored) {
                // the peer exits on its own after 60 s
            }
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private String[] startPeer(String serverSecretKey) throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is needed (apt-get install python3-zmq)");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, PEER.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("ARIA_MT5_CURVE_SERVER_SECRET_KEY");
        if (serverSecretKey != null) {
            pb.environment().put("ARIA_MT5_CURVE_SERVER_SECRET_KEY", serverSecretKey);
        }
        peer = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "ERROR " + e;
            }
        }).get(20, TimeUnit.SECONDS);
        assertTrue(line != null && line.startsWith("READY "),
                "the peer did not start (is python3-zmq installed for " + PYTHON + "?): " + line);
        String[] parts = line.split(" ");
        return new String[] {parts[1], parts[2]};
    }

    private Mt5Config.Builder config(String[] endpoints) {
        return Mt5Config.builder().commandEndpoint(endpoints[0]).eventEndpoint(endpoints[1]).symbols(List.of("EURUSD"))
                .heartbeatInterval(Duration.ofMillis(200));
    }

    private void roundTrip(Mt5Connection c) throws Exception {
        Mt5Session s = c.connect().get(15, TimeUnit.SECONDS);
        assertTrue(s.terminal().startsWith("pyzmq-peer/"), s.terminal());
        assertEquals("EURUSD.pro", s.symbol("EURUSD").orElseThrow().brokerName(), "suffixed name mapped");
        assertEquals(50.0, c.catalog().spec("EURUSD").volumeMax(), 1e-9, "broker spec overrides the catalog");

        List<Tick> ticks = new CopyOnWriteArrayList<>();
        c.tickSource().start((TickListener) ticks::add);
        Await.until(() -> ticks.size() >= 5, Duration.ofSeconds(10), "five ticks from the C peer");
        Tick t = ticks.get(ticks.size() - 1);
        assertEquals("EURUSD", t.symbol());
        assertEquals(0.00012, t.ask() - t.bid(), 1e-9);

        OrderRequest r = OrderRequest.market("interop-1", "EURUSD", Side.BUY, 0.1, t.ask());
        ExecutionReport rep = c.gateway().submit(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, rep.status(), rep.toString());
        assertTrue(rep.orderTicket() > 0 && rep.dealTicket() > 0, rep.toString());
        Await.until(() -> c.gateway().positions().size() == 1, "the position in the book");
        assertEquals("interop-1", c.gateway().positions().get(0).clientOrderId());
        ExecutionReport again = c.gateway().submit(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(rep, again, "a resend is answered with the first outcome");
        assertEquals(0, c.malformedCount());
    }

    @Test
    void plainTcp_handshakeTicksAndOrderRoundTrip() throws Exception {
        String[] endpoints = startPeer(null);
        connection = Mt5Connection.open(config(endpoints).build());
        roundTrip(connection);
    }

    @Test
    void curve_handshakeTicksAndOrderRoundTrip() throws Exception {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        String[] endpoints = startPeer(server.secretKey);
        connection = Mt5Connection.open(config(endpoints).curve(CurveKeys.generateClient(server.publicKey)).build());
        roundTrip(connection);
    }

    @Test
    void curve_clientWithoutKeysNeverCompletesTheHandshake() throws Exception {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        String[] endpoints = startPeer(server.secretKey);
        connection = Mt5Connection.open(config(endpoints).build());
        CompletableFuture<Mt5Session> f = connection.connect();
        Await.until(() -> connection.state() != ConnectionState.NEW, "the connection to try");
        assertFalse(f.isDone() && !f.isCompletedExceptionally(), "no session without the keys");
        ZMQ.Curve.KeyPair wrong = ZMQ.Curve.generateKeyPair();
        try (Mt5Connection other = Mt5Connection.open(config(endpoints)
                .curve(CurveKeys.generateClient(wrong.publicKey)).requestTimeout(Duration.ofMillis(500)).build())) {
            CompletableFuture<Mt5Session> g = other.connect();
            // the right peer answers the keyed client within the same wait the wrong ones get
            try (Mt5Connection right = Mt5Connection.open(config(endpoints)
                    .curve(CurveKeys.generateClient(server.publicKey)).build())) {
                right.connect().get(15, TimeUnit.SECONDS);
            }
            assertFalse(g.isDone(), "a client with the wrong server key gets no session");
            assertFalse(f.isDone(), "a client without keys gets no session");
        }
    }

    @Nested
    @DisplayName("CURVE between JeroMQ peers")
    class JeroMqCurve {

        @Test
        void simulatedTerminalWithCurve_acceptsAKeyedClient() throws Exception {
            ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
            try (SimulatedMt5Terminal t = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD"))
                    .curveSecretKey(server.secretKey).heartbeat(Duration.ofMillis(200)).clock(Harness.WEDNESDAY).start();
                    Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(t.commandEndpoint())
                            .eventEndpoint(t.eventEndpoint()).symbols(List.of("EURUSD")).clock(Harness.WEDNESDAY)
                            .curve(CurveKeys.generateClient(server.publicKey)).build())) {
                c.connect().get(15, TimeUnit.SECONDS);
                double ask = t.quote("EURUSD")[1];
                ExecutionReport rep = c.gateway().submit(OrderRequest.market("curve-1", "EURUSD", Side.BUY, 0.1, ask))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(ExecutionStatus.FILLED, rep.status(), rep.toString());
                assertTrue(c.config().toString().contains("redacted"));
                assertFalse(c.config().toString().contains(server.publicKey));
            }
        }
    }
}

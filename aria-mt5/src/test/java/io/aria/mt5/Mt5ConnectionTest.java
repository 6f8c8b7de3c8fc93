package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

@DisplayName("Mt5Connection lifecycle")
class Mt5ConnectionTest {

    @Test
    @DisplayName("state listeners hear a lost link, the back-off and the new handshake, in order")
    void stateListener_seesLossAndRecovery() {
        try (Harness h = new Harness(AccountMode.HEDGING)) {
            List<String> changes = new CopyOnWriteArrayList<>();
            h.connection.addStateListener((from, to, why) -> changes.add(from + "->" + to));
            h.terminal.disconnect(Duration.ofMillis(1000));
            Await.until(() -> changes.contains("RECONNECTING->CONNECTING") && changes.contains("CONNECTING->CONNECTED"),
                    "recovery after the terminal came back: " + changes);
            assertEquals("CONNECTED->RECONNECTING", changes.get(0));
            ExecutionReport r = h.submit(h.market(Harness.cid("after"), "EURUSD", Side.BUY, 0.1));
            assertEquals(ExecutionStatus.FILLED, r.status());
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("an order before the first handshake is an ERROR and nothing is sent")
    void submitBeforeConnect_isAnError() throws Exception {
        try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint("tcp://127.0.0.1:1")
                .eventEndpoint("tcp://127.0.0.1:2").symbols(List.of("EURUSD")).build())) {
            ExecutionReport r = c.gateway().submit(OrderRequest.market("early-1", "EURUSD", Side.BUY, 0.1, 1.1))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.ERROR, r.status());
            assertEquals(TradeReturnCode.CONNECTION, r.returnCode());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.gateway().fetchPositions().toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("not sent"), e.getCause().getMessage());
            assertEquals(ConnectionState.NEW, c.state());
        }
    }

    @Test
    @DisplayName("a terminal that refuses the protocol version closes the connection for good")
    void versionRefused_closes() throws Exception {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            router.bind("tcp://127.0.0.1:*");
            ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
            pub.setLinger(0);
            pub.bind("tcp://127.0.0.1:*");
            Thread peer = new Thread(() -> {
                byte[] id = router.recv(0);
                String hello = router.recvStr(0);
                String reqId = hello.replaceAll(".*\"id\":\"([^\"]*)\".*", "$1");
                router.send(id, ZMQ.SNDMORE);
                router.send(("{\"type\":\"hello_reply\",\"id\":\"" + reqId + "\",\"ok\":false,"
                        + "\"error\":\"version\",\"message\":\"this terminal speaks protocol 2\"}")
                        .getBytes(StandardCharsets.UTF_8), 0);
            }, "version-peer");
            peer.setDaemon(true);
            peer.start();
            try (Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(router.getLastEndpoint())
                    .eventEndpoint(pub.getLastEndpoint()).symbols(List.of("EURUSD")).build())) {
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> c.connect().get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause().getMessage().contains("protocol 2"), e.getCause().getMessage());
                Await.until(() -> c.state() == ConnectionState.CLOSED, "the connection to close");
            }
            peer.join(5000);
        }
    }
}

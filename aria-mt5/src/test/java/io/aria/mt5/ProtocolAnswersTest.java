package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.core.TradeReturnCode;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The answers PROTOCOL.md gives to the places a second implementation had to guess (issue 12),
 * checked against the simulated terminal and the Java client.
 */
@DisplayName("PROTOCOL.md answers: clock of expires_utc_ms, fences across restarts, bars bounds, malformed vs bad_request, duplicate keys")
class ProtocolAnswersTest {

    private static final Instant NOON = Instant.parse("2024-01-03T12:00:00Z");

    @Test
    @DisplayName("a terminal whose clock runs 5 s ahead of the client's still executes orders: expires_utc_ms is on the terminal's clock")
    void terminalClockAhead_ordersStillFill() {
        Clock ahead = Clock.offset(Harness.WEDNESDAY, Duration.ofSeconds(5));
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).clock(ahead), c -> { })) {
            ExecutionReport r = h.submit(h.market(Harness.cid("skew"), "EURUSD", Side.BUY, 0.1));
            assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("a terminal whose clock runs 5 s behind still expires an order that arrives after the client's deadline")
    void terminalClockBehind_deadlineStillHolds() {
        Clock behind = Clock.offset(Harness.WEDNESDAY, Duration.ofSeconds(-5));
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.HEDGING).clock(behind), c -> { });
                Raw raw = new Raw(h.terminal)) {
            String cid = Harness.cid("late");
            double ask = h.terminal.quote("EURUSD")[1];
            // a deadline passed on the terminal's clock: not sent, answered expired, the id fenced
            Msg sent = raw.ask("{\"type\":\"order\",\"id\":\"1\",\"client_order_id\":\"" + cid + "\",\"symbol\":\"EURUSD.m\","
                    + "\"side\":\"buy\",\"volume\":0.1,\"price\":" + ask + ",\"expires_utc_ms\":"
                    + (behind.millis() - 1) + "}");
            assertEquals(TradeReturnCode.TIMEOUT, sent.lng("retcode"), sent.node().toString());
            assertEquals("expired", sent.str("message"));
            assertEquals(0, h.terminal.executions(cid));
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("order_status refused (ok:false busy) is not not_found: the client asks again and reports the fill, never REJECTED")
    void orderStatusRefused_isAskedAgain() {
        try (Harness h = new Harness(AccountMode.HEDGING)) {
            h.terminal.faults().dropReplies("order", 1).busy("order_status", 1);
            String cid = Harness.cid("busy");
            h.submit(h.market(cid, "EURUSD", Side.BUY, 0.1));
            ExecutionReport r = h.resolution(cid);
            assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
            assertEquals(1, h.terminal.executions(cid));
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("the 1 MiB boundary: a frame of exactly 1,048,576 bytes is read, one byte more is malformed")
    void frameLimit_boundary() throws Exception {
        String head = "{\"type\":\"heartbeat\",\"pad\":\"";
        String tail = "\"}";
        int pad = Wire.MAX_FRAME_BYTES - head.length() - tail.length();
        byte[] exact = (head + "a".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
        assertEquals(1 << 20, exact.length);
        assertEquals("heartbeat", Wire.decode(exact).type());
        byte[] over = (head + "a".repeat(pad + 1) + tail).getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> Wire.decode(over));
    }

    @Test
    @DisplayName("a fence survives a terminal restart: an id answered not_found never trades, even after the EA restarted")
    void fence_survivesRestart() throws Exception {
        try (Harness h = new Harness(AccountMode.HEDGING)) {
            String cid = Harness.cid("fence");
            try (Raw raw = new Raw(h.terminal)) {
                Msg s = raw.ask("{\"type\":\"order_status\",\"id\":\"1\",\"client_order_id\":\"" + cid + "\"}");
                assertEquals("not_found", s.str("state"));
                assertEquals(cid, s.str("client_order_id"));
                assertEquals(false, s.has("retcode"), "not_found carries no outcome fields: " + s.node());
            }
            String before = h.terminal.session();
            h.terminal.restart();
            Await.until(() -> h.connection.session().map(x -> !x.session().equals(before)).orElse(false)
                    && h.connection.state() == ConnectionState.CONNECTED, "the client back on the restarted terminal");
            ExecutionReport r = h.resolution(submitted(h, cid));
            assertEquals(ExecutionStatus.REJECTED, r.status(), r.toString());
            assertEquals(TradeReturnCode.REJECT, r.returnCode(), r.toString());
            assertEquals(0, h.terminal.executions(cid), "a fenced id traded after a restart");
        }
    }

    private static String submitted(Harness h, String cid) {
        h.submit(h.market(cid, "EURUSD", Side.BUY, 0.1));
        return cid;
    }

    @Test
    @DisplayName("bars: to_utc_ms bounds the last bar's open time, the forming bar is the last without it, an unknown symbol is bars_reply unknown_symbol")
    void bars_boundsAndUnknownSymbol() throws Exception {
        Clock fixed = Clock.fixed(NOON.plusSeconds(30), ZoneOffset.UTC);
        try (SimulatedMt5Terminal t = terminal(fixed); Raw raw = new Raw(t)) {
            Msg now = raw.ask("{\"type\":\"bars\",\"id\":\"1\",\"symbol\":\"EURUSD.m\",\"timeframe\":\"M1\",\"count\":3}");
            List<Msg> bars = now.objects("bars");
            assertEquals(3, bars.size());
            assertEquals(NOON.toEpochMilli(), bars.get(2).lng("utc_ms"), "the forming bar (opened 12:00, now 12:00:30) is the last");
            long to = NOON.minusSeconds(600).plusSeconds(10).toEpochMilli();
            Msg bounded = raw.ask("{\"type\":\"bars\",\"id\":\"2\",\"symbol\":\"EURUSD.m\",\"timeframe\":\"M1\",\"count\":3,"
                    + "\"to_utc_ms\":" + to + "}");
            List<Msg> older = bounded.objects("bars");
            assertEquals(NOON.minusSeconds(600).toEpochMilli(), older.get(2).lng("utc_ms"),
                    "the last bar is the one open at to_utc_ms");
            assertEquals(NOON.minusSeconds(720).toEpochMilli(), older.get(0).lng("utc_ms"));
            Msg unknown = raw.ask("{\"type\":\"bars\",\"id\":\"3\",\"symbol\":\"NOPE.m\",\"timeframe\":\"M1\",\"count\":3}");
            assertEquals("bars_reply", unknown.type());
            assertEquals("3", unknown.id());
            assertEquals(false, unknown.bool("ok", true));
            assertEquals("unknown_symbol", unknown.str("error"));
        }
    }

    @Test
    @DisplayName("no usable id is error_reply malformed; a field error is <type>_reply bad_request with the request's id")
    void malformedVersusBadRequest() throws Exception {
        try (SimulatedMt5Terminal t = terminal(Harness.WEDNESDAY); Raw raw = new Raw(t)) {
            Msg noId = raw.ask("{\"type\":\"ping\"}");
            assertEquals("error_reply", noId.type(), noId.node().toString());
            assertEquals("", noId.id());
            assertEquals("malformed", noId.str("error"));
            Msg longId = raw.ask("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}");
            assertEquals("error_reply", longId.type(), longId.node().toString());
            assertEquals("malformed", longId.str("error"));
            Msg field = raw.ask("{\"type\":\"bars\",\"id\":\"9\",\"symbol\":\"EURUSD.m\",\"timeframe\":\"M1\",\"count\":\"x\"}");
            assertEquals("bars_reply", field.type(), field.node().toString());
            assertEquals("9", field.id());
            assertEquals("bad_request", field.str("error"));
            assertTrue(field.str("message").contains("count"), field.str("message"));
        }
    }

    @Test
    @DisplayName("a member name given twice makes a message malformed, for the client's decoder and the simulated terminal")
    void duplicateKeys_areMalformed() throws Exception {
        assertThrows(MalformedMessageException.class, () -> Wire.decode(
                "{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedMessageException.class, () -> Wire.decode(
                "{\"type\":\"trade\",\"seq\":1,\"session\":\"s\",\"volume\":0.1,\"volume\":9}".getBytes(StandardCharsets.UTF_8)));
        try (SimulatedMt5Terminal t = terminal(Harness.WEDNESDAY); Raw raw = new Raw(t)) {
            String cid = "dup-" + System.nanoTime() % 100000;
            double ask = t.quote("EURUSD")[1];
            Msg r = raw.ask("{\"type\":\"order\",\"id\":\"1\",\"client_order_id\":\"" + cid + "\",\"symbol\":\"EURUSD.m\","
                    + "\"side\":\"buy\",\"volume\":0.1,\"volume\":5,\"price\":" + ask + "}");
            assertEquals("error_reply", r.type(), r.node().toString());
            assertEquals("malformed", r.str("error"));
            assertEquals(0, t.executions(cid), "an order with a doubled member was executed");
        }
    }

    private static SimulatedMt5Terminal terminal(Clock clock) {
        return SimulatedMt5Terminal.builder().symbols(Harness.SYMBOLS).brokerSuffix(".m")
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(clock).start();
    }

    /** A bare DEALER: one request, one reply, nothing of the client's logic in between. */
    private static final class Raw implements AutoCloseable {
        private final ZContext ctx = new ZContext(1);
        private final ZMQ.Socket dealer;

        Raw(SimulatedMt5Terminal t) {
            dealer = RawDealers.connected(ctx, t.commandEndpoint());
        }

        Msg ask(String json) throws MalformedMessageException {
            dealer.send(json.getBytes(StandardCharsets.UTF_8), 0);
            while (true) {
                byte[] reply = dealer.recv(0);
                assertNotNull(reply, "no reply to " + json);
                Msg m = Wire.decode(reply);
                if (!m.id().startsWith("warm-")) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            ctx.close();
        }
    }
}

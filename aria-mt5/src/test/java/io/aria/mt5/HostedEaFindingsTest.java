package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQL5 review findings of issue 12, each reproduced through the EA host harness: the EA's own
 * code answers real protocol frames while the host plays the terminal and the trade server.
 */
@DisplayName("AriaBridge EA review findings, run in the EA host")
class HostedEaFindingsTest {

    /** Wednesday 3 January 2024 12:00 UTC: forex is open. */
    private static final long WEDNESDAY_NOON = 1704283200000L;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private HostedEa ea(HostedEa.Options o) {
        HostedEa ea = HostedEa.start(o);
        open.add(ea);
        return ea;
    }

    private RawEaClient client(HostedEa ea) {
        RawEaClient c = new RawEaClient(ea);
        open.add(c);
        return c;
    }

    private static ObjectNode order(String coid, String symbol, String side, double volume, double price) {
        ObjectNode o = RawEaClient.msg("order");
        o.put("client_order_id", coid);
        o.put("symbol", symbol);
        o.put("side", side);
        o.put("volume", volume);
        o.put("price", price);
        return o;
    }

    private static ObjectNode close(String coid, long position, double volume) {
        ObjectNode o = RawEaClient.msg("close");
        o.put("client_order_id", coid);
        o.put("position", position);
        o.put("volume", volume);
        return o;
    }

    private static void assertRetcode(int expected, JsonNode reply) {
        assertEquals(expected, reply.path("retcode").asInt(), () -> "retcode of " + reply);
    }

    @Nested
    @DisplayName("1: a close larger than the position")
    class OversizedClose {

        @Test
        @DisplayName("on netting is refused with 10014 and nothing is sent (it would reverse the position)")
        void nettingCloseAboveVolume_refused() {
            HostedEa ea = ea(new HostedEa.Options().mode("netting"));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            JsonNode open = c.request(order("f1-open", "EURUSD", "buy", 1.0, 1.10012));
            assertRetcode(10009, open);

            JsonNode r = c.request(close("f1-close", open.path("position").asLong(), 2.0));

            assertRetcode(10014, r);
            JsonNode positions = ea.positions();
            assertAll(() -> assertEquals(1, positions.size(), "positions " + positions),
                    () -> assertEquals("buy", positions.get(0).path("side").asText(), "still long"),
                    () -> assertEquals(1.0, positions.get(0).path("volume").asDouble(), 1e-9, "volume"),
                    () -> assertEquals(1, ea.deals().size(), "no deal was sent for the close"));
        }

        @Test
        @DisplayName("above SYMBOL_VOLUME_MAX is split into deals of at most the maximum, as CTrade::PositionClose does")
        void closeAboveVolumeMax_split() {
            HostedEa ea = ea(new HostedEa.Options().mode("netting").balance(10_000_000));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            JsonNode first = c.request(order("f1s-a", "EURUSD", "buy", 100, 1.10012));
            assertRetcode(10009, first);
            assertRetcode(10009, c.request(order("f1s-b", "EURUSD", "buy", 50, 1.10012)));

            JsonNode r = c.request(close("f1s-close", first.path("position").asLong(), 0));

            assertRetcode(10009, r);
            assertEquals(150.0, r.path("volume").asDouble(), 1e-9, "closed volume in " + r);
            assertEquals(0, ea.positions().size(), "flat: " + ea.positions());
            JsonNode deals = ea.deals();
            assertEquals(4, deals.size(), "two opening and two closing deals: " + deals);
            assertEquals(100.0, deals.get(2).path("volume").asDouble(), 1e-9, "first close deal at the maximum");
            assertEquals(50.0, deals.get(3).path("volume").asDouble(), 1e-9, "the rest");
        }
    }

    @Nested
    @DisplayName("7: volumes and prices are normalised before OrderSend")
    class Normalisation {

        @Test
        @DisplayName("a volume with binary noise (0.1 + 0.2) and an SL past the symbol's digits still trade, normalised")
        void noisyVolumeAndStops_normalised() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ObjectNode o = order("f7", "EURUSD", "buy", 0.1 + 0.2, 1.10012);
            o.put("sl", 1.0950000000004);
            o.put("tp", 1.1050000000003);

            JsonNode r = c.request(o);

            assertRetcode(10009, r);
            JsonNode p = ea.positions().get(0);
            assertAll(() -> assertEquals(0.3, p.path("volume").asDouble(), 0.0, "volume on the step grid"),
                    () -> assertEquals(1.095, p.path("sl").asDouble(), 0.0, "sl on the tick grid"),
                    () -> assertEquals(1.105, p.path("tp").asDouble(), 0.0, "tp on the tick grid"));
        }

        @Test
        @DisplayName("a partial close that is not a multiple of the step closes the step below (never more than asked)")
        void partialCloseOffStep_roundedDown() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            JsonNode open = c.request(order("f7c-open", "EURUSD", "buy", 0.35, 1.10012));
            assertRetcode(10009, open);

            JsonNode r = c.request(close("f7c-close", open.path("position").asLong(), 0.35 / 2));

            assertRetcode(10009, r);
            assertEquals(0.17, r.path("volume").asDouble(), 1e-9, "closed in " + r);
            assertEquals(0.18, ea.positions().get(0).path("volume").asDouble(), 1e-9, "left");
        }
    }

    @Nested
    @DisplayName("4: the filling mode follows SYMBOL_TRADE_EXEMODE and SYMBOL_FILLING_MODE")
    class Filling {

        @Test
        @DisplayName("Instant execution fills market orders Fill or Kill, whatever the filling flags say")
        void instantExecution_fok() {
            // EURUSD with Instant execution (1) and only the IOC flag (2)
            HostedEa ea = ea(new HostedEa.Options().extra("--exemode", "EURUSD=1", "--filling", "EURUSD=2"));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);

            assertRetcode(10009, c.request(order("f4-instant", "EURUSD", "buy", 0.1, 1.10012)));
        }

        @Test
        @DisplayName("a client-forced filling the symbol does not allow is refused with 10030, naming the field, nothing sent")
        void forcedFillingNotAllowed_refused() {
            // Market execution with the FOK flag only: IOC is not allowed; RETURN is
            HostedEa ea = ea(new HostedEa.Options().extra("--filling", "EURUSD=1"));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ObjectNode ioc = order("f4-ioc", "EURUSD", "buy", 0.1, 1.10012);
            ioc.put("filling", "ioc");
            ObjectNode ret = order("f4-return", "EURUSD", "buy", 0.1, 1.10012);
            ret.put("filling", "return");

            JsonNode refused = c.request(ioc);
            JsonNode returned = c.request(ret);

            assertRetcode(10030, refused);
            assertTrue(refused.path("message").asText().contains("filling"), () -> "message naming the field in " + refused);
            assertRetcode(10009, returned);
            assertEquals(1, ea.deals().size(), "only the RETURN order traded");
        }

        @Test
        @DisplayName("a forced RETURN with Instant execution is refused before sending")
        void forcedReturnOnInstant_refused() {
            HostedEa ea = ea(new HostedEa.Options().extra("--exemode", "EURUSD=1"));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ObjectNode o = order("f4-ret-instant", "EURUSD", "buy", 0.1, 1.10012);
            o.put("filling", "return");

            JsonNode r = c.request(o);

            assertRetcode(10030, r);
            assertTrue(r.path("message").asText().contains("filling"), () -> "message naming the field in " + r);
        }
    }

    @Nested
    @DisplayName("5: position_volume of a trade event")
    class PositionVolume {

        @Test
        @DisplayName("comes from the position's deals, also when the position is gone by the time the transaction arrives")
        void lateTransaction_volumeFromDeals() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ea.command("fault hold-transactions");
            JsonNode open = c.request(order("f5-open", "EURUSD", "buy", 1.0, 1.10012));
            JsonNode closed = c.request(close("f5-close", open.path("position").asLong(), 0));
            assertRetcode(10009, closed);
            ea.command("fault release-transactions");

            JsonNode in = c.awaitEvent(e -> e.path("deal").asLong() == open.path("deal").asLong(), Duration.ofSeconds(10),
                    "the opening deal's trade event");
            JsonNode out = c.awaitEvent(e -> e.path("deal").asLong() == closed.path("deal").asLong(), Duration.ofSeconds(10),
                    "the closing deal's trade event");
            assertEquals(1.0, in.path("position_volume").asDouble(), 1e-9, "after the in deal: " + in);
            assertEquals(0.0, out.path("position_volume").asDouble(), 1e-9, "after the out deal: " + out);
        }
    }

    @Nested
    @DisplayName("2: a failed bind")
    class BindRetry {

        @Test
        @DisplayName("keeps the EA loaded and binds from the timer once the port is free")
        void portTaken_retriedFromTimer() throws Exception {
            ServerSocket squatter = new ServerSocket();
            squatter.setReuseAddress(false);
            squatter.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = squatter.getLocalPort();
            int pub;
            try (ServerSocket s = new ServerSocket(0)) {
                pub = s.getLocalPort();
            }
            HostedEa ea;
            try {
                ea = ea(new HostedEa.Options().ports(port, pub).initMayFail());
                assertEquals(0, ea.initResult(), "OnInit succeeds although the port is held");
                assertFalse(ea.removed(), "the EA stays loaded");
                Await.until(() -> ea.logContains("retry"), Duration.ofSeconds(10), "a log line saying the bind is retried");
            } finally {
                squatter.close();
            }
            RawEaClient c = client(ea);
            ObjectNode hello = RawEaClient.msg("hello");
            hello.put("protocol", 1);
            assertTrue(c.request(hello).path("ok").asBoolean(), "the EA answers once bound");
        }
    }

    @Nested
    @DisplayName("8: parser growth")
    class ParserGrowth {

        @Test
        @DisplayName("a frame with more elements than the cap is malformed, and the EA answers the next request")
        void hugeArray_malformedAndResponsive() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            StringBuilder b = new StringBuilder("{\"type\":\"ping\",\"id\":\"big\",\"x\":[0");
            for (int i = 1; i < 300_000; i++) {
                b.append(",0");
            }
            b.append("]}");
            c.sendRaw(b.toString().getBytes(StandardCharsets.UTF_8));

            JsonNode r = c.awaitAnyReply(Duration.ofSeconds(60));

            assertEquals("malformed", r.path("error").asText(), () -> "reply " + r);
            assertTrue(r.path("message").asText().contains("elements"), () -> "message " + r);
            assertTrue(c.request(RawEaClient.msg("ping")).path("ok").asBoolean(), "answers the next ping");
        }
    }

    @Nested
    @DisplayName("9: a fresh subscription")
    class FreshSubscription {

        @Test
        @DisplayName("never waits for the symbol's tick synchronisation inside a request handler; ticks start once it is synchronised")
        void unsyncedSymbol_noBlockingCall() {
            // the terminal needs 3 s to synchronise EURUSD's ticks; CopyTicks waits for it
            HostedEa ea = ea(new HostedEa.Options().extra("--unsynced", "EURUSD=3000"));
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ObjectNode sub = RawEaClient.msg("subscribe");
            sub.putArray("symbols").add("EURUSD");
            assertTrue(c.request(sub).path("ok").asBoolean(), "subscribed");
            ea.quote("EURUSD", 1.10001, 1.10013, WEDNESDAY_NOON + 1);

            c.awaitEvent(e -> "tick".equals(e.path("type").asText()) && e.path("bid").asDouble() == 1.10001,
                    Duration.ofSeconds(20), "the tick after the synchronisation");
            assertEquals(0, ea.account().path("blocked_ms").asLong(), "milliseconds the EA's thread waited in CopyTicks");
        }
    }

    @Nested
    @DisplayName("11: smaller findings")
    class Smaller {

        @Test
        @DisplayName("BindAddress 'localhost' binds loopback (libzmq binds addresses and interfaces, not host names)")
        void localhost_bindsLoopback() {
            HostedEa ea = ea(new HostedEa.Options().input("InpBindAddress", "localhost"));
            RawEaClient c = client(ea);
            ObjectNode hello = RawEaClient.msg("hello");
            hello.put("protocol", 1);
            assertTrue(c.request(hello).path("ok").asBoolean(), "answers on 127.0.0.1");
        }

        @Test
        @DisplayName("the EA's own Algo Trading permission (MQL_TRADE_ALLOWED) is reported in hello and logged at start")
        void mqlTradeAllowed_reported() {
            HostedEa ea = ea(new HostedEa.Options().extra("--mql-trade", "0"));
            RawEaClient c = client(ea);
            ObjectNode hello = RawEaClient.msg("hello");
            hello.put("protocol", 1);
            JsonNode r = c.request(hello);
            assertTrue(r.has("program_trade_allowed") && !r.path("program_trade_allowed").asBoolean(), () -> "hello_reply " + r);
            assertTrue(ea.logContains("MQL_TRADE_ALLOWED"), () -> "a start-up warning" + ea.tail());
        }
    }

    @Nested
    @DisplayName("framing (PROTOCOL.md 2, 12)")
    class Framing {

        @Test
        @DisplayName("a frame with a NUL byte is malformed (CharArrayToString would stop at it and hide the rest)")
        void nulByte_malformed() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            c.sendRaw("{\"type\":\"ping\",\"id\":\"n1\"}\u0000garbage".getBytes(StandardCharsets.UTF_8));

            JsonNode r = c.awaitAnyReply(Duration.ofSeconds(10));

            assertAll("reply " + r, () -> assertEquals("error_reply", r.path("type").asText(), "type"),
                    () -> assertEquals("malformed", r.path("error").asText(), "error"),
                    () -> assertTrue(r.path("message").asText().contains("NUL"), "message"));
        }

        @Test
        @DisplayName("a member name twice in one object is malformed (the EA kept the first, Jackson keeps the last)")
        void duplicateKey_malformed() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            c.sendRaw("{\"type\":\"ping\",\"id\":\"d1\",\"id\":\"d2\"}".getBytes(StandardCharsets.UTF_8));

            JsonNode r = c.awaitAnyReply(Duration.ofSeconds(10));

            assertAll("reply " + r, () -> assertEquals("malformed", r.path("error").asText(), "error"),
                    () -> assertTrue(r.path("message").asText().contains("\"id\""), "message names the member"));
        }

        @Test
        @DisplayName("a frame of exactly 1 MiB is read; one byte more is malformed; the EA goes on")
        void oneMebibyteBoundary() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            c.sendRaw(frameOf(1 << 20, "at"));
            JsonNode at = c.awaitAnyReply(Duration.ofSeconds(20));
            c.sendRaw(frameOf((1 << 20) + 1, "above"));
            JsonNode above = c.awaitAnyReply(Duration.ofSeconds(20));

            assertAll(() -> assertTrue(at.path("ok").asBoolean(), () -> "exactly 1 MiB: " + at),
                    () -> assertEquals("malformed", above.path("error").asText(), () -> "1 MiB + 1: " + above),
                    () -> assertTrue(c.request(RawEaClient.msg("ping")).path("ok").asBoolean(), "answers the next ping"));
        }

        /** A ping of exactly n bytes (UTF-8), padded with an unknown field the EA must ignore. */
        private byte[] frameOf(int n, String id) {
            String head = "{\"type\":\"ping\",\"id\":\"" + id + "\",\"pad\":\"";
            String tail = "\"}";
            return (head + "x".repeat(n - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Nested
    @DisplayName("10: re-initialisation (input change: globals survive)")
    class Reinit {

        @Test
        @DisplayName("starts a new session whose sequence numbers start again at 1")
        void reinit_resetsSeq() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            c.awaitEvent(e -> e.path("seq").asLong() >= 15, Duration.ofSeconds(30), "fifteen PUB messages");
            ObjectNode hello = RawEaClient.msg("hello");
            hello.put("protocol", 1);
            JsonNode before = c.request(hello);

            ea.command("reinit");
            ObjectNode again = RawEaClient.msg("hello");
            again.put("protocol", 1);
            JsonNode after = c.request(again);

            assertNotEquals(before.path("session").asText(), after.path("session").asText(), "a new session");
            assertTrue(after.path("pub_seq").asLong() < before.path("pub_seq").asLong(),
                    () -> "pub_seq of the new session " + after.path("pub_seq") + " continues the old " + before.path("pub_seq"));
        }
    }

    @Nested
    @DisplayName("3: trade transactions the terminal lost")
    class MissedTransactions {

        @Test
        @DisplayName("are found by the history scan on the timer and published once")
        void droppedDealAdd_publishedByScan() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ea.command("fault drop-deal-adds 2");
            JsonNode r = c.request(order("f3", "EURUSD", "buy", 0.1, 1.10012));
            assertRetcode(10009, r);
            ea.command("trade EURUSD sell 0.1");
            long manual = ea.deals().get(1).path("ticket").asLong();

            c.awaitEvent(e -> e.path("deal").asLong() == r.path("deal").asLong(), Duration.ofSeconds(15), "the order's deal");
            c.awaitEvent(e -> e.path("deal").asLong() == manual, Duration.ofSeconds(15), "the manual deal");
            c.drainEvents(Duration.ofMillis(2500));
            assertEquals(1, c.trades().stream().filter(e -> e.path("deal").asLong() == manual).count(), "published once");
            assertEquals(1, c.trades().stream().filter(e -> e.path("deal").asLong() == r.path("deal").asLong()).count(),
                    "published once");
        }
    }

    @Nested
    @DisplayName("6: idempotency across restarts and when history cannot be trusted")
    class Idempotency {

        @TempDir
        Path dir;

        private HostedEa.Options persistent(Path sandbox) {
            return new HostedEa.Options().sandbox(sandbox).state(dir.resolve("server-state.txt"));
        }

        @Test
        @DisplayName("after a crash, a resent id is a duplicate even when the broker rewrote every comment")
        void restartWithRewrittenComments_noSecondOrder() throws Exception {
            Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
            HostedEa first = ea(persistent(sandbox));
            RawEaClient c1 = client(first);
            first.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            assertRetcode(10009, c1.request(order("r-1", "EURUSD", "buy", 0.1, 1.10012)));
            first.command("fault rewrite-comments");
            first.kill();

            HostedEa second = ea(persistent(sandbox));
            RawEaClient c2 = client(second);
            JsonNode again = c2.request(order("r-1", "EURUSD", "buy", 0.1, 1.10012));
            ObjectNode status = RawEaClient.msg("order_status");
            status.put("client_order_id", "r-1");
            JsonNode st = c2.request(status);

            assertTrue(again.path("duplicate").asBoolean(), () -> "a duplicate, not a second order: " + again);
            assertEquals(1, second.deals().size(), "one deal on the server: " + second.deals());
            assertEquals("filled", st.path("state").asText(), () -> "order_status " + st);
        }

        @Test
        @DisplayName("an order placed but not filled (exchange execution) is not resent after a restart that lost the id table")
        void placedOrder_foundInActiveOrders() throws Exception {
            HostedEa.Options o1 = persistent(Files.createDirectories(dir.resolve("s1"))).extra("--exemode", "EURUSD=3", "--filling", "EURUSD=0");
            HostedEa first = ea(o1);
            RawEaClient c1 = client(first);
            first.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            first.command("fault retcode 10008 placed");
            assertRetcode(10008, c1.request(order("p-1", "EURUSD", "buy", 0.1, 1.10012)));
            first.kill();

            HostedEa second = ea(persistent(Files.createDirectories(dir.resolve("s2"))).extra("--exemode", "EURUSD=3", "--filling", "EURUSD=0"));
            RawEaClient c2 = client(second);
            JsonNode again = c2.request(order("p-1", "EURUSD", "buy", 0.1, 1.10012));

            assertTrue(again.path("duplicate").asBoolean(), () -> "found among the active orders: " + again);
            assertEquals(0, second.deals().size(), "nothing traded: " + second.deals());
        }

        @Test
        @DisplayName("order_status answers in_flight, not a fencing not_found, while the history cannot be read or the terminal is offline")
        void historyUnavailable_inFlight() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            ea.command("fault history-fail 1000000");
            ObjectNode status = RawEaClient.msg("order_status");
            status.put("client_order_id", "h-1");
            JsonNode failing = c.request(status);
            ea.command("fault history-fail 0");
            ea.command("set connected 0");
            ObjectNode status2 = RawEaClient.msg("order_status");
            status2.put("client_order_id", "h-1");
            JsonNode offline = c.request(status2);
            ea.command("set connected 1");

            assertEquals("in_flight", failing.path("state").asText(), () -> "with HistorySelect failing: " + failing);
            assertEquals("in_flight", offline.path("state").asText(), () -> "with the terminal offline: " + offline);
            assertRetcode(10009, c.request(order("h-1", "EURUSD", "buy", 0.1, 1.10012)));
        }
    }

    @Nested
    @DisplayName("a known client order id with other terms")
    class Conflict {

        @Test
        @DisplayName("is refused as a conflict (ok:false, error conflict), never answered as a duplicate")
        void sameIdOtherSideOrVolume_conflict() {
            HostedEa ea = ea(new HostedEa.Options());
            RawEaClient c = client(ea);
            ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
            assertRetcode(10009, c.request(order("dup-1", "EURUSD", "buy", 0.1, 1.10012)));

            JsonNode side = c.request(order("dup-1", "EURUSD", "sell", 0.1, 1.10000));
            JsonNode volume = c.request(order("dup-1", "EURUSD", "buy", 0.2, 1.10012));
            JsonNode same = c.request(order("dup-1", "EURUSD", "buy", 0.1, 1.10012));

            for (JsonNode r : List.of(side, volume)) {
                assertAll("reply " + r, () -> assertFalse(r.path("ok").asBoolean(), "ok"),
                        () -> assertEquals("conflict", r.path("error").asText(), "error"),
                        () -> assertTrue(r.path("message").asText().contains("dup-1"), "message names the id"));
            }
            assertTrue(same.path("duplicate").asBoolean(), "the same terms are a duplicate: " + same);
            assertEquals(1, ea.deals().size(), "one deal");
        }
    }
}

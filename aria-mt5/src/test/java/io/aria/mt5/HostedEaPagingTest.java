package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, finding 11 ("page them") and the position id on a netting reversal (PROTOCOL.md 2,
 * 5.2, 5.9, 5.11), through the EA's own code in the host harness: a history and a Market Watch
 * whose whole reply would be several MiB come in frames of at most 1 MiB that the client follows
 * to the end; a position reversed on a netting account keeps the identifier the client knows
 * while the host's trade server gives it a new ticket, as MT5 does.
 */
@DisplayName("AriaBridge EA: paged deals and symbols, and the identifier of a reversed netting position")
class HostedEaPagingTest {

    private static final int FRAME_LIMIT = 1_048_576;
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

    private RawEaClient raw(HostedEa ea) {
        RawEaClient c = new RawEaClient(ea);
        open.add(c);
        return c;
    }

    private Mt5Connection client(HostedEa ea) throws Exception {
        return client(ea, Duration.ofMillis(200));
    }

    private Mt5Connection client(HostedEa ea, Duration heartbeat) throws Exception {
        Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(ea.commandEndpoint())
                .eventEndpoint(ea.eventEndpoint()).symbols(List.of("EURUSD")).heartbeatInterval(heartbeat)
                .requestTimeout(Duration.ofSeconds(30)).build());
        open.add(c);
        try {
            c.connect().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e + ea.tail(), e);
        }
        return c;
    }

    /** Follows the cursor by hand; returns every page, each checked against the frame limit. */
    private static List<JsonNode> pages(RawEaClient c, ObjectNode first, List<Integer> sizes) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = "";
        for (int i = 0; i < 100; i++) {
            ObjectNode q = first.deepCopy();
            if (!cursor.isEmpty()) {
                q.put("cursor", cursor);
            }
            JsonNode r = c.request(q);
            sizes.add(c.lastReplyBytes);
            assertTrue(r.path("ok").asBoolean(), () -> "page " + out.size() + ": " + r);
            out.add(r);
            if (!r.path("more").asBoolean(false)) {
                return out;
            }
            cursor = r.path("next").asText();
        }
        throw new AssertionError("no last page after 100");
    }

    @Test
    @DisplayName("8,000 deals (several MiB): frames of at most 1 MiB, every deal once, in order, raw and through the client")
    void longHistory_pagedBelowTheFrameLimit() throws Exception {
        HostedEa ea = ea(new HostedEa.Options().extra("--history", "8000"));
        List<Long> truth = new ArrayList<>();
        for (JsonNode d : ea.deals()) {
            truth.add(d.path("ticket").asLong());
        }
        assertEquals(8000, truth.size(), "the host's history");

        RawEaClient c = raw(ea);
        ObjectNode q = RawEaClient.msg("deals");
        q.put("from_utc_ms", 0);
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> pages = pages(c, q, sizes);
        List<Long> seen = new ArrayList<>();
        long lastTime = Long.MIN_VALUE;
        for (JsonNode p : pages) {
            for (JsonNode d : p.path("deals")) {
                seen.add(d.path("ticket").asLong());
                assertTrue(d.path("time_msc").asLong() >= lastTime, "oldest first");
                lastTime = d.path("time_msc").asLong();
            }
        }
        long total = sizes.stream().mapToLong(Integer::longValue).sum();
        assertAll(() -> assertTrue(total > 2L * FRAME_LIMIT, () -> "the history is several MiB: " + sizes),
                () -> assertTrue(pages.size() >= 3, () -> "pages: " + sizes),
                () -> assertTrue(sizes.stream().allMatch(n -> n <= FRAME_LIMIT), () -> "frame sizes " + sizes),
                () -> assertEquals(truth, seen, "every deal exactly once, in the history's order"));

        // a page takes the AddressSanitizer build of the EA about half a second (its heartbeats
        // wait meanwhile): the production heartbeat, not the 200 ms of the other hosted tests
        Mt5Connection client = client(ea, Duration.ofSeconds(1));
        List<io.aria.mt5.Deal> deals = client.gateway().deals(0).toCompletableFuture().get(120, TimeUnit.SECONDS);
        assertEquals(truth, deals.stream().map(io.aria.mt5.Deal::ticket).toList(), "the client's deals(0)");
    }

    @Test
    @DisplayName("3,001 symbols in Market Watch: frames of at most 1 MiB, every symbol once, in Market Watch order")
    void manySymbols_pagedBelowTheFrameLimit() {
        HostedEa ea = ea(new HostedEa.Options().extra("--extra-symbols", "3000"));
        RawEaClient c = raw(ea);
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> pages = pages(c, RawEaClient.msg("symbols"), sizes);
        List<String> names = new ArrayList<>();
        for (JsonNode p : pages) {
            p.path("symbols").forEach(s -> names.add(s.path("name").asText()));
        }
        List<String> expected = new ArrayList<>(List.of("EURUSD"));
        for (int i = 1; i <= 3000; i++) {
            expected.add(String.format("EURUSD.p%04d", i));
        }
        assertAll(() -> assertTrue(pages.size() >= 2, () -> "pages: " + sizes),
                () -> assertTrue(sizes.stream().allMatch(n -> n <= FRAME_LIMIT), () -> "frame sizes " + sizes),
                () -> assertEquals(expected, names, "every symbol exactly once, in order"));
    }

    @Test
    @DisplayName("the client's handshake (symbols with [] = all of Market Watch) follows the pages of 3,001 symbols and connects")
    void manySymbols_clientHandshakeFollowsThePages() throws Exception {
        HostedEa ea = ea(new HostedEa.Options().extra("--extra-symbols", "3000"));
        // a page of 1,700 symbol specs takes the AddressSanitizer build a second or more
        Mt5Connection client = client(ea, Duration.ofSeconds(2));
        Mt5Session s = client.session().orElseThrow();
        assertEquals("EURUSD", s.symbols().get("EURUSD").brokerName(), "the traded symbol's spec from the pages");
    }

    @Test
    @DisplayName("a symbols list by name pages too: unknown names are answered once, on their page")
    void namedSymbols_unknownOnTheirPage() {
        HostedEa ea = ea(new HostedEa.Options().extra("--extra-symbols", "3000"));
        RawEaClient c = raw(ea);
        ObjectNode q = RawEaClient.msg("symbols");
        var arr = q.putArray("symbols");
        List<String> asked = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            asked.add(i % 1000 == 0 ? "NOPE" + i : String.format("EURUSD.p%04d", i));
        }
        asked.forEach(arr::add);
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> pages = pages(c, q, sizes);
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode p : pages) {
            p.path("symbols").forEach(s -> known.add(s.path("name").asText()));
            p.path("unknown").forEach(s -> unknown.add(s.asText()));
        }
        assertAll(() -> assertTrue(pages.size() >= 2, () -> "pages: " + sizes),
                () -> assertTrue(sizes.stream().allMatch(n -> n <= FRAME_LIMIT), () -> "frame sizes " + sizes),
                () -> assertEquals(List.of("NOPE1000", "NOPE2000", "NOPE3000"), unknown),
                () -> assertEquals(asked.stream().filter(s -> !s.startsWith("NOPE")).toList(), known));
    }

    @Test
    @DisplayName("a cursor the EA never sent is a bad_request naming the field")
    void foreignCursor_badRequest() {
        HostedEa ea = ea(new HostedEa.Options());
        RawEaClient c = raw(ea);
        ObjectNode q = RawEaClient.msg("deals");
        q.put("from_utc_ms", 0);
        q.put("cursor", "yesterday");
        JsonNode r = c.request(q);
        ObjectNode s = RawEaClient.msg("symbols");
        s.put("cursor", "-3");
        JsonNode rs = c.request(s);
        assertAll(() -> assertEquals("bad_request", r.path("error").asText(), r::toString),
                () -> assertTrue(r.path("message").asText().contains("\"cursor\""), r::toString),
                () -> assertEquals("bad_request", rs.path("error").asText(), rs::toString));
    }

    @Test
    @DisplayName("netting reversal: new ticket, same identifier; modify, close and reconcile by the identifier keep one position")
    void nettingReversal_identifierKeepsTheBook() throws Exception {
        HostedEa ea = ea(new HostedEa.Options().mode("netting"));
        ea.quote("EURUSD", 1.10000, 1.10012, WEDNESDAY_NOON);
        Mt5Connection client = client(ea);
        Mt5Gateway g = client.gateway();
        Await.until(() -> g.lastTick("EURUSD") != null, Duration.ofSeconds(20), "a first tick");

        ExecutionReport open = g.submit(OrderRequest.market("rev-open", "EURUSD", Side.BUY, 0.10, 1.10012))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, open.status(), open::toString);
        ExecutionReport rev = g.submit(OrderRequest.market("rev-flip", "EURUSD", Side.SELL, 0.30, 1.10000))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, rev.status(), rev::toString);

        JsonNode server = ea.positions();
        assertEquals(1, server.size(), server::toString);
        long ticket = server.get(0).path("ticket").asLong();
        long identifier = server.get(0).path("identifier").asLong();
        assertNotEquals(ticket, identifier, "the reversal gave the position a new ticket (MT5's rule)");
        Await.until(() -> g.positions().size() == 1 && g.positions().get(0).side() == Side.SELL
                && Math.abs(g.positions().get(0).volume() - 0.20) < 1e-9, Duration.ofSeconds(20), "the reversed position in the book");
        assertEquals(identifier, g.positions().get(0).ticket(), "the book's key is the identifier");

        int modified = g.modify(identifier, 1.10500, 1.09000).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(10009, modified, "modify by the identifier");
        ExecutionReport part = g.submit(OrderRequest.market("rev-part", "EURUSD", Side.BUY, 0.05, 1.10012).closing(identifier))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, part.status(), part::toString);
        Await.until(() -> g.positions().size() == 1 && Math.abs(g.positions().get(0).volume() - 0.15) < 1e-9,
                Duration.ofSeconds(20), "the partial close in the book");

        // reconcile from scratch: a new client process reads the book from the terminal
        client.close();
        Mt5Connection again = client(ea);
        Await.until(() -> again.gateway().positions().size() == 1, Duration.ofSeconds(20), "the book after reconnect");
        Position p = again.gateway().positions().get(0);
        JsonNode after = ea.positions();
        assertAll(() -> assertEquals(1, after.size(), after::toString),
                () -> assertEquals(identifier, after.get(0).path("identifier").asLong()),
                () -> assertEquals(1.105, after.get(0).path("sl").asDouble(), 1e-9, "the modify reached the position"),
                () -> assertEquals(0.15, after.get(0).path("volume").asDouble(), 1e-9),
                () -> assertEquals(identifier, p.ticket(), "keyed by identifier after reconnect"),
                () -> assertEquals(Side.SELL, p.side()),
                () -> assertEquals(0.15, p.volume(), 1e-9),
                () -> assertEquals(1, again.gateway().positions().size(), "no phantom"));

        // and the last close by the identifier empties the book
        ExecutionReport rest = again.gateway().submit(OrderRequest.market("rev-rest", "EURUSD", Side.BUY, 0.15, 1.10012)
                .closing(identifier)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FILLED, rest.status(), rest::toString);
        Await.until(() -> again.gateway().positions().isEmpty(), Duration.ofSeconds(20), "the book empty");
        assertEquals(0, ea.positions().size());
        Set<Long> positionsOfDeals = new HashSet<>();
        ea.deals().forEach(d -> positionsOfDeals.add(d.path("position").asLong()));
        assertEquals(Set.of(identifier), positionsOfDeals, "every deal names the identifier");
        assertFalse(ea.logContains("position not found"), ea::tail);
    }
}

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Paged {@code deals} and {@code symbols} replies (PROTOCOL.md 2, 5.2, 5.11) and the position
 * identifier on a netting reversal (5.9), against the simulated terminal and the Java client.
 */
@DisplayName("Paged deals/symbols replies and the netting-reversal identifier (simulated terminal)")
class Mt5PagingTest {

    private static final int FRAME_LIMIT = 1_048_576;

    /** A DEALER that sends exact frames and keeps the size of each reply. */
    private static final class Raw implements AutoCloseable {
        private final ZContext ctx = new ZContext(1);
        private final ZMQ.Socket dealer;
        private final AtomicInteger ids = new AtomicInteger();
        final List<Integer> sizes = new ArrayList<>();

        Raw(SimulatedMt5Terminal t) {
            dealer = RawDealers.connected(ctx, t.commandEndpoint());
            dealer.setReceiveTimeOut(30_000);
        }

        Msg ask(String type, String fields) throws MalformedMessageException {
            String id = "raw-" + ids.incrementAndGet();
            dealer.send(("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"" + fields + "}").getBytes(StandardCharsets.UTF_8), 0);
            while (true) {
                byte[] reply = dealer.recv(0);
                assertNotNull(reply, "no reply to " + type);
                sizes.add(reply.length);
                assertTrue(reply.length <= FRAME_LIMIT, () -> "a frame of " + reply.length + " bytes");
                Msg m = Wire.decode(reply);
                if (id.equals(m.id())) {
                    return m;
                }
            }
        }

        /** Every page of one answer, following {@code next}. */
        List<Msg> pages(String type, String fields) throws MalformedMessageException {
            List<Msg> out = new ArrayList<>();
            String cursor = "";
            for (int i = 0; i < 100; i++) {
                Msg m = ask(type, fields + (cursor.isEmpty() ? "" : ",\"cursor\":\"" + cursor + "\""));
                assertTrue(m.bool("ok", false), m.node().toString());
                out.add(m);
                if (!m.bool("more", false)) {
                    return out;
                }
                cursor = m.str("next");
            }
            throw new AssertionError("no last page after 100");
        }

        @Override
        public void close() {
            ctx.close();
        }
    }

    @Test
    @DisplayName("8,000 deals: frames of at most 1 MiB; raw paging and the client's deals(0) see every deal once, in order")
    void longHistory_pagedAndComplete() throws Exception {
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.NETTING), c -> c.requestTimeout(Duration.ofSeconds(20)))) {
            List<Long> truth = new ArrayList<>();
            for (int i = 0; i < 8000; i++) {
                long deal = h.terminal.tradeExternally("EURUSD", i % 2 == 0 ? Side.BUY : Side.SELL, 0.01, "manual-\u20ac-" + i);
                assertTrue(deal > 0, "deal " + i);
                truth.add(deal);
            }
            List<Long> raw = new ArrayList<>();
            List<Integer> sizes;
            try (Raw r = new Raw(h.terminal)) {
                for (Msg page : r.pages("deals", ",\"from_utc_ms\":0")) {
                    for (Msg d : page.objects("deals")) {
                        raw.add(d.lng("ticket"));
                    }
                }
                sizes = r.sizes;
            }
            List<Long> client = h.gateway.deals(0).toCompletableFuture().get(60, TimeUnit.SECONDS).stream()
                    .map(Deal::ticket).toList();
            long total = sizes.stream().mapToLong(Integer::longValue).sum();
            assertAll(() -> assertTrue(total > 2L * FRAME_LIMIT && sizes.size() >= 3, () -> "pages " + sizes),
                    () -> assertEquals(truth, raw, "raw pages: every deal once, in order"),
                    () -> assertEquals(truth, client, "the client's deals(0)"));
        }
    }

    @Test
    @DisplayName("the handshake follows a symbols reply paged one symbol a page: every traded symbol is known")
    void symbolsPagedOneByOne_handshakeGetsThemAll() {
        try (Harness h = new Harness(b -> b.replyPageBytes(1), c -> { })) {
            Mt5Session s = h.connection.session().orElseThrow();
            assertEquals(java.util.Set.copyOf(Harness.SYMBOLS), s.symbols().keySet(), "symbols of the session");
            h.submit(h.market(Harness.cid("paged"), "XAUUSD", Side.BUY, 0.1));
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("a symbols list paged by a small budget comes back whole, unknown names once, on their page")
    void symbolsPaged_rawPagesWhole() throws Exception {
        try (Harness h = new Harness(b -> b.replyPageBytes(400), c -> { }); Raw r = new Raw(h.terminal)) {
            List<Msg> pages = r.pages("symbols", ",\"symbols\":[\"EURUSD.m\",\"NOPE\",\"XAUUSD.m\",\"USDJPY.m\"]");
            List<String> names = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (Msg p : pages) {
                for (Msg s : p.objects("symbols")) {
                    names.add(s.str("name"));
                }
                unknown.addAll(p.strings("unknown"));
            }
            assertAll(() -> assertTrue(pages.size() >= 3, "pages " + r.sizes),
                    () -> assertEquals(List.of("EURUSD.m", "XAUUSD.m", "USDJPY.m"), names),
                    () -> assertEquals(List.of("NOPE"), unknown));
        }
    }

    @Test
    @DisplayName("a terminal whose deals pages never end is cut off at the page bound; the query still completes")
    void endlessPages_cutOffAtTheBound() throws Exception {
        try (Harness h = new Harness(AccountMode.HEDGING)) {
            h.submit(h.market(Harness.cid("one"), "EURUSD", Side.BUY, 0.1));
            h.terminal.faults().endlessPages("deals");
            List<Deal> deals = h.gateway.deals(0).toCompletableFuture().get(120, TimeUnit.SECONDS);
            assertAll(() -> assertEquals(Pages.MAX_PAGES, h.terminal.faults().endlessPagesServed(), "pages asked"),
                    () -> assertEquals(Pages.MAX_PAGES, deals.size(), "the one deal, once per page received"));
            // and the link is fine afterwards
            h.submit(h.market(Harness.cid("two"), "EURUSD", Side.BUY, 0.1));
            h.assertInvariants();
        }
    }

    @Test
    @DisplayName("netting reversal: the terminal gives a new ticket; the book, modify, close and reconcile go by the identifier")
    void nettingReversal_identifierKeepsTheBook() throws Exception {
        try (Harness h = new Harness(AccountMode.NETTING); Raw raw = new Raw(h.terminal)) {
            assertEquals(ExecutionStatus.FILLED, h.submit(h.market(Harness.cid("open"), "EURUSD", Side.BUY, 0.1)).status());
            ExecutionReport flip = h.submit(h.market(Harness.cid("flip"), "EURUSD", Side.SELL, 0.3));
            assertEquals(ExecutionStatus.FILLED, flip.status(), flip::toString);
            Msg wire = raw.ask("positions", "").objects("positions").get(0);
            long ticket = wire.lng("ticket");
            long identifier = wire.lng("identifier");
            assertNotEquals(ticket, identifier, "MT5 gives a reversed netting position a new ticket");
            Await.until(() -> h.gateway.positions().size() == 1 && h.gateway.positions().get(0).side() == Side.SELL,
                    Duration.ofSeconds(10), "the reversed position");
            assertEquals(identifier, h.gateway.positions().get(0).ticket(), "keyed by identifier");

            double[] q = h.terminal.quote("EURUSD");
            int code = Harness.get(h.gateway.modify(identifier, Math.round((q[1] + 0.005) * 1e5) / 1e5,
                    Math.round((q[0] - 0.005) * 1e5) / 1e5));
            assertEquals(10009, code, "modify by the identifier");
            ExecutionReport part = h.submit(h.market(Harness.cid("part"), "EURUSD", Side.BUY, 0.05).closing(identifier));
            assertEquals(ExecutionStatus.FILLED, part.status(), part::toString);
            h.awaitBooksEqual();

            // reconcile after an EA restart: the book is the terminal's snapshot
            String before = h.terminal.session();
            h.terminal.restart();
            Await.until(() -> h.connection.session().map(x -> !x.session().equals(before)).orElse(false),
                    Duration.ofSeconds(20), "the client on the terminal's new session");
            h.awaitBooksEqual();
            List<Position> book = h.gateway.positions();
            assertAll(() -> assertEquals(1, book.size(), book::toString),
                    () -> assertEquals(identifier, book.get(0).ticket()),
                    () -> assertEquals(Side.SELL, book.get(0).side()),
                    () -> assertEquals(0.15, book.get(0).volume(), 1e-9),
                    () -> assertTrue(book.get(0).stopLoss() > 0, "the modify held"));
            List<Position> fetched = Harness.get(h.gateway.fetchPositions());
            assertEquals(List.of(identifier), fetched.stream().map(Position::ticket).toList(), "fetchPositions by identifier");
            // the last close by the identifier empties the book: no phantom left under the new ticket
            ExecutionReport rest = h.submit(h.market(Harness.cid("rest"), "EURUSD", Side.BUY, 0.15).closing(identifier));
            assertEquals(ExecutionStatus.FILLED, rest.status(), rest::toString);
            Await.until(() -> h.gateway.positions().isEmpty(), Duration.ofSeconds(10), "an empty book, was "
                    + h.gateway.positions());
            h.assertInvariants();
        }
    }
}

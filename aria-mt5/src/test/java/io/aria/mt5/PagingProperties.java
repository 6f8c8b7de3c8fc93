package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.Side;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Paging (PROTOCOL.md 2, 5.11) for any page budget and any number of deals, all made in the
 * same millisecond (the case a time-only cursor gets wrong): the pages hold every deal exactly
 * once, in (time, ticket) order, none is empty, and the client's {@code deals(0)} sees the same.
 */
class PagingProperties {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2024-01-03T12:00:00Z"), ZoneOffset.UTC);

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    @Label("any budget, any count, one millisecond: every deal once, in order, raw and through the client")
    void pagesHoldEveryDealOnce(@ForAll @IntRange(min = 1, max = 4000) int budget,
            @ForAll @IntRange(min = 0, max = 60) int count) throws Exception {
        // heartbeats and timeouts generous: the property is about pages, and a loaded CI machine must
        // not turn it into a reconnect ("deals not sent: the connection is RECONNECTING")
        try (Harness h = new Harness(b -> b.accountMode(AccountMode.NETTING).replyPageBytes(budget).clock(FROZEN)
                .heartbeat(Duration.ofSeconds(1)), c -> c.heartbeatInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(20)))) {
            List<Long> truth = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                truth.add(h.terminal.tradeExternally("EURUSD", i % 3 == 0 ? Side.BUY : Side.SELL, 0.01, "p" + i));
            }
            List<Long> raw = new ArrayList<>();
            int pages = 0;
            try (ZContext ctx = new ZContext(1)) {
                ZMQ.Socket[] dealer = {null};
                String cursor = "";
                while (true) {
                    String id = "p" + pages;
                    byte[] reply = ask(ctx, h.terminal.commandEndpoint(), dealer, ("{\"type\":\"deals\",\"id\":\"" + id
                            + "\",\"from_utc_ms\":0" + (cursor.isEmpty() ? "" : ",\"cursor\":\"" + cursor + "\"") + "}")
                            .getBytes(StandardCharsets.UTF_8));
                    Msg m = Wire.decode(reply);
                    assertEquals(id, m.id());
                    pages++;
                    List<Msg> deals = m.objects("deals");
                    deals.forEach(d -> raw.add(lng(d, "ticket")));
                    if (!m.bool("more", false)) {
                        break;
                    }
                    assertTrue(!deals.isEmpty(), "a page with more to come holds at least one deal");
                    assertTrue(pages <= count, "more pages than deals");
                    cursor = m.str("next");
                }
            }
            List<Long> client = h.gateway.deals(0).toCompletableFuture().get(30, TimeUnit.SECONDS).stream()
                    .map(Deal::ticket).toList();
            assertEquals(truth, raw, "raw pages");
            assertEquals(truth, client, "the client's deals(0)");
        }
    }

    /**
     * One request on a raw DEALER, as a real client would send it: when the terminal stays silent
     * for 3 s, a new DEALER asks again (up to 5 times). A JeroMQ DEALER was seen here to be
     * disconnected right after connecting and then never to reconnect (monitor: CONNECTED,
     * DISCONNECTED, CONNECT_RETRIED, then nothing for 30 s); ARIA's client recovers from that by its
     * heartbeat, and this raw one by a new socket. A request asked twice is harmless: {@code deals}
     * only reads.
     */
    private static byte[] ask(ZContext ctx, String endpoint, ZMQ.Socket[] dealer, byte[] request) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (dealer[0] == null) {
                dealer[0] = ctx.createSocket(SocketType.DEALER);
                dealer[0].setLinger(0);
                dealer[0].setReceiveTimeOut(3_000);
                dealer[0].connect(endpoint);
            }
            dealer[0].send(request, 0);
            byte[] reply = dealer[0].recv(0);
            if (reply != null) {
                return reply;
            }
            ctx.destroySocket(dealer[0]);
            dealer[0] = null;
        }
        throw new AssertionError("the terminal answered none of 5 DEALERs asking " + new String(request, StandardCharsets.UTF_8));
    }

    private static long lng(Msg m, String key) {
        try {
            return m.lng(key);
        } catch (io.aria.mt5.internal.MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}

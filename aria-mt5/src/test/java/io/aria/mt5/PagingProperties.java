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
                ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
                dealer.setLinger(0);
                dealer.setReceiveTimeOut(15_000);
                dealer.connect(h.terminal.commandEndpoint());
                String cursor = "";
                while (true) {
                    String id = "p" + pages;
                    dealer.send(("{\"type\":\"deals\",\"id\":\"" + id + "\",\"from_utc_ms\":0"
                            + (cursor.isEmpty() ? "" : ",\"cursor\":\"" + cursor + "\"") + "}").getBytes(StandardCharsets.UTF_8), 0);
                    Msg m = Wire.decode(dealer.recv(0));
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

    private static long lng(Msg m, String key) {
        try {
            return m.lng(key);
        } catch (io.aria.mt5.internal.MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}

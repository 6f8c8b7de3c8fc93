package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The conflict rule against the simulated terminal, with random pairs of orders under one id
 * from two independent clients: the second is a resend exactly when symbol, side and volume
 * are the first's, whatever its price; otherwise it is refused as a conflict. Either way the id
 * trades at most once and no fill report names a position of another symbol or side.
 */
@Label("two clients, one id: a resend or a conflict, never another order's fill")
class ConflictRuleProperties {

    private static final String[] SYMBOLS = {"EURUSD", "XAUUSD", "USDJPY"};
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Harness harness;
    private static Mt5Connection other;

    @BeforeContainer
    static void start() {
        harness = new Harness(b -> b.accountMode(AccountMode.HEDGING).balance(1_000_000), c -> { });
        other = Mt5Connection.open(Mt5Config.builder().commandEndpoint(harness.terminal.commandEndpoint())
                .eventEndpoint(harness.terminal.eventEndpoint()).symbols(Harness.SYMBOLS)
                .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(3))
                .orderTimeout(Duration.ofSeconds(3)).clock(Harness.WEDNESDAY).build());
        Harness.get(other.connect());
    }

    @AfterContainer
    static void stop() {
        other.close();
        harness.close();
    }

    private static OrderRequest order(String id, int symbol, boolean buy, int centiLots, int priceOffsetPoints) {
        String s = SYMBOLS[symbol];
        Side side = buy ? Side.BUY : Side.SELL;
        double[] q = harness.terminal.quote(s);
        double point = harness.connection.catalog().spec(s).point();
        double price = (buy ? q[1] : q[0]) + priceOffsetPoints * point;
        return OrderRequest.market(id, s, side, centiLots / 100.0, price);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void secondOrderUnderAKnownId_isAResendOrAConflict(
            @ForAll @IntRange(min = 0, max = 2) int symbolA, @ForAll boolean buyA, @ForAll @IntRange(min = 1, max = 3) int lotsA,
            @ForAll @IntRange(min = 0, max = 2) int symbolB, @ForAll boolean buyB, @ForAll @IntRange(min = 1, max = 3) int lotsB,
            @ForAll @IntRange(min = -5, max = 5) int priceOffsetB, @ForAll boolean resend) {
        if (resend) { // half the tries resend the first order (at another price): an 18th would by chance
            symbolB = symbolA;
            buyB = buyA;
            lotsB = lotsA;
        }
        String id = "prop-" + IDS.incrementAndGet();
        OrderRequest a = order(id, symbolA, buyA, lotsA, 0);
        OrderRequest b = order(id, symbolB, buyB, lotsB, priceOffsetB);
        ExecutionReport ra = Harness.get(harness.gateway.submit(a));
        ExecutionReport rb = Harness.get(other.gateway().submit(b));
        assertEquals(ExecutionStatus.FILLED, ra.status(), ra.toString());

        boolean same = symbolA == symbolB && buyA == buyB && lotsA == lotsB;
        if (same) {
            assertEquals(ExecutionStatus.FILLED, rb.status(), "a resend is answered with the first fill: " + rb);
            assertEquals(ra.positionTicket(), rb.positionTicket());
        } else {
            assertEquals(ExecutionStatus.REJECTED, rb.status(), "a different order under " + id + ": " + rb);
            assertTrue(rb.message().contains("conflict"), rb.message());
        }
        assertEquals(1, harness.terminal.executions(id), "the id traded exactly once");
        for (ExecutionReport r : new ExecutionReport[] {ra, rb}) {
            if (r.status().isFill()) {
                Position p = harness.terminal.positions().stream().filter(x -> x.ticket() == r.positionTicket())
                        .findFirst().orElseThrow(() -> new AssertionError("fill names no open position: " + r));
                assertEquals(r.symbol(), p.symbol(), "the fill's position is of the report's symbol");
                assertEquals(r.side(), p.side(), "and side");
            }
        }
    }
}

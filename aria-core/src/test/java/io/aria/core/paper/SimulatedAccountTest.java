package io.aria.core.paper;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeReturnCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The one simulated account behind the paper broker and the simulated MT5 terminal, driven directly. */
@DisplayName("SimulatedAccount")
class SimulatedAccountTest {

    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final double MONEY = 1e-6;

    private final List<Deal> deals = new ArrayList<>();
    private long time = WED;

    private SimulatedAccount account(AccountMode mode, double balance) {
        SimulatedAccount a = SimulatedAccount.builder().mode(mode).startingBalance(balance).build();
        a.setDealListener(deals::add);
        return a;
    }

    private Tick quote(SimulatedAccount a, String symbol, double bid, double ask) {
        time += 1000;
        Tick t = new Tick(symbol, time, bid, ask, 1);
        a.onTick(t);
        return t;
    }

    private ExecutionReport market(SimulatedAccount a, String id, Tick t, Side side, double lots) {
        return a.submit(OrderRequest.market(id, t.symbol(), side, lots, t.priceFor(side)), time, 0).report();
    }

    private static Position only(SimulatedAccount a) {
        List<Position> ps = a.positions();
        assertEquals(1, ps.size(), ps::toString);
        return ps.get(0);
    }

    private static void assertIdentities(SimulatedAccount a) {
        double profit = a.positions().stream().mapToDouble(Position::profit).sum();
        assertEquals(a.balance() + profit, a.equity(), MONEY, "equity = balance + profit");
        assertEquals(a.equity() - a.margin(), a.snapshot(0).freeMargin(), MONEY, "free margin = equity - margin");
    }

    @Nested
    @DisplayName("netting")
    class Netting {

        @Test
        @DisplayName("a larger opposite order reverses the position in one in/out deal: same identifier, the order's ticket")
        void reversal_oneInOutDeal() {
            SimulatedAccount a = account(AccountMode.NETTING, 100_000);
            ExecutionReport open = market(a, "n-1", quote(a, "EURUSD", 1.10000, 1.10012), Side.BUY, 1);
            ExecutionReport rev = market(a, "n-2", quote(a, "EURUSD", 1.10100, 1.10112), Side.SELL, 1.5);

            Position p = only(a);
            Deal d = deals.get(deals.size() - 1);
            assertAll(() -> assertEquals(Side.SELL, p.side()),
                    () -> assertEquals(0.5, p.volume(), 1e-9),
                    () -> assertEquals(1.10100, p.openPrice(), 1e-12),
                    () -> assertEquals(rev.orderTicket(), p.ticket(), "the ticket is the reversing order's"),
                    () -> assertNotEquals(open.positionTicket(), p.ticket()),
                    () -> assertEquals(open.positionTicket(), a.positionId(p.ticket()), "the identifier stays"),
                    () -> assertEquals(Deal.Entry.INOUT, d.entry()),
                    () -> assertEquals(open.positionTicket(), d.positionId()),
                    () -> assertEquals(1.5, d.volume(), 1e-9),
                    () -> assertEquals(0.5, d.volumeAfter(), 1e-9),
                    () -> assertEquals((1.10100 - 1.10012) * 100_000, d.profit(), MONEY, "1 lot realised"),
                    () -> assertEquals("n-1", d.clientOrderId(), "the position's opening order"));
            assertEquals(100_000 + (1.10100 - 1.10012) * 100_000, a.balance(), MONEY);
            assertEquals(0.5 * 100_000 * 1.10100 / 100, a.margin(), MONEY, "margin of the new short only");
            assertEquals(p.ticket(), a.position(open.positionTicket()).ticket(), "found by its identifier too");
            assertIdentities(a);
        }

        @Test
        @DisplayName("a same-side order adds at the volume-weighted price and an opposite one reduces pro rata")
        void addThenReduce() {
            SimulatedAccount a = account(AccountMode.NETTING, 100_000);
            Tick t = quote(a, "EURUSD", 1.10000, 1.10012);
            market(a, "a-1", t, Side.BUY, 1);
            market(a, "a-2", quote(a, "EURUSD", 1.10100, 1.10112), Side.BUY, 1);
            assertEquals((1.10012 + 1.10112) / 2, only(a).openPrice(), 1e-12);
            double margin = a.margin();
            market(a, "a-3", quote(a, "EURUSD", 1.10100, 1.10112), Side.SELL, 0.5);
            assertEquals(1.5, only(a).volume(), 1e-9);
            assertEquals(margin * 0.75, a.margin(), MONEY, "margin shrinks with the volume");
            assertEquals(Deal.Entry.OUT, deals.get(deals.size() - 1).entry());
            assertIdentities(a);
        }
    }

    @Nested
    @DisplayName("hedging")
    class Hedging {

        @Test
        @DisplayName("an order naming a ticket closes that position only; a wrong side, too much volume or no position is refused")
        void closeByTicket() {
            SimulatedAccount a = account(AccountMode.HEDGING, 100_000);
            Tick t = quote(a, "EURUSD", 1.10000, 1.10012);
            ExecutionReport x = market(a, "h-1", t, Side.BUY, 1);
            ExecutionReport y = market(a, "h-2", t, Side.BUY, 0.5);
            Tick later = quote(a, "EURUSD", 1.10100, 1.10112);

            OrderRequest same = OrderRequest.market("h-3", "EURUSD", Side.BUY, 1, later.ask()).closing(x.positionTicket());
            assertEquals(TradeReturnCode.INVALID, a.submit(same, time, 0).report().returnCode());
            OrderRequest tooMuch = OrderRequest.market("h-4", "EURUSD", Side.SELL, 1.5, later.bid())
                    .closing(x.positionTicket());
            assertEquals(TradeReturnCode.INVALID_VOLUME, a.submit(tooMuch, time, 0).report().returnCode());
            OrderRequest none = OrderRequest.market("h-5", "EURUSD", Side.SELL, 1, later.bid()).closing(999_999);
            assertEquals(TradeReturnCode.POSITION_CLOSED, a.submit(none, time, 0).report().returnCode());
            assertEquals(2, a.positions().size(), "refusals change nothing");

            ExecutionReport close = a.submit(OrderRequest.market("h-6", "EURUSD", Side.SELL, 1, later.bid())
                    .closing(x.positionTicket()), time, 0).report();
            assertEquals(ExecutionStatus.FILLED, close.status());
            assertEquals(x.positionTicket(), close.positionTicket());
            assertEquals(y.positionTicket(), only(a).ticket(), "the other position stays");
            Deal d = deals.get(deals.size() - 1);
            assertEquals(Deal.Entry.OUT, d.entry());
            assertEquals(0, d.volumeAfter(), 0.0);
            assertEquals(100_000 + (1.10100 - 1.10012) * 100_000, a.balance(), MONEY);
            assertIdentities(a);
        }
    }

    @Nested
    @DisplayName("stops trigger on the side the position closes at")
    class Stops {

        @Test
        @DisplayName("a long's SL and TP look at the bid, not the ask")
        void longOnBid() {
            SimulatedAccount a = account(AccountMode.HEDGING, 100_000);
            Tick t = quote(a, "EURUSD", 1.10000, 1.10012);
            a.submit(OrderRequest.market("l-1", "EURUSD", Side.BUY, 1, t.ask()).withStops(1.09500, 1.10500), time, 0);
            quote(a, "EURUSD", 1.09501, 1.09499 + 0.00012); // bid still above the stop
            quote(a, "EURUSD", 1.10490, 1.10510); // ask through the target, bid not
            assertEquals(1, a.positions().size(), "neither triggered: " + deals);
            quote(a, "EURUSD", 1.10500, 1.10512);
            Deal d = deals.get(deals.size() - 1);
            assertEquals(Deal.Reason.TAKE_PROFIT, d.reason());
            assertEquals(1.10500, d.price(), 1e-12, "closed at the bid");
            assertTrue(a.positions().isEmpty());
        }

        @Test
        @DisplayName("a short's SL and TP look at the ask, not the bid, and a gap fills beyond the stop")
        void shortOnAsk() {
            SimulatedAccount a = account(AccountMode.HEDGING, 100_000);
            Tick t = quote(a, "EURUSD", 1.10000, 1.10012);
            a.submit(OrderRequest.market("s-1", "EURUSD", Side.SELL, 1, t.bid()).withStops(1.10500, 1.09500), time, 0);
            quote(a, "EURUSD", 1.10488, 1.10499); // bid past the stop, ask not
            quote(a, "EURUSD", 1.09490, 1.09502); // bid through the target, ask not
            assertEquals(1, a.positions().size(), "neither triggered: " + deals);
            quote(a, "EURUSD", 1.10510, 1.10522); // a gap through the stop
            Deal d = deals.get(deals.size() - 1);
            assertEquals(Deal.Reason.STOP_LOSS, d.reason());
            assertEquals(1.10522, d.price(), 1e-12, "closed at the ask beyond the stop");
            assertEquals("[sl 1.105]", d.comment());
            assertEquals((1.10000 - 1.10522) * 100_000, d.profit(), MONEY);
        }
    }

    @Nested
    @DisplayName("stop-out")
    class StopOut {

        @Test
        @DisplayName("a margin level exactly at the stop-out level stops out (MT5: when the level reaches it)")
        void exactlyAtTheLevel() {
            SimulatedAccount a = account(AccountMode.HEDGING, 1_000);
            market(a, "so-1", quote(a, "US30", 36_998.0, 37_000.0), Side.BUY, 2); // margin 740
            quote(a, "US30", 36_686.0, 36_688.0); // equity 1000 - 628 = 372: 50.27%
            assertEquals(1, a.positions().size(), "above the level");
            quote(a, "US30", 36_685.0, 36_687.0); // equity 370 / margin 740 = 50% exactly
            assertTrue(a.positions().isEmpty(), "stopped out at the level: " + deals);
            assertEquals(Deal.Reason.STOP_OUT, deals.get(deals.size() - 1).reason());
            assertEquals(370, a.balance(), MONEY);
        }

        @Test
        @DisplayName("the most losing position goes first, and only as many as restore the level")
        void mostLosingFirst_untilRestored() {
            SimulatedAccount a = account(AccountMode.HEDGING, 3_000);
            Tick eu = quote(a, "EURUSD", 1.10000, 1.10012);
            Tick gu = quote(a, "GBPUSD", 1.27000, 1.27015);
            ExecutionReport big = market(a, "o-1", eu, Side.BUY, 1);
            ExecutionReport half = market(a, "o-2", eu, Side.BUY, 0.5);
            ExecutionReport small = market(a, "o-3", gu, Side.BUY, 0.1);
            deals.clear();

            quote(a, "EURUSD", 1.08162, 1.08174); // -1,850 and -925: level 12.6%, then 33%, then 176%

            List<Long> stopped = deals.stream().filter(d -> d.reason() == Deal.Reason.STOP_OUT)
                    .map(Deal::positionId).toList();
            assertEquals(List.of(big.positionTicket(), half.positionTicket()), stopped, "worst first, then the next");
            assertEquals(small.positionTicket(), only(a).ticket(), "the GBPUSD position survives");
            assertTrue(a.equity() / a.margin() * 100 > 50, "level restored");
            assertIdentities(a);
        }

        @Test
        @DisplayName("closing by hand or by a forced stop-out names the reason; an unknown ticket is refused")
        void brokerSideCloses() {
            SimulatedAccount a = account(AccountMode.HEDGING, 100_000);
            ExecutionReport r = market(a, "c-1", quote(a, "EURUSD", 1.10000, 1.10012), Side.BUY, 1);
            Deal d = a.closePosition(r.positionTicket(), Deal.Reason.CLIENT, time);
            assertEquals(Deal.Reason.CLIENT, d.reason());
            assertEquals(1.10000, d.price(), 1e-12);
            assertEquals("", d.comment());
            assertThrows(IllegalArgumentException.class, () -> a.closePosition(r.positionTicket(), Deal.Reason.CLIENT, time));
            assertThrows(IllegalArgumentException.class, () -> a.closePosition(1, Deal.Reason.ORDER, time));
        }
    }

    @Nested
    @DisplayName("client order ids")
    class Ids {

        @Test
        @DisplayName("the same order twice trades once; another order under the id is a conflict that leaves the id alone")
        void duplicateAndConflict() {
            SimulatedAccount a = account(AccountMode.NETTING, 100_000);
            Tick t = quote(a, "EURUSD", 1.10000, 1.10012);
            OrderRequest buy = OrderRequest.market("id-1", "EURUSD", Side.BUY, 1, t.ask());
            ExecutionReport first = a.submit(buy, time, 0).report();
            Submission again = a.submit(buy.withStops(1.09, 0), time, 0);
            assertInstanceOf(Submission.Duplicate.class, again, "other stops are the same order");
            assertEquals(first, again.report());

            Submission other = a.submit(OrderRequest.market("id-1", "GBPUSD", Side.SELL, 0.2, 1.27), time, 0);
            Submission.Conflict c = assertInstanceOf(Submission.Conflict.class, other);
            assertEquals(ExecutionStatus.REJECTED, c.report().status());
            assertEquals(TradeReturnCode.REJECT, c.report().returnCode());
            assertTrue(c.report().message().contains("conflicts") && c.report().message().contains("id-1"),
                    c.report().message());
            assertEquals(1, a.positions().size());
            assertInstanceOf(Submission.Duplicate.class, a.submit(buy, time, 0), "the id is still the first order's");
        }

        @Test
        @DisplayName("a refused id stays refused for the same order, unless the account lets it retry; never for another")
        void refusedIds() {
            SimulatedAccount strict = account(AccountMode.NETTING, 100_000);
            Tick t = quote(strict, "EURUSD", 1.10000, 1.10012);
            OrderRequest tooBig = OrderRequest.market("r-1", "EURUSD", Side.BUY, 100, t.ask());
            assertEquals(TradeReturnCode.NO_MONEY, strict.submit(tooBig, time, 0).report().returnCode());
            assertInstanceOf(Submission.Duplicate.class, strict.submit(tooBig, time, 0));
            Submission.Conflict c = assertInstanceOf(Submission.Conflict.class,
                    strict.submit(OrderRequest.market("r-1", "EURUSD", Side.BUY, 1, t.ask()), time, 0));
            assertEquals(TradeReturnCode.NO_MONEY, c.report().returnCode(), "the first order's refusal code");

            SimulatedAccount server = SimulatedAccount.builder().retryRefused(true).build();
            server.onTick(t);
            OrderRequest order = OrderRequest.market("r-2", "EURUSD", Side.BUY, 1, t.ask());
            server.refuse(order, OrderKey.of(order), TradeReturnCode.REQUOTE, "Requote", time);
            assertNull(server.check(order, OrderKey.of(order), time), "the same order may try again");
            assertEquals(ExecutionStatus.FILLED, server.submit(order, time, 0).report().status());
            assertInstanceOf(Submission.Conflict.class, server.submit(OrderRequest.market("r-2", "EURUSD",
                    Side.SELL, 1, t.bid()), time, 0));
        }

        @Test
        @DisplayName("a close's key differs from an order's on the same position, and 0 lots (all of it) is its own volume")
        void closeKeys() {
            OrderKey order = new OrderKey(false, "EURUSD", Side.SELL, 0.1, 7);
            assertTrue(!OrderKey.close(7, 0.1).sameOrder(order));
            assertTrue(!OrderKey.close(7, 0).sameOrder(OrderKey.close(7, 0.1)));
            assertTrue(OrderKey.close(7, 0.1).sameOrder(OrderKey.close(7, 0.1 + 1e-12)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderKey.close(0, 0));
            assertTrue(e.getMessage().contains("positionTicket"), e.getMessage());
        }
    }

    @Test
    @DisplayName("unusable quotes are ignored and an index that is no symbol's only checks the stop-out")
    void badQuotes_ignored() {
        SimulatedAccount a = account(AccountMode.NETTING, 100_000);
        assertEquals(-1, a.quote(null));
        assertEquals(-1, a.quote(new Tick("NOPE", WED, 1, 1.1, 1)));
        assertEquals(-1, a.quote(new Tick("EURUSD", WED, 1.2, 1.1, 1)), "crossed");
        assertNull(a.lastTick("EURUSD"), "nothing was taken");
        market(a, "q-1", quote(a, "EURUSD", 1.10000, 1.10012), Side.BUY, 1);
        a.settle(9_999, time);
        a.settle(-1, time);
        assertEquals(1, a.positions().size());
    }

    @Test
    @DisplayName("the builder names the bad option and its value")
    void builder_validates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedAccount.builder().stopOutLevelPercent(-1).build());
        assertEquals("stopOutLevelPercent must be in [0, 1000], was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedAccount.builder().firstTicket(0).build());
        assertTrue(e.getMessage().contains("firstTicket"), e.getMessage());
    }
}

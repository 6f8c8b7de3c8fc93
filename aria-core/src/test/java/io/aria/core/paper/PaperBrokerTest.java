package io.aria.core.paper;

import io.aria.core.AccountMode;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import io.aria.core.AccountSnapshot;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import io.aria.core.spi.OrderGateway;
import io.aria.core.testkit.OrderGatewayContract;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PaperBroker")
class PaperBrokerTest extends OrderGatewayContract {

    @Override
    protected Harness createHarness(AccountSettings settings) {
        PaperBroker broker = PaperBroker.builder()
                .accountCurrency(settings.currency())
                .startingBalance(settings.balance())
                .leverage(settings.leverage())
                .mode(settings.mode())
                .build();
        return new Harness() {
            @Override
            public OrderGateway gateway() {
                return broker;
            }

            @Override
            public void quote(Tick tick) {
                broker.onTick(tick);
            }
        };
    }

    // ------------------------------------------------------------------ paper-specific

    private static final long WED = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final double MONEY = 0.01;
    private static final double PRICE = 1e-9;

    private static Tick tick(String symbol, long offsetMillis, double bid, double ask) {
        return new Tick(symbol, WED + offsetMillis, bid, ask, 1);
    }

    private static ExecutionReport now(CompletableFuture<ExecutionReport> f) {
        assertTrue(f.isDone(), "a zero-latency order completes inside submit");
        return f.join();
    }

    private static ExecutionReport submit(PaperBroker b, OrderRequest r) {
        return now(b.submit(r).toCompletableFuture());
    }

    private static OrderRequest buy(String id, Tick t, double lots) {
        return OrderRequest.market(id, t.symbol(), Side.BUY, lots, t.ask());
    }

    private static OrderRequest sell(String id, Tick t, double lots) {
        return OrderRequest.market(id, t.symbol(), Side.SELL, lots, t.bid());
    }

    private static void assertConsistent(PaperBroker b) {
        AccountSnapshot a = b.account();
        double unrealised = b.positions().stream().mapToDouble(Position::profit).sum();
        assertEquals(a.balance() + unrealised, a.equity(), MONEY, "equity = balance + unrealised profit");
        assertEquals(a.equity() - a.margin(), a.freeMargin(), MONEY, "free margin = equity - margin");
    }

    @Nested
    @DisplayName("latency")
    class Latency {

        private final PaperBroker broker = PaperBroker.builder()
                .fillModel(FillModel.builder().latency(LatencyModel.fixed(250)).build()).build();

        @Test
        @DisplayName("an order fills at the first tick at or after submit time + latency, at that tick's price")
        void fillsAtFirstTickAfterLatency() throws Exception {
            Tick t0 = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t0);
            CompletableFuture<ExecutionReport> f = broker.submit(buy("lat-1", t0, 1)).toCompletableFuture();

            assertFalse(f.isDone(), "not filled inside submit");
            broker.onTick(tick("EURUSD", 100, 1.10010, 1.10022));
            broker.onTick(tick("GBPUSD", 300, 1.27000, 1.27015));
            assertFalse(f.isDone(), "not filled before the latency passed nor by another symbol's tick");
            assertTrue(broker.positions().isEmpty(), "no position while pending");

            broker.onTick(tick("EURUSD", 250, 1.10020, 1.10032));
            ExecutionReport r = f.get(5, TimeUnit.SECONDS);
            assertAll(() -> assertEquals(ExecutionStatus.FILLED, r.status()),
                    () -> assertEquals(1.10032, r.fillPrice(), PRICE, "fills at the later tick's ask"),
                    () -> assertEquals(0.00020, r.slippage(), 1e-9, "slippage against the requested ask"),
                    () -> assertEquals(250_000_000L, r.latencyNanos(), "latency in simulated time"),
                    () -> assertEquals(WED + 250, r.epochMillis(), "filled at the tick's time"));
            assertEquals(1, broker.positions().size());
        }

        @Test
        @DisplayName("a resend while the order is pending gets the same outcome and one position")
        void resendWhilePending_sameOutcome() throws Exception {
            Tick t0 = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t0);
            CompletableFuture<ExecutionReport> a = broker.submit(buy("lat-2", t0, 1)).toCompletableFuture();
            CompletableFuture<ExecutionReport> b = broker.submit(buy("lat-2", t0, 1)).toCompletableFuture();
            broker.onTick(tick("EURUSD", 300, 1.10000, 1.10012));

            assertEquals(a.get(5, TimeUnit.SECONDS), b.get(5, TimeUnit.SECONDS));
            assertEquals(1.0, broker.positions().get(0).volume(), 1e-9);
            assertEquals(1, broker.positions().size());
        }

        @Test
        @DisplayName("closing the broker cancels pending orders")
        void close_cancelsPending() throws Exception {
            Tick t0 = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t0);
            CompletableFuture<ExecutionReport> f = broker.submit(buy("lat-3", t0, 1)).toCompletableFuture();
            broker.close();

            ExecutionReport r = f.get(5, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.REJECTED, r.status());
            assertEquals(TradeReturnCode.CANCEL, r.returnCode());
            ExecutionReport after = broker.submit(buy("lat-4", t0, 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.ERROR, after.status(), "a closed broker answers with ERROR");
        }
    }

    @Nested
    @DisplayName("partial fills")
    class PartialFills {

        @Test
        @DisplayName("a partial fill reports PARTIALLY_FILLED with 10010 and books only the filled lots")
        void fraction_partiallyFilled() {
            PaperBroker broker = PaperBroker.builder()
                    .fillModel(FillModel.builder().partialFill(PartialFillModel.fraction(0.5)).build()).build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t);

            ExecutionReport r = submit(broker, buy("part-1", t, 1.01));
            assertAll(() -> assertEquals(ExecutionStatus.PARTIALLY_FILLED, r.status()),
                    () -> assertEquals(TradeReturnCode.DONE_PARTIAL, r.returnCode()),
                    () -> assertEquals(1.01, r.requestedVolume(), 1e-9),
                    () -> assertEquals(0.50, r.filledVolume(), 1e-9, "half, rounded down to the step"));
            assertEquals(0.50, broker.positions().get(0).volume(), 1e-9);
        }
    }

    @Nested
    @DisplayName("money: margin, equity, free margin, conversion")
    class Money {

        private final PaperBroker broker = PaperBroker.builder().build();

        @Test
        @DisplayName("USDJPY: margin and profit are converted from JPY into USD at the USDJPY rate")
        void usdJpy_convertedToUsd() {
            Tick t = tick("USDJPY", 0, 150.000, 150.014);
            broker.onTick(t);
            submit(broker, buy("jpy-1", t, 1));

            double margin = 100_000 * 150.014 / 150.007 / 100;
            assertEquals(margin, broker.account().margin(), MONEY, "margin in USD");

            broker.onTick(tick("USDJPY", 1000, 151.000, 151.014));
            double profit = (151.000 - 150.014) * 100_000 / 151.007;
            Position p = broker.positions().get(0);
            assertEquals(profit, p.profit(), MONEY, "profit in USD");
            AccountSnapshot a = broker.account();
            assertAll(() -> assertEquals(100_000, a.balance(), MONEY),
                    () -> assertEquals(100_000 + profit, a.equity(), MONEY),
                    () -> assertEquals(100_000 + profit - margin, a.freeMargin(), MONEY));

            ExecutionReport close = submit(broker, sell("jpy-2", tick("USDJPY", 1000, 151.000, 151.014), 1));
            assertEquals(ExecutionStatus.FILLED, close.status());
            assertEquals(100_000 + profit, broker.account().balance(), MONEY, "realised in USD");
            assertEquals(0, broker.account().margin(), 0.0);
        }

        @Test
        @DisplayName("US30: an index CFD of contract size 1 in USD")
        void index_us30() {
            Tick t = tick("US30", 0, 37_000.0, 37_002.0);
            broker.onTick(t);
            submit(broker, buy("idx-1", t, 2));
            assertEquals(2 * 37_002.0 / 100, broker.account().margin(), MONEY, "margin");

            broker.onTick(tick("US30", 1000, 37_100.0, 37_102.0));
            assertEquals(2 * 98.0, broker.positions().get(0).profit(), MONEY, "profit: 98 points x 2 lots");
            assertConsistent(broker);
        }

        @Test
        @DisplayName("GER40: a EUR-quoted index needs a EURUSD price before it can trade")
        void ger40_needsEurRate() {
            Tick t = tick("GER40", 0, 17_000.0, 17_001.2);
            broker.onTick(t);
            ExecutionReport r = submit(broker, buy("dax-1", t, 1));
            assertEquals(TradeReturnCode.PRICE_OFF, r.returnCode(), "no EUR rate yet: " + r.message());

            broker.onTick(tick("EURUSD", 10, 1.09994, 1.10006));
            submit(broker, buy("dax-2", t, 1));
            assertEquals(17_001.2 * 1.1 / 100, broker.account().margin(), MONEY, "margin in USD");
            broker.onTick(tick("GER40", 20, 17_050.0, 17_051.2));
            assertEquals((17_050.0 - 17_001.2) * 1.1, broker.positions().get(0).profit(), MONEY);
            assertConsistent(broker);
        }

        @Test
        @DisplayName("commission per lot is charged on the way in and on the way out")
        void commission_inAndOut() {
            PaperBroker b = PaperBroker.builder().commissionPerLot(3.5).build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            submit(b, buy("com-1", t, 2));
            assertEquals(100_000 - 7.0, b.account().balance(), MONEY, "entry commission");
            assertConsistent(b);

            Tick later = tick("EURUSD", 1000, 1.10100, 1.10112);
            b.onTick(later);
            submit(b, sell("com-2", later, 2));
            assertEquals(100_000 - 14.0 + (1.10100 - 1.10012) * 200_000, b.account().balance(), MONEY);
        }
    }

    @Nested
    @DisplayName("stop-out")
    class StopOut {

        @Test
        @DisplayName("when the margin level falls to the stop-out level the position is closed with a STOP_OUT event")
        void marginLevelBelowStopOut_closes() throws Exception {
            PaperBroker b = PaperBroker.builder().startingBalance(1_000).stopOutLevelPercent(50).build();
            LinkedBlockingQueue<TradeEvent> events = new LinkedBlockingQueue<>();
            b.setTradeEventListener(events::add);
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            ExecutionReport r = submit(b, buy("so-1", t, 0.5));
            assertEquals(550.06, b.account().margin(), MONEY);

            b.onTick(tick("EURUSD", 1000, 1.09000, 1.09012)); // equity 494: level 90%
            assertTrue(events.isEmpty(), "no stop-out above the level");
            b.onTick(tick("EURUSD", 2000, 1.08500, 1.08512)); // equity 244: level 44%

            TradeEvent e = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(e, "stop-out event");
            double loss = (1.08500 - 1.10012) * 50_000;
            assertAll(() -> assertEquals(TradeEvent.Kind.STOP_OUT, e.kind()),
                    () -> assertEquals(r.positionTicket(), e.positionTicket()),
                    () -> assertEquals(1.08500, e.price(), PRICE),
                    () -> assertEquals(loss, e.profit(), MONEY));
            assertTrue(b.positions().isEmpty());
            assertEquals(1_000 + loss, b.account().balance(), MONEY);
            assertEquals(0, b.account().margin(), 0.0);
        }

        @Test
        @DisplayName("the most losing position goes first, and only as many as needed")
        void mostLosingFirst() throws Exception {
            PaperBroker b = PaperBroker.builder().startingBalance(2_000).stopOutLevelPercent(50).mode(AccountMode.HEDGING).build();
            LinkedBlockingQueue<TradeEvent> events = new LinkedBlockingQueue<>();
            b.setTradeEventListener(events::add);
            Tick eu = tick("EURUSD", 0, 1.10000, 1.10012);
            Tick gu = tick("GBPUSD", 0, 1.27000, 1.27015);
            b.onTick(eu);
            b.onTick(gu);
            ExecutionReport euLong = submit(b, buy("so-2", eu, 1));
            submit(b, buy("so-3", gu, 0.1));

            // EURUSD long loses 1,512, GBPUSD about 1.5: equity ~486.5 over margin 1,100 + 127 is ~40%
            b.onTick(tick("EURUSD", 1000, 1.08500, 1.08512));
            TradeEvent e = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals(euLong.positionTicket(), e.positionTicket(), "the most losing one");
            assertEquals(1, b.positions().size(), "the GBPUSD position survives");
            assertTrue(b.account().marginLevelPercent() > 50, "level restored");
        }
    }

    @Nested
    @DisplayName("client order ids: a known id with other contents is a conflict")
    class Conflicts {

        @Test
        @DisplayName("another order under a filled id is REJECTED, never answered with the first order's fill")
        void otherOrderUnderAFilledId_isRefused() {
            PaperBroker b = PaperBroker.builder().build();
            Tick eu = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(eu);
            b.onTick(tick("USDJPY", 0, 150.000, 150.014));
            ExecutionReport first = submit(b, buy("same-1", eu, 1));
            ExecutionReport other = submit(b, OrderRequest.market("same-1", "USDJPY", Side.SELL, 0.5, 150.0));

            assertAll(() -> assertEquals(ExecutionStatus.FILLED, first.status()),
                    () -> assertEquals(ExecutionStatus.REJECTED, other.status(), other.toString()),
                    () -> assertEquals(TradeReturnCode.REJECT, other.returnCode()),
                    () -> assertEquals(0, other.positionTicket(), "names no position of the other order"),
                    () -> assertTrue(other.message().contains("conflicts") && other.message().contains("same-1"),
                            other.message()));
            assertEquals(1, b.positions().size());
            assertEquals(first, submit(b, buy("same-1", eu, 1)), "the same order is still answered with its fill");
        }

        @Test
        @DisplayName("another order under an id still waiting for its latency is refused too")
        void otherOrderUnderAPendingId_isRefused() throws Exception {
            PaperBroker b = PaperBroker.builder()
                    .fillModel(FillModel.builder().latency(LatencyModel.fixed(250)).build()).build();
            Tick t0 = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t0);
            CompletableFuture<ExecutionReport> first = b.submit(buy("wait-1", t0, 1)).toCompletableFuture();
            ExecutionReport other = b.submit(sell("wait-1", t0, 2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.REJECTED, other.status(), other.toString());
            assertTrue(other.message().contains("conflicts"), other.message());
            b.onTick(tick("EURUSD", 300, 1.10000, 1.10012));
            assertEquals(ExecutionStatus.FILLED, first.get(5, TimeUnit.SECONDS).status());
            assertEquals(Side.BUY, b.positions().get(0).side());
        }
    }

    @Nested
    @DisplayName("modify follows the stops level, as orders do")
    class Modify {

        @Test
        @DisplayName("a stop inside the stops level of the price is refused with 10016")
        void insideStopsLevel_invalidStops() throws Exception {
            PaperBroker b = PaperBroker.builder().build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            long ticket = submit(b, buy("mod-1", t, 1)).positionTicket();
            // EURUSD's stops level is 10 points: a long's stop-loss must be at or below bid - 0.00010
            assertEquals(TradeReturnCode.INVALID_STOPS, b.modify(ticket, 1.09995, 0).toCompletableFuture().get());
            assertEquals(TradeReturnCode.INVALID_STOPS, b.modify(ticket, 0, 1.10005).toCompletableFuture().get());
            assertEquals(TradeReturnCode.DONE, b.modify(ticket, 1.09990, 1.10010).toCompletableFuture().get());
        }
    }

    @Nested
    @DisplayName("netting reversal")
    class Reversal {

        @Test
        @DisplayName("an opposite order larger than the position closes it and opens the rest the other way")
        void largerOpposite_reverses() {
            PaperBroker b = PaperBroker.builder().build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            ExecutionReport open = submit(b, buy("rev-1", t, 1));
            Tick later = tick("EURUSD", 1000, 1.10100, 1.10112);
            b.onTick(later);
            ExecutionReport rev = submit(b, sell("rev-2", later, 1.5));

            List<Position> ps = b.positions();
            assertEquals(1, ps.size());
            Position p = ps.get(0);
            assertAll(() -> assertEquals(Side.SELL, p.side()),
                    () -> assertEquals(0.5, p.volume(), 1e-9),
                    () -> assertEquals(1.10100, p.openPrice(), PRICE),
                    () -> assertEquals(rev.positionTicket(), p.ticket()),
                    () -> assertNotEquals(open.positionTicket(), p.ticket(), "a new position"),
                    () -> assertTrue(p.ticket() > open.positionTicket(), "tickets increase"));
            assertEquals(100_000 + (1.10100 - 1.10012) * 100_000, b.account().balance(), MONEY, "1 lot realised");
            assertEquals(0.5 * 100_000 * 1.10100 / 100, b.account().margin(), MONEY, "margin of the new short");
            assertConsistent(b);
        }
    }

    @Nested
    @DisplayName("netting additions")
    class Additions {

        @Test
        @DisplayName("adding at another price averages the entry by volume and keeps the profit exact")
        void add_averagesEntry() {
            PaperBroker b = PaperBroker.builder().build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            submit(b, buy("add-1", t, 1));
            Tick later = tick("EURUSD", 1000, 1.10100, 1.10113);
            b.onTick(later);
            submit(b, buy("add-2", later, 2).withStops(1.09, 0));

            Position p = b.positions().get(0);
            assertEquals((1.10012 + 2 * 1.10113) / 3, p.openPrice(), 1e-12, "weighted entry");
            assertEquals(1.09, p.stopLoss(), 0.0, "the new order's stop-loss replaces the old");
            assertEquals((1.10100 - 1.10012) * 100_000 + (1.10100 - 1.10113) * 200_000, p.profit(), MONEY);
        }
    }

    @Nested
    @DisplayName("robustness")
    class Robustness {

        private final PaperBroker broker = PaperBroker.builder().build();

        @Test
        @DisplayName("unknown symbols and symbols without a quote are rejected with 10021")
        void unknownOrUnquoted_priceOff() {
            assertEquals(TradeReturnCode.PRICE_OFF,
                    submit(broker, OrderRequest.market("x-1", "NOPE", Side.BUY, 1, 1)).returnCode());
            assertEquals(TradeReturnCode.PRICE_OFF,
                    submit(broker, OrderRequest.market("x-2", "EURUSD", Side.BUY, 1, 1.1)).returnCode());
        }

        @Test
        @DisplayName("closing a position that is not open is rejected with 10036")
        void unknownPositionTicket_positionClosed() {
            PaperBroker b = PaperBroker.builder().mode(AccountMode.HEDGING).build();
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            b.onTick(t);
            ExecutionReport r = submit(b, sell("x-3", t, 1).closing(999));
            assertEquals(ExecutionStatus.REJECTED, r.status());
            assertEquals(TradeReturnCode.POSITION_CLOSED, r.returnCode());
        }

        @Test
        @DisplayName("a listener that throws does not stop the broker")
        void throwingListener_isContained() {
            broker.setTradeEventListener(e -> {
                throw new IllegalStateException("boom");
            });
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t);
            submit(broker, buy("x-4", t, 1).withStops(1.09500, 0));
            broker.onTick(tick("EURUSD", 1000, 1.09400, 1.09412));
            assertTrue(broker.positions().isEmpty(), "stopped out despite the listener");
        }

        @Test
        @DisplayName("snapshots are immutable and do not change after later ticks")
        void snapshots_immutable() {
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t);
            submit(broker, buy("x-5", t, 1));
            List<Position> before = broker.positions();
            AccountSnapshot accountBefore = broker.account();
            broker.onTick(tick("EURUSD", 1000, 1.10500, 1.10512));

            assertThrows(UnsupportedOperationException.class, () -> before.remove(0));
            assertEquals(-12.0, before.get(0).profit(), MONEY, "old snapshot unchanged");
            assertEquals(accountBefore.balance() - 12.0, accountBefore.equity(), MONEY);
            assertEquals(488.0, broker.positions().get(0).profit(), MONEY, "new snapshot marked");
        }

        @Test
        @DisplayName("a reader thread always sees self-consistent snapshots while ticks arrive")
        void concurrentReader_consistentSnapshots() throws Exception {
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t);
            submit(broker, buy("x-6", t, 1));
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<String> reader = new CompletableFuture<>();
            Thread th = new Thread(() -> {
                int reads = 0;
                while (!done.get() || reads == 0) {
                    AccountSnapshot a = broker.account();
                    List<Position> ps = broker.positions();
                    reads++;
                    if (Math.abs(a.equity() - a.margin() - a.freeMargin()) > MONEY || ps.size() != 1
                            || Math.abs(a.equity() - a.balance() - ps.get(0).profit()) > 50) {
                        reader.complete("inconsistent: " + a + " " + ps);
                        return;
                    }
                }
                reader.complete("ok");
            }, "snapshot-reader");
            th.start();
            for (int i = 1; i <= 20_000; i++) {
                double bid = 1.10000 + (i % 40) * 0.00001;
                broker.onTick(tick("EURUSD", i, bid, bid + 0.00012));
            }
            done.set(true);
            assertEquals("ok", reader.get(5, TimeUnit.SECONDS));
        }

        @Test
        @DisplayName("a tick that triggers nothing allocates nothing, with positions open")
        void quietTicks_allocateNothing() {
            java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            assumeTrue(mx instanceof ThreadMXBean, "needs per-thread allocation counters");
            ThreadMXBean hot = (ThreadMXBean) mx;
            assumeTrue(hot.isThreadAllocatedMemorySupported()
                    && hot.isThreadAllocatedMemoryEnabled(), "allocation counters enabled");
            Tick t = tick("EURUSD", 0, 1.10000, 1.10012);
            broker.onTick(t);
            submit(broker, buy("x-7", t, 1).withStops(1.05, 1.15));
            Tick jpy = tick("USDJPY", 0, 150.0, 150.01);
            broker.onTick(jpy);
            assertEquals(ExecutionStatus.FILLED, submit(broker, sell("x-8", jpy, 1)).status());
            Tick[] ticks = new Tick[64];
            for (int i = 0; i < ticks.length; i++) {
                double bid = 1.10000 + (i % 16) * 0.00001;
                ticks[i] = tick(i % 2 == 0 ? "EURUSD" : "GBPUSD", 0, bid, bid + 0.00012);
            }
            for (int i = 0; i < 50_000; i++) {
                broker.onTick(ticks[i & 63]);
            }
            long id = Thread.currentThread().getId();
            long before = hot.getThreadAllocatedBytes(id);
            for (int i = 0; i < 100_000; i++) {
                broker.onTick(ticks[i & 63]);
            }
            long allocated = hot.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 10_000, "100,000 quiet ticks allocated " + allocated + " bytes");
        }

        @Test
        @DisplayName("the builder names the bad option and its value")
        void builder_validates() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PaperBroker.builder().leverage(0).build());
            assertEquals("leverage must be >= 1, was 0", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> PaperBroker.builder().startingBalance(-1).build());
            assertTrue(e.getMessage().contains("startingBalance") && e.getMessage().contains("-1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> PaperBroker.builder().stopOutLevelPercent(-5).build());
            assertTrue(e.getMessage().contains("stopOutLevelPercent"), e.getMessage());
        }
    }
}

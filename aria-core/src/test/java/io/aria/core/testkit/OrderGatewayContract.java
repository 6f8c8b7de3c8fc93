package io.aria.core.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aria.core.AccountMode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrderGateway} must do, written once and passed by each implementation: the
 * paper broker extends it in a few lines, and so does the MT5 gateway against the simulated MT5
 * terminal. That is how "the same code in paper and live" is checked.
 *
 * <p>To use it, extend this class and implement {@link #createHarness(AccountSettings)}; override
 * {@link #supportsHedging()} when the gateway cannot run a hedging account. The harness must give
 * a gateway that:
 * <ul>
 *   <li>starts with the {@link AccountSettings} given (100,000 USD, leverage 100, netting or
 *       hedging), no open positions, no commission and no swap;</li>
 *   <li>uses the default catalog's specifications for EURUSD ({@code AssetCatalog.defaults()}:
 *       contract 100,000, digits 5, volume 0.01..100 step 0.01, stops level 10 points, forex
 *       hours Sunday 17:00 to Friday 17:00 New York);</li>
 *   <li>fills market orders at the current quote (ask for buys, bid for sells) with no slippage
 *       and no requote, without waiting for another tick;</li>
 *   <li>has delivered a {@link TradeEvent} only after {@link OrderGateway#positions()} and
 *       {@link OrderGateway#account()} reflect it, and completes a submit's stage only after they
 *       reflect the fill.</li>
 * </ul>
 * Quotes are on Wednesday 3 January 2024 from 12:00 UTC, one second apart, so forex is open.
 * Every wait has a timeout ({@link #timeout()}); nothing sleeps.
 *
 * <p>Thread: JUnit's test thread calls {@link Harness#quote(Tick)} and the gateway's methods;
 * trade events may arrive on any thread.
 */
public abstract class OrderGatewayContract {

    /** Account currency every harness starts with. */
    public static final String ACCOUNT_CURRENCY = "USD";
    /** Balance every harness starts with. */
    public static final double STARTING_BALANCE = 100_000;
    /** Leverage every harness starts with. */
    public static final int LEVERAGE = 100;

    /** Price tolerance: far below EURUSD's point (0.00001). */
    private static final double PRICE_TOL = 1e-9;
    /** Money tolerance in USD. */
    private static final double MONEY_TOL = 0.01;
    private static final long START_MILLIS = Instant.parse("2024-01-03T12:00:00Z").toEpochMilli();
    private static final long SATURDAY_MILLIS = Instant.parse("2024-01-06T12:00:00Z").toEpochMilli();

    /**
     * The account a harness must start with.
     *
     * @param currency account currency
     * @param balance  starting balance
     * @param leverage leverage (1:leverage)
     * @param mode     netting or hedging ({@link io.aria.core.AccountMode}, the one representation)
     */
    public record AccountSettings(String currency, double balance, int leverage, AccountMode mode) {
    }

    /**
     * Connects the contract to one gateway implementation. A new harness is created for each test
     * and closed after it.
     */
    public abstract static class Harness implements AutoCloseable {

        /** @return the gateway under test, ready to take orders */
        public abstract OrderGateway gateway();

        /**
         * Makes the broker see a market price and returns once it has: the next order on the
         * tick's symbol executes against it and SL/TP/stop-out checks have run against it. The
         * paper harness calls {@link OrderGateway#onTick(Tick)}; the MT5 harness publishes
         * through the simulated terminal and waits until the gateway has processed the quote.
         *
         * @param tick a valid quote, never earlier than the previous one
         * @throws Exception when the quote cannot be delivered in time
         */
        public abstract void quote(Tick tick) throws Exception;

        /** Releases the gateway and whatever runs behind it. */
        @Override
        public void close() throws Exception {
            gateway().close();
        }
    }

    /**
     * @param settings the account to start with
     * @return a fresh harness, with the gateway connected
     * @throws Exception when it cannot be started
     */
    protected abstract Harness createHarness(AccountSettings settings) throws Exception;

    /** @return whether the gateway can run a hedging account; the hedging cases are skipped when not */
    protected boolean supportsHedging() {
        return true;
    }

    /** @return how long to wait for an outcome or an event */
    protected Duration timeout() {
        return Duration.ofSeconds(5);
    }

    private Harness harness;
    private final BlockingQueue<TradeEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private long time = START_MILLIS;

    /**
     * Starts a harness with the contract's account.
     *
     * @param mode netting or hedging
     * @throws Exception when the harness cannot start
     */
    private void start(AccountMode mode) throws Exception {
        harness = createHarness(new AccountSettings(ACCOUNT_CURRENCY, STARTING_BALANCE, LEVERAGE, mode));
        harness.gateway().setTradeEventListener(events::add);
    }

    /**
     * Closes the harness of the test that just ran.
     *
     * @throws Exception when the harness cannot be closed
     */
    @AfterEach
    protected void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private OrderGateway gateway() {
        return harness.gateway();
    }

    private Tick quote(String symbol, double bid, double ask) throws Exception {
        time += 1000;
        Tick t = new Tick(symbol, time, bid, ask, 1);
        harness.quote(t);
        return t;
    }

    private Tick quoteAt(long epochMillis, String symbol, double bid, double ask) throws Exception {
        time = epochMillis;
        Tick t = new Tick(symbol, time, bid, ask, 1);
        harness.quote(t);
        return t;
    }

    private String nextId() {
        return "contract-" + ids.incrementAndGet();
    }

    private ExecutionReport submit(OrderRequest r) throws Exception {
        ExecutionReport report = gateway().submit(r).toCompletableFuture()
                .get(timeout().toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(report, "report");
        return report;
    }

    private ExecutionReport market(Side side, double lots, Tick at) throws Exception {
        return submit(OrderRequest.market(nextId(), at.symbol(), side, lots, at.priceFor(side)));
    }

    private TradeEvent nextEvent() throws InterruptedException {
        TradeEvent e = events.poll(timeout().toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(e, "no trade event within " + timeout());
        return e;
    }

    private void assertFilled(ExecutionReport r, OrderRequest req, double expectedPrice) {
        assertAll("report of " + req.clientOrderId() + ": " + r,
                () -> assertEquals(ExecutionStatus.FILLED, r.status(), "status"),
                () -> assertEquals(TradeReturnCode.DONE, r.returnCode(), "returnCode"),
                () -> assertEquals(req.clientOrderId(), r.clientOrderId(), "clientOrderId"),
                () -> assertEquals(req.symbol(), r.symbol(), "symbol"),
                () -> assertEquals(req.side(), r.side(), "side"),
                () -> assertEquals(req.volume(), r.requestedVolume(), 1e-9, "requestedVolume"),
                () -> assertEquals(req.volume(), r.filledVolume(), 1e-9, "filledVolume"),
                () -> assertEquals(expectedPrice, r.fillPrice(), PRICE_TOL, "fillPrice"),
                () -> assertEquals(req.requestedPrice(), r.requestedPrice(), PRICE_TOL, "requestedPrice"),
                () -> assertEquals(0.0, r.slippage(), PRICE_TOL, "slippage"),
                () -> assertTrue(r.orderTicket() > 0, "orderTicket > 0"),
                () -> assertTrue(r.dealTicket() > 0, "dealTicket > 0"),
                () -> assertTrue(r.positionTicket() > 0, "positionTicket > 0"),
                () -> assertTrue(r.latencyNanos() >= 0, "latencyNanos >= 0"));
    }

    private void assertRejected(ExecutionReport r, int code) {
        assertAll("report " + r,
                () -> assertEquals(ExecutionStatus.REJECTED, r.status(), "status"),
                () -> assertEquals(code, r.returnCode(), "returnCode"),
                () -> assertEquals(0.0, r.filledVolume(), "filledVolume"),
                () -> assertEquals(0.0, r.fillPrice(), "fillPrice"));
    }

    /** Balance as given; equity = balance + unrealised profit; free margin = equity - margin. */
    private AccountSnapshot assertAccount(double expectedBalance) {
        AccountSnapshot a = gateway().account();
        List<Position> open = gateway().positions();
        double unrealised = open.stream().mapToDouble(Position::profit).sum();
        assertAll("account " + a + " with " + open,
                () -> assertEquals(ACCOUNT_CURRENCY, a.currency(), "currency"),
                () -> assertEquals(LEVERAGE, a.leverage(), "leverage"),
                () -> assertEquals(expectedBalance, a.balance(), MONEY_TOL, "balance"),
                () -> assertEquals(a.balance() + unrealised, a.equity(), MONEY_TOL, "equity = balance + profit"),
                () -> assertEquals(a.equity() - a.margin(), a.freeMargin(), MONEY_TOL, "freeMargin = equity - margin"),
                () -> assertTrue(open.isEmpty() ? a.margin() == 0 : a.margin() > 0, "margin > 0 iff positions"));
        return a;
    }

    private void assertUntouched() {
        assertTrue(gateway().positions().isEmpty(), () -> "no position expected, was " + gateway().positions());
        assertAccount(STARTING_BALANCE);
    }

    private static Position only(List<Position> positions) {
        assertEquals(1, positions.size(), () -> "one position expected, was " + positions);
        return positions.get(0);
    }

    // ------------------------------------------------------------------ cases

    @Nested
    @DisplayName("market orders (netting account)")
    class MarketOrders {

        @BeforeEach
        void startNetting() throws Exception {
            start(AccountMode.NETTING);
        }

        @Test
        @DisplayName("a buy fills at the ask and opens a long position")
        void buy_fillsAtAsk() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1.0, t.ask());
            ExecutionReport r = submit(req);

            assertFilled(r, req, 1.10012);
            Position p = only(gateway().positions());
            assertAll(() -> assertEquals(r.positionTicket(), p.ticket(), "ticket"),
                    () -> assertEquals(Side.BUY, p.side()),
                    () -> assertEquals(1.0, p.volume(), 1e-9),
                    () -> assertEquals(1.10012, p.openPrice(), PRICE_TOL),
                    () -> assertEquals(req.clientOrderId(), p.clientOrderId()));
            AccountSnapshot a = assertAccount(STARTING_BALANCE);
            // margin = 1 lot x 100,000 x 1.10012 / 100, give or take the broker's choice of price
            assertEquals(1100.12, a.margin(), 1100.12 * 0.01, "margin");
        }

        @Test
        @DisplayName("a sell fills at the bid and opens a short position")
        void sell_fillsAtBid() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.SELL, 0.5, t.bid());
            ExecutionReport r = submit(req);

            assertFilled(r, req, 1.10000);
            Position p = only(gateway().positions());
            assertEquals(Side.SELL, p.side());
            assertEquals(0.5, p.volume(), 1e-9);
            assertAccount(STARTING_BALANCE);
        }

        @Test
        @DisplayName("open positions are marked to market: longs at the bid, profit in USD")
        void positions_markedToMarket() throws Exception {
            market(Side.BUY, 1.0, quote("EURUSD", 1.10000, 1.10012));
            quote("EURUSD", 1.10100, 1.10112);

            Position p = only(gateway().positions());
            assertEquals(1.10100, p.currentPrice(), PRICE_TOL, "currentPrice");
            assertEquals((1.10100 - 1.10012) * 100_000, p.profit(), MONEY_TOL, "profit");
            AccountSnapshot a = assertAccount(STARTING_BALANCE);
            assertEquals(STARTING_BALANCE + 88, a.equity(), MONEY_TOL, "equity");
        }

        @Test
        @DisplayName("tickets of successive fills increase")
        void tickets_increase() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            ExecutionReport first = market(Side.BUY, 0.1, t);
            ExecutionReport second = market(Side.BUY, 0.1, t);
            assertTrue(second.orderTicket() > first.orderTicket(), "order tickets increase");
            assertTrue(second.dealTicket() > first.dealTicket(), "deal tickets increase");
        }
    }

    @Nested
    @DisplayName("rejections leave the book unchanged")
    class Rejections {

        @BeforeEach
        void startNetting() throws Exception {
            start(AccountMode.NETTING);
        }

        @Test
        @DisplayName("a volume off the step is rejected with 10014")
        void volumeOffStep_invalidVolume() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            assertRejected(submit(OrderRequest.market(nextId(), "EURUSD", Side.BUY, 0.015, t.ask())),
                    TradeReturnCode.INVALID_VOLUME);
            assertUntouched();
        }

        @Test
        @DisplayName("a volume above the maximum or below the minimum is rejected with 10014")
        void volumeOutOfRange_invalidVolume() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            assertRejected(submit(OrderRequest.market(nextId(), "EURUSD", Side.BUY, 101, t.ask())),
                    TradeReturnCode.INVALID_VOLUME);
            assertRejected(submit(OrderRequest.market(nextId(), "EURUSD", Side.SELL, 0.001, t.bid())),
                    TradeReturnCode.INVALID_VOLUME);
            assertUntouched();
        }

        @Test
        @DisplayName("a stop-loss above the bid of a buy is rejected with 10016")
        void stopLossWrongSide_invalidStops() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1, t.ask()).withStops(1.10050, 0);
            assertRejected(submit(req), TradeReturnCode.INVALID_STOPS);
            assertUntouched();
        }

        @Test
        @DisplayName("a take-profit inside the stops level of a sell is rejected with 10016")
        void takeProfitTooClose_invalidStops() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            // the stops level is 10 points: a sell's TP must be at or below ask - 0.00010
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.SELL, 1, t.bid()).withStops(0, 1.10005);
            assertRejected(submit(req), TradeReturnCode.INVALID_STOPS);
            assertUntouched();
        }

        @Test
        @DisplayName("an order while the market is closed (Saturday) is rejected with 10018")
        void saturday_marketClosed() throws Exception {
            Tick t = quoteAt(SATURDAY_MILLIS, "EURUSD", 1.10000, 1.10012);
            assertRejected(submit(OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1, t.ask())),
                    TradeReturnCode.MARKET_CLOSED);
            assertUntouched();
        }

        @Test
        @DisplayName("an order whose margin exceeds the free margin is rejected with 10019")
        void marginAboveFreeMargin_noMoney() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            // 100 lots need about 110,000 USD of margin at 1:100; the account has 100,000
            assertRejected(submit(OrderRequest.market(nextId(), "EURUSD", Side.BUY, 100, t.ask())),
                    TradeReturnCode.NO_MONEY);
            assertUntouched();
        }
    }

    @Nested
    @DisplayName("client order ids are idempotent")
    class Idempotency {

        @BeforeEach
        void startNetting() throws Exception {
            start(AccountMode.NETTING);
        }

        @Test
        @DisplayName("the same id twice opens one position and answers with the first outcome")
        void sameIdTwice_onePosition() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1, t.ask());
            ExecutionReport first = submit(req);
            ExecutionReport second = submit(req);

            assertFilled(first, req, 1.10012);
            assertAll(() -> assertEquals(first.status(), second.status(), "status"),
                    () -> assertEquals(first.returnCode(), second.returnCode(), "returnCode"),
                    () -> assertEquals(first.orderTicket(), second.orderTicket(), "orderTicket"),
                    () -> assertEquals(first.dealTicket(), second.dealTicket(), "dealTicket"),
                    () -> assertEquals(first.positionTicket(), second.positionTicket(), "positionTicket"),
                    () -> assertEquals(first.filledVolume(), second.filledVolume(), 1e-9, "filledVolume"),
                    () -> assertEquals(first.fillPrice(), second.fillPrice(), PRICE_TOL, "fillPrice"));
            assertEquals(1.0, only(gateway().positions()).volume(), 1e-9, "volume of the only position");
        }

        @Test
        @DisplayName("resending a rejected id answers with the rejection, even when it could fill now")
        void rejectedIdResent_staysRejected() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            String id = nextId();
            assertRejected(submit(OrderRequest.market(id, "EURUSD", Side.BUY, 100, t.ask())),
                    TradeReturnCode.NO_MONEY);
            assertRejected(submit(OrderRequest.market(id, "EURUSD", Side.BUY, 1, t.ask())),
                    TradeReturnCode.NO_MONEY);
            assertUntouched();
        }
    }

    @Nested
    @DisplayName("stop-loss and take-profit close positions on the broker's side")
    class StopsAndTargets {

        @BeforeEach
        void startNetting() throws Exception {
            start(AccountMode.NETTING);
        }

        @Test
        @DisplayName("a long's stop-loss hit gives a STOP_LOSS event at the bid and removes the position")
        void longStopLoss_event() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1, t.ask()).withStops(1.09500, 1.10500);
            ExecutionReport r = submit(req);
            assertFilled(r, req, 1.10012);
            Position p = only(gateway().positions());
            assertEquals(1.09500, p.stopLoss(), PRICE_TOL, "stopLoss");
            assertEquals(1.10500, p.takeProfit(), PRICE_TOL, "takeProfit");

            quote("EURUSD", 1.09600, 1.09612); // above the stop: nothing happens
            assertEquals(1, gateway().positions().size(), "still open above the stop");
            quote("EURUSD", 1.09490, 1.09502); // through the stop, with a 1-pip gap

            TradeEvent e = nextEvent();
            double profit = (1.09490 - 1.10012) * 100_000;
            assertAll("event " + e,
                    () -> assertEquals(TradeEvent.Kind.STOP_LOSS, e.kind(), "kind"),
                    () -> assertEquals("EURUSD", e.symbol(), "symbol"),
                    () -> assertEquals(r.positionTicket(), e.positionTicket(), "positionTicket"),
                    () -> assertEquals(Side.SELL, e.side(), "side of the closing deal"),
                    () -> assertEquals(1.0, e.volume(), 1e-9, "volume"),
                    () -> assertEquals(1.09490, e.price(), PRICE_TOL, "price: the market, not the stop"),
                    () -> assertEquals(profit, e.profit(), MONEY_TOL, "profit"),
                    () -> assertEquals(req.clientOrderId(), e.clientOrderId(), "clientOrderId"));
            assertTrue(gateway().positions().isEmpty(), "position gone");
            AccountSnapshot a = assertAccount(STARTING_BALANCE + profit);
            assertEquals(a.balance(), a.equity(), MONEY_TOL, "equity = balance when flat");
        }

        @Test
        @DisplayName("a long's take-profit hit gives a TAKE_PROFIT event and realises the profit")
        void longTakeProfit_event() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.BUY, 1, t.ask()).withStops(1.09500, 1.10500);
            ExecutionReport r = submit(req);
            assertFilled(r, req, 1.10012);

            quote("EURUSD", 1.10510, 1.10522);

            TradeEvent e = nextEvent();
            double profit = (1.10510 - 1.10012) * 100_000;
            assertAll("event " + e,
                    () -> assertEquals(TradeEvent.Kind.TAKE_PROFIT, e.kind(), "kind"),
                    () -> assertEquals(r.positionTicket(), e.positionTicket(), "positionTicket"),
                    () -> assertEquals(1.10510, e.price(), PRICE_TOL, "price"),
                    () -> assertEquals(profit, e.profit(), MONEY_TOL, "profit"));
            assertTrue(gateway().positions().isEmpty(), "position gone");
            assertAccount(STARTING_BALANCE + profit);
        }

        @Test
        @DisplayName("a short's stop-loss triggers on the ask and fills at the ask")
        void shortStopLoss_onAsk() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            OrderRequest req = OrderRequest.market(nextId(), "EURUSD", Side.SELL, 1, t.bid()).withStops(1.10500, 0);
            ExecutionReport r = submit(req);
            assertFilled(r, req, 1.10000);

            quote("EURUSD", 1.10480, 1.10492); // the bid is past the stop, the ask not yet
            assertEquals(1, gateway().positions().size(), "still open while ask < SL");
            quote("EURUSD", 1.10490, 1.10502);

            TradeEvent e = nextEvent();
            double profit = (1.10000 - 1.10502) * 100_000;
            assertAll("event " + e,
                    () -> assertEquals(TradeEvent.Kind.STOP_LOSS, e.kind(), "kind"),
                    () -> assertEquals(Side.BUY, e.side(), "side of the closing deal"),
                    () -> assertEquals(1.10502, e.price(), PRICE_TOL, "price"),
                    () -> assertEquals(profit, e.profit(), MONEY_TOL, "profit"));
            assertTrue(gateway().positions().isEmpty(), "position gone");
            assertAccount(STARTING_BALANCE + profit);
        }
    }

    @Nested
    @DisplayName("netting account: one position per symbol")
    class Netting {

        @BeforeEach
        void startNetting() throws Exception {
            start(AccountMode.NETTING);
        }

        @Test
        @DisplayName("an opposite order of the same volume closes the position and realises its profit")
        void oppositeOrder_closes() throws Exception {
            ExecutionReport open = market(Side.BUY, 1, quote("EURUSD", 1.10000, 1.10012));
            Tick later = quote("EURUSD", 1.10100, 1.10112);
            ExecutionReport close = market(Side.SELL, 1, later);

            assertEquals(ExecutionStatus.FILLED, close.status());
            assertEquals(1.10100, close.fillPrice(), PRICE_TOL, "closed at the bid");
            assertEquals(open.positionTicket(), close.positionTicket(), "the close names the position");
            assertTrue(gateway().positions().isEmpty(), "flat");
            assertAccount(STARTING_BALANCE + (1.10100 - 1.10012) * 100_000);
        }

        @Test
        @DisplayName("a same-side order adds to the one position")
        void sameSide_adds() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            ExecutionReport first = market(Side.BUY, 1, t);
            ExecutionReport second = market(Side.BUY, 0.5, t);

            Position p = only(gateway().positions());
            assertEquals(first.positionTicket(), second.positionTicket(), "same position");
            assertEquals(1.5, p.volume(), 1e-9, "volume");
            assertAccount(STARTING_BALANCE);
        }

        @Test
        @DisplayName("a smaller opposite order reduces the position")
        void smallerOpposite_reduces() throws Exception {
            market(Side.BUY, 1, quote("EURUSD", 1.10000, 1.10012));
            market(Side.SELL, 0.4, quote("EURUSD", 1.10100, 1.10112));

            Position p = only(gateway().positions());
            assertEquals(Side.BUY, p.side());
            assertEquals(0.6, p.volume(), 1e-9, "volume left");
            assertAccount(STARTING_BALANCE + (1.10100 - 1.10012) * 40_000);
        }
    }

    @Nested
    @DisplayName("hedging account: a position per fill")
    class Hedging {

        @BeforeEach
        void startHedging() throws Exception {
            assumeTrue(supportsHedging(), "the gateway does not run hedging accounts");
            start(AccountMode.HEDGING);
        }

        @Test
        @DisplayName("each fill opens its own position, opposite ones too")
        void eachFill_ownPosition() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            ExecutionReport a = market(Side.BUY, 1, t);
            ExecutionReport b = market(Side.BUY, 0.5, t);
            ExecutionReport c = market(Side.SELL, 0.2, t);

            List<Position> open = gateway().positions();
            assertEquals(3, open.size(), () -> "three positions expected, was " + open);
            assertTrue(a.positionTicket() != b.positionTicket() && b.positionTicket() != c.positionTicket(),
                    "distinct tickets");
            assertAccount(STARTING_BALANCE);
        }

        @Test
        @DisplayName("an order naming a position ticket closes that position only")
        void positionTicket_closesThatOne() throws Exception {
            Tick t = quote("EURUSD", 1.10000, 1.10012);
            ExecutionReport a = market(Side.BUY, 1, t);
            ExecutionReport b = market(Side.BUY, 0.5, t);
            Tick later = quote("EURUSD", 1.10100, 1.10112);

            OrderRequest close = OrderRequest.market(nextId(), "EURUSD", Side.SELL, 1, later.bid())
                    .closing(a.positionTicket());
            ExecutionReport r = submit(close);

            assertFilled(r, close, 1.10100);
            assertEquals(a.positionTicket(), r.positionTicket(), "the close names the position");
            Position left = only(gateway().positions());
            assertEquals(b.positionTicket(), left.ticket(), "the other position stays");
            assertAccount(STARTING_BALANCE + (1.10100 - 1.10012) * 100_000);
        }

        @Test
        @DisplayName("a smaller order naming a position ticket reduces that position")
        void positionTicket_reduces() throws Exception {
            ExecutionReport a = market(Side.BUY, 1, quote("EURUSD", 1.10000, 1.10012));
            Tick later = quote("EURUSD", 1.10100, 1.10112);
            ExecutionReport r = submit(OrderRequest.market(nextId(), "EURUSD", Side.SELL, 0.3, later.bid())
                    .closing(a.positionTicket()));

            assertEquals(ExecutionStatus.FILLED, r.status(), () -> "report " + r);
            Position left = only(gateway().positions());
            assertEquals(a.positionTicket(), left.ticket(), "same position");
            assertEquals(Side.BUY, left.side());
            assertEquals(0.7, left.volume(), 1e-9, "volume left");
            assertAccount(STARTING_BALANCE + (1.10100 - 1.10012) * 30_000);
        }
    }
}

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ensemble.Bar;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.core.TradeReturnCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Mt5Gateway against the simulated terminal over real sockets")
class Mt5GatewayTest {

    private Harness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            try {
                h.assertInvariants();
            } finally {
                h.close();
            }
        }
    }

    @Nested
    @DisplayName("handshake and broker specs")
    class Handshake {

        @Test
        void handshake_reportsAccountAndMapsSuffixedBrokerSymbolsToCatalogNames() {
            h = new Harness(b -> b.accountMode(AccountMode.NETTING).stopsLevel("EURUSD", 25), c -> { });
            Mt5Session s = h.connection.session().orElseThrow();
            assertEquals(AccountMode.NETTING, s.accountMode());
            assertEquals("USD", s.currency());
            assertEquals(100, s.leverage());
            assertEquals(7200, s.serverOffsetSeconds());
            assertTrue(s.canTrade());
            assertEquals("EURUSD.m", s.symbol("EURUSD").orElseThrow().brokerName());
            assertEquals(Harness.SYMBOLS.size(), s.symbols().size());
            assertEquals(ConnectionState.CONNECTED, h.connection.state());
        }

        @Test
        void brokerSpecs_overrideTheCatalogDefaults() {
            h = new Harness(b -> b.stopsLevel("EURUSD", 25), c -> { });
            assertEquals(25, h.connection.catalog().spec("EURUSD").stopsLevelPoints());
            assertNotEquals(25, h.connection.config().catalog().spec("EURUSD").stopsLevelPoints());
        }

        @Test
        void account_isTheTerminals() {
            h = new Harness(b -> b.balance(25_000), c -> { });
            assertEquals(25_000, h.gateway.account().balance(), 1e-9);
            assertEquals(25_000, Harness.get(h.gateway.fetchAccount()).equity(), 1e-9);
        }
    }

    @Nested
    @DisplayName("orders")
    class Orders {

        @BeforeEach
        void start() {
            h = new Harness(AccountMode.HEDGING);
        }

        @Test
        void marketOrderWithStops_fillsAndReportsTicketsSlippageAndLatency() {
            double[] q = h.terminal.quote("EURUSD");
            OrderRequest r = new OrderRequest(Harness.cid("o"), "EURUSD", Side.BUY, 0.2, q[1] - 0.00002, q[0] - 0.0050,
                    q[1] + 0.0100, 10, h.connection.config().magic(), "test", 0);
            ExecutionReport rep = h.submit(r);
            assertEquals(ExecutionStatus.FILLED, rep.status(), rep.toString());
            assertEquals(TradeReturnCode.DONE, rep.returnCode());
            assertTrue(rep.orderTicket() > 0 && rep.dealTicket() > 0 && rep.positionTicket() > 0, rep.toString());
            assertEquals(0.2, rep.filledVolume(), 1e-9);
            assertEquals(q[1], rep.fillPrice(), 1e-9);
            assertEquals(0.00002, rep.slippage(), 1e-9, "fill at the ask, two points above the requested price");
            assertTrue(rep.latencyNanos() > 0);
            h.awaitBooksEqual();
            Position p = h.gateway.positions().get(0);
            assertEquals(r.clientOrderId(), p.clientOrderId());
            assertEquals(Mt5Config.DEFAULT_MAGIC, p.magic());
            OrderStatistics st = h.gateway.statistics();
            assertEquals(1, st.filled());
            assertEquals(2.0, st.maxSlippagePoints(), 1e-6);
            assertTrue(st.latencyP99Micros() > 0);
        }

        @Test
        void sameClientOrderIdTwice_isExecutedOnceAndAnsweredWithTheFirstOutcome() {
            OrderRequest r = h.market(Harness.cid("dup"), "EURUSD", Side.BUY, 0.1);
            CompletionStage<ExecutionReport> a = h.gateway.submit(r);
            CompletionStage<ExecutionReport> b = h.gateway.submit(r);
            assertEquals(Harness.get(a), Harness.get(b));
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            assertEquals(1, h.terminal.attempts(r.clientOrderId()));
            h.awaitBooksEqual();
        }

        /** Closes go through submit with the position ticket, as the pipeline sends them (audited). */
        @Test
        void closeFullAndPartial_throughSubmitWithThePositionTicket_keepTheBookEqual() {
            ExecutionReport open = h.submit(h.market(Harness.cid("o"), "XAUUSD", Side.SELL, 0.5));
            h.awaitBooksEqual();
            ExecutionReport part = h.submit(h.market(Harness.cid("c"), "XAUUSD", Side.BUY, 0.2).closing(open.positionTicket()));
            assertEquals(ExecutionStatus.FILLED, part.status(), part.toString());
            assertEquals(open.positionTicket(), part.positionTicket());
            h.awaitBooksEqual();
            assertEquals(0.3, h.gateway.positions().get(0).volume(), 1e-9);
            ExecutionReport full = h.submit(h.market(Harness.cid("c"), "XAUUSD", Side.BUY, 0.3).closing(open.positionTicket()));
            assertEquals(ExecutionStatus.FILLED, full.status(), full.toString());
            h.awaitBooksEqual();
            assertTrue(h.gateway.positions().isEmpty());
            assertTrue(h.events.isEmpty(), "own closes are reports, not trade events: " + h.events);
        }

        @Test
        void aCloseOfTheWrongSideOrSymbol_isRefusedBeforeSending() {
            ExecutionReport open = h.submit(h.market(Harness.cid("o"), "XAUUSD", Side.SELL, 0.5));
            h.awaitBooksEqual();
            String sameSide = Harness.cid("c");
            ExecutionReport r1 = h.submit(h.market(sameSide, "XAUUSD", Side.SELL, 0.5).closing(open.positionTicket()));
            String otherSymbol = Harness.cid("c");
            ExecutionReport r2 = h.submit(h.market(otherSymbol, "EURUSD", Side.BUY, 0.5).closing(open.positionTicket()));
            for (ExecutionReport r : List.of(r1, r2)) {
                assertEquals(ExecutionStatus.REJECTED, r.status(), r.toString());
                assertTrue(r.message().contains("cannot close position " + open.positionTicket()), r.message());
            }
            assertEquals(0, h.terminal.attempts(sameSide) + h.terminal.attempts(otherSymbol), "nothing was sent");
            assertEquals(0.5, h.terminal.positions().get(0).volume(), 1e-9);
        }

        /** Stop changes are the SPI's modify, which the pipeline calls after auditing them. */
        @Test
        void modifyThroughTheSpi_changesStopsOnBothSides() {
            ExecutionReport open = h.submit(h.market(Harness.cid("o"), "EURUSD", Side.BUY, 0.1));
            double[] q = h.terminal.quote("EURUSD");
            io.aria.core.spi.OrderGateway spi = h.gateway;
            int code = Harness.get(spi.modify(open.positionTicket(), q[0] - 0.002, q[0] + 0.003));
            assertEquals(TradeReturnCode.DONE, code);
            h.awaitBooksEqual();
            assertEquals(q[0] - 0.002, h.gateway.positions().get(0).stopLoss(), 1e-9);
            assertEquals(q[0] - 0.002, h.terminal.positions().get(0).stopLoss(), 1e-9);
        }

        @Test
        void modify_neverFails_itAnswersWithACode() {
            ExecutionReport open = h.submit(h.market(Harness.cid("o"), "EURUSD", Side.BUY, 0.1));
            assertEquals(TradeReturnCode.INVALID, Harness.get(h.gateway.modify(open.positionTicket(), Double.NaN, 0)));
            assertEquals(TradeReturnCode.INVALID, Harness.get(h.gateway.modify(0, 0, 0)));
            assertEquals(TradeReturnCode.POSITION_CLOSED, Harness.get(h.gateway.modify(987_654, 0, 0)));
            h.terminal.faults().dropReplies("modify", 1);
            assertEquals(TradeReturnCode.TIMEOUT, Harness.get(h.gateway.modify(open.positionTicket(), 0, 0)));
        }

        @Test
        void closeAll_bySymbolAndByMagic_closesEachMatchingPositionOnce() {
            h.submit(h.market(Harness.cid("o"), "EURUSD", Side.BUY, 0.1));
            h.submit(h.market(Harness.cid("o"), "EURUSD", Side.SELL, 0.1));
            // another client on the account, with magic 9 (a gateway sends only its own magic)
            try (Mt5Connection other = Mt5Connection.open(Mt5Config.builder().commandEndpoint(h.terminal.commandEndpoint())
                    .eventEndpoint(h.terminal.eventEndpoint()).symbols(Harness.SYMBOLS).magic(9)
                    .clock(Harness.WEDNESDAY).build())) {
                Harness.get(other.connect());
                assertEquals(ExecutionStatus.FILLED, Harness.get(other.gateway().submit(OrderRequest.market(Harness.cid("m"),
                        "USDJPY", Side.BUY, 0.1, h.terminal.quote("USDJPY")[1]))).status());
            }
            h.awaitBooksEqual();
            assertEquals(3, h.terminal.positions().size());
            List<Integer> bySymbol = Harness.get(h.gateway.closeAll("EURUSD", -1, "ca1"));
            assertEquals(List.of(TradeReturnCode.DONE, TradeReturnCode.DONE), bySymbol);
            h.awaitBooksEqual();
            assertTrue(h.gateway.positions().isEmpty(), "the magic-9 position is not in this gateway's book");
            assertEquals(1, h.terminal.positions().size());
            assertEquals(List.of(), Harness.get(h.gateway.closeAll(null, 8, "ca2")), "no position has magic 8");
            assertEquals(List.of(TradeReturnCode.DONE), Harness.get(h.gateway.closeAll(null, 9, "ca3")));
            Await.until(() -> h.terminal.positions().isEmpty(), "the magic-9 position to close");
            assertTrue(h.gateway.positions().isEmpty());
            assertEquals(1, h.terminal.maxExecutionsPerClientOrderId());
            assertTrue(h.events.isEmpty(), "close_all of this gateway raises no external-close events: " + h.events);
        }

        @Test
        void queries_positionsPendingOrdersDealsAndBars() {
            long t0 = Harness.WEDNESDAY.millis() - 1000;
            ExecutionReport open = h.submit(h.market(Harness.cid("o"), "EURUSD", Side.BUY, 0.1));
            List<Position> ps = Harness.get(h.gateway.fetchPositions());
            assertEquals(1, ps.size());
            assertEquals("EURUSD", ps.get(0).symbol());
            assertEquals(List.of(), Harness.get(h.gateway.pendingOrders()));
            List<Deal> deals = Harness.get(h.gateway.deals(t0));
            assertEquals(1, deals.size());
            assertEquals(open.dealTicket(), deals.get(0).ticket());
            assertEquals("in", deals.get(0).entry());
            assertEquals(open.clientOrderId(), deals.get(0).clientOrderId());
            List<Bar> bars = Harness.get(h.connection.bars("EURUSD", "M5", 20));
            assertEquals(20, bars.size());
            assertEquals(300_000, bars.get(1).startMillis() - bars.get(0).startMillis());
            assertTrue(bars.stream().allMatch(b -> b.symbol().equals("EURUSD") && b.durationMillis() == 300_000), bars.toString());
            assertTrue(bars.stream().allMatch(b -> b.high() >= Math.max(b.open(), b.close())
                    && b.low() <= Math.min(b.open(), b.close())), bars.toString());
        }

        @Test
        void subscribeAndUnsubscribe_nameTheBrokerSymbolsAndTheUnknownOnes() {
            com.fasterxml.jackson.databind.node.ObjectNode q = io.aria.mt5.internal.Wire.request("unsubscribe", "");
            q.putArray("symbols").add("EURUSD.m").add("NOPE");
            List<String> removed = Harness.get(h.connection.query(q, r -> r.strings("symbols")));
            assertEquals(List.of("EURUSD.m"), removed);
            com.fasterxml.jackson.databind.node.ObjectNode s = io.aria.mt5.internal.Wire.request("subscribe", "");
            s.putArray("symbols").add("EURUSD.m").add("NOPE");
            List<String> unknown = Harness.get(h.connection.query(s, r -> r.strings("unknown")));
            assertEquals(List.of("NOPE"), unknown);
        }
    }

    @Nested
    @DisplayName("checks against the broker's spec before sending")
    class PreSendChecks {

        @BeforeEach
        void start() {
            h = new Harness(b -> b.stopsLevel("EURUSD", 50).tradeMode("USDJPY", 3), c -> { });
        }

        @Test
        void volumeOffTheStep_isRejectedLocallyWithInvalidVolume() {
            OrderRequest r = h.market(Harness.cid("v"), "EURUSD", Side.BUY, 0.015);
            ExecutionReport rep = h.submit(r);
            assertEquals(ExecutionStatus.REJECTED, rep.status());
            assertEquals(TradeReturnCode.INVALID_VOLUME, rep.returnCode());
            assertEquals(0, h.terminal.attempts(r.clientOrderId()), "nothing was sent");
        }

        @Test
        void stopInsideTheStopsLevel_isRejectedLocallyWithInvalidStops() {
            double[] q = h.terminal.quote("EURUSD");
            OrderRequest r = h.market(Harness.cid("s"), "EURUSD", Side.BUY, 0.1).withStops(q[1] - 0.0003, 0);
            ExecutionReport rep = h.submit(r);
            assertEquals(TradeReturnCode.INVALID_STOPS, rep.returnCode(), rep.message());
            assertEquals(0, h.terminal.attempts(r.clientOrderId()));
        }

        @Test
        void closeOnlySymbol_refusesOpeningOrders() {
            ExecutionReport rep = h.submit(h.market(Harness.cid("t"), "USDJPY", Side.BUY, 0.1));
            assertEquals(TradeReturnCode.TRADE_DISABLED, rep.returnCode());
        }

        @Test
        void symbolTheBrokerDoesNotOffer_isRejected() {
            ExecutionReport rep = h.submit(OrderRequest.market(Harness.cid("u"), "GBPUSD", Side.BUY, 0.1, 1.27));
            assertEquals(ExecutionStatus.REJECTED, rep.status());
            assertEquals(TradeReturnCode.INVALID, rep.returnCode());
        }
    }

    @Nested
    @DisplayName("retry policy per return code")
    class Retries {

        @BeforeEach
        void start() {
            h = new Harness(AccountMode.HEDGING);
        }

        @Test
        void requotes_areRetriedWithAFreshPriceUpToTheBound() {
            h.terminal.faults().requote(2);
            OrderRequest r = h.market(Harness.cid("rq"), "EURUSD", Side.BUY, 0.1);
            ExecutionReport rep = h.submit(r);
            assertEquals(ExecutionStatus.FILLED, rep.status(), rep.toString());
            assertEquals(3, h.terminal.attempts(r.clientOrderId()));
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            assertEquals(2, h.gateway.statistics().priceRetries());
            assertTrue(rep.slippage() > 0, "the market moved against the order: " + rep.slippage());
            h.awaitBooksEqual();
        }

        @Test
        void requotesBeyondTheBound_areRejected() {
            h.terminal.faults().requote(10);
            OrderRequest r = h.market(Harness.cid("rq"), "EURUSD", Side.BUY, 0.1);
            ExecutionReport rep = h.submit(r);
            assertEquals(ExecutionStatus.REJECTED, rep.status());
            assertEquals(TradeReturnCode.REQUOTE, rep.returnCode());
            assertEquals(4, h.terminal.attempts(r.clientOrderId()), "first try and three retries");
            assertEquals(0, h.terminal.executions(r.clientOrderId()));
        }

        @ParameterizedTest(name = "retcode {0} is never retried")
        @org.junit.jupiter.params.provider.ValueSource(ints = {TradeReturnCode.NO_MONEY, TradeReturnCode.MARKET_CLOSED,
                TradeReturnCode.INVALID_FILL, TradeReturnCode.INVALID_VOLUME, TradeReturnCode.INVALID_STOPS})
        void refusals_areNeverRetried(int code) {
            h.terminal.faults().reject(1, code);
            OrderRequest r = h.market(Harness.cid("rj"), "EURUSD", Side.BUY, 0.1);
            ExecutionReport rep = h.submit(r);
            assertEquals(ExecutionStatus.REJECTED, rep.status());
            assertEquals(code, rep.returnCode());
            assertEquals(1, h.terminal.attempts(r.clientOrderId()));
            assertTrue(h.gateway.positions().isEmpty());
        }

        @Test
        void partialFill_isReportedAndTheBookHoldsTheFilledPart() {
            h.terminal.faults().partialFill(0.5);
            ExecutionReport rep = h.submit(h.market(Harness.cid("pf"), "EURUSD", Side.BUY, 0.3));
            assertEquals(ExecutionStatus.PARTIALLY_FILLED, rep.status());
            assertEquals(0.15, rep.filledVolume(), 1e-9);
            h.awaitBooksEqual();
            assertEquals(0.15, h.gateway.positions().get(0).volume(), 1e-9);
        }
    }

    @Nested
    @DisplayName("unknown outcomes are resolved by client order id, never by a resend")
    class UnknownOutcomes {

        @BeforeEach
        void start() {
            h = new Harness(AccountMode.HEDGING);
        }

        @Test
        void droppedReply_givesUnknownThenResolvesToTheFill() {
            h.terminal.faults().dropReplies("order", 1);
            OrderRequest r = h.market(Harness.cid("dr"), "EURUSD", Side.BUY, 0.1);
            ExecutionReport first = h.submit(r);
            assertEquals(ExecutionStatus.UNKNOWN, first.status());
            ExecutionReport last = h.resolution(r.clientOrderId());
            assertEquals(ExecutionStatus.FILLED, last.status(), last.toString());
            assertEquals(1, h.terminal.attempts(r.clientOrderId()), "never resent");
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            h.awaitBooksEqual();
            Await.until(() -> h.events.stream().anyMatch(e -> e.kind() == TradeEvent.Kind.LATE_FILL),
                    "a late fill event");
        }

        @Test
        void lostRequest_givesUnknownThenRejectedAndTheIdIsFenced() {
            h.terminal.faults().ignoreRequests("order", 1);
            OrderRequest r = h.market(Harness.cid("lost"), "EURUSD", Side.BUY, 0.1);
            assertEquals(ExecutionStatus.UNKNOWN, h.submit(r).status());
            ExecutionReport last = h.resolution(r.clientOrderId());
            assertEquals(ExecutionStatus.REJECTED, last.status(), last.toString());
            assertEquals(0, h.terminal.executions(r.clientOrderId()));
            assertTrue(h.gateway.positions().isEmpty());
        }

        @Test
        void lateReply_afterTheTimeout_isDroppedAndTheOrderStillResolvesOnce() {
            h.terminal.faults().delayReplies("order", 1, Duration.ofMillis(2000));
            OrderRequest r = h.market(Harness.cid("late"), "EURUSD", Side.SELL, 0.1);
            assertEquals(ExecutionStatus.UNKNOWN, h.submit(r).status());
            assertEquals(ExecutionStatus.FILLED, h.resolution(r.clientOrderId()).status());
            Await.until(() -> h.connection.lateReplyCount() >= 1, "the late reply to be dropped");
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            h.awaitBooksEqual();
        }

        @Test
        void disconnectMidOrder_reconnectsReconcilesAndReportsTheFillOnce() {
            h.terminal.faults().disconnectMidOrder(Duration.ofMillis(1000));
            OrderRequest r = h.market(Harness.cid("dc"), "EURUSD", Side.BUY, 0.1);
            assertEquals(ExecutionStatus.UNKNOWN, h.submit(r).status());
            ExecutionReport last = h.resolution(r.clientOrderId());
            assertEquals(ExecutionStatus.FILLED, last.status(), last.toString());
            Await.until(() -> h.connection.state() == ConnectionState.CONNECTED, "reconnected");
            assertTrue(h.connection.reconnectCount() >= 1);
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            h.awaitBooksEqual();
            ExecutionReport next = h.submit(h.market(Harness.cid("after"), "EURUSD", Side.BUY, 0.1));
            assertEquals(ExecutionStatus.FILLED, next.status(), "the link works again");
            h.awaitBooksEqual();
        }

        @Test
        void terminalRestart_keepsPositions_andAResendOfAFilledIdOpensNothing() {
            OrderRequest r = h.market(Harness.cid("rs"), "EURUSD", Side.BUY, 0.1);
            h.submit(r);
            String before = h.terminal.session();
            h.terminal.restart();
            Await.until(() -> h.connection.session().map(s -> !s.session().equals(before)).orElse(false)
                    && h.connection.state() == ConnectionState.CONNECTED, "the new session");
            h.awaitBooksEqual();
            // a second client that never saw the reply resends the same id: history answers it
            try (Mt5Connection other = Mt5Connection.open(h.connection.config())) {
                Harness.get(other.connect());
                Await.until(() -> other.gateway().positions().size() == 1, "the second client's book");
                ExecutionReport again = Harness.get(other.gateway().submit(r));
                assertEquals(ExecutionStatus.FILLED, again.status(), again.toString());
            }
            assertEquals(1, h.terminal.executions(r.clientOrderId()));
            assertEquals(1, h.terminal.positions().size());
        }
    }

    @Nested
    @DisplayName("broker-side events keep positions true")
    class BrokerEvents {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = AccountMode.class, names = {"NETTING", "HEDGING"})
        void stopLossTakeProfitStopOutAndManualClose_areReportedOnceEach(AccountMode mode) {
            h = new Harness(b -> b.accountMode(mode).symbols(Harness.SYMBOLS), c -> { });
            h.terminal.faults().duplicateEvents(true);
            double[] e = h.terminal.quote("EURUSD");
            ExecutionReport sl = h.submit(h.market(Harness.cid("sl"), "EURUSD", Side.BUY, 0.1)
                    .withStops(e[0] - 0.0020, 0));
            double[] g = h.terminal.quote("XAUUSD");
            ExecutionReport tp = h.submit(h.market(Harness.cid("tp"), "XAUUSD", Side.SELL, 0.1)
                    .withStops(0, g[0] - 5));
            ExecutionReport so = h.submit(h.market(Harness.cid("so"), "USDJPY", Side.BUY, 0.1));
            h.awaitBooksEqual();
            h.terminal.quote("EURUSD", e[0] - 0.0030, e[0] - 0.0030 + 0.00012);
            h.terminal.quote("XAUUSD", g[0] - 10, g[0] - 10 + 0.3);
            h.terminal.stopOut(so.positionTicket());
            Await.until(() -> h.events.size() >= 3, "three trade events");
            h.awaitBooksEqual();
            assertTrue(h.gateway.positions().isEmpty());
            assertEquals(List.of(TradeEvent.Kind.STOP_LOSS, TradeEvent.Kind.TAKE_PROFIT, TradeEvent.Kind.STOP_OUT),
                    h.events.stream().map(TradeEvent::kind).toList());
            assertEquals(sl.positionTicket(), h.events.get(0).positionTicket());
            assertEquals(tp.clientOrderId(), h.events.get(1).clientOrderId());
            assertTrue(h.events.get(0).profit() < 0);
            // a manual close in the terminal
            ExecutionReport man = h.submit(h.market(Harness.cid("m"), "EURUSD", Side.SELL, 0.2));
            h.awaitBooksEqual();
            h.terminal.closeExternally(man.positionTicket());
            Await.until(() -> h.events.size() >= 4, "the external close");
            assertEquals(TradeEvent.Kind.CLOSED_EXTERNALLY, h.events.get(3).kind());
            h.awaitBooksEqual();
            assertEquals(4, h.events.size(), "duplicated events are reported once: " + h.events);
        }

        @Test
        void netting_oppositeOrdersReduceAndReverseOnePosition() {
            h = new Harness(AccountMode.NETTING);
            h.submit(h.market(Harness.cid("n"), "EURUSD", Side.BUY, 0.3));
            h.submit(h.market(Harness.cid("n"), "EURUSD", Side.SELL, 0.1));
            h.awaitBooksEqual();
            assertEquals(0.2, h.gateway.positions().get(0).volume(), 1e-9);
            h.submit(h.market(Harness.cid("n"), "EURUSD", Side.SELL, 0.5));
            h.awaitBooksEqual();
            Position p = h.gateway.positions().get(0);
            assertEquals(Side.SELL, p.side());
            assertEquals(0.3, p.volume(), 1e-9);
        }

        @Test
        void eventGap_triggersReconciliationThatStillReportsTheMissedClose() {
            h = new Harness(AccountMode.HEDGING);
            ExecutionReport open = h.submit(h.market(Harness.cid("g"), "EURUSD", Side.BUY, 0.1));
            h.awaitBooksEqual();
            h.terminal.faults().dropEvents(1);
            h.terminal.closeExternally(open.positionTicket());
            Await.until(() -> h.connection.sequenceGapCount() >= 1, "the gap to be seen");
            h.awaitBooksEqual();
            Await.until(() -> !h.events.isEmpty(), "the missed close to be reported");
            assertEquals(TradeEvent.Kind.CLOSED_EXTERNALLY, h.events.get(0).kind());
        }

        @Test
        void malformedReplyAndEvent_areCountedAndTheConnectionKeepsWorking() {
            h = new Harness(AccountMode.HEDGING);
            h.terminal.faults().malformed("{not json".getBytes(StandardCharsets.UTF_8),
                    "[1,2,3]".getBytes(StandardCharsets.UTF_8));
            ExecutionReport rep = h.submit(h.market(Harness.cid("mf"), "EURUSD", Side.BUY, 0.1));
            assertEquals(ExecutionStatus.FILLED, rep.status());
            Await.until(() -> h.connection.malformedCount() >= 2, "both malformed messages counted");
            assertSame(ConnectionState.CONNECTED, h.connection.state());
            h.awaitBooksEqual();
            assertFalse(h.gateway.positions().isEmpty());
        }
    }
}

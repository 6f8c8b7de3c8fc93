package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditFailedException;
import io.aria.core.audit.AuditRecord;
import io.aria.core.paper.FillModel;
import io.aria.core.paper.PaperBroker;
import io.aria.core.paper.PartialFillModel;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.PipelineListener;
import io.aria.core.spi.PositionSizer;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 8, findings 5 and 7: control actions through the audit, and closed trades in it. */
class ControlAndClosedTradeTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();

    PaperBroker broker;
    ScriptedEnsemble ensemble;
    RecordingAudit audit;
    List<ClosedTrade> heard;

    static final PositionSizer ONE_LOT = (d, p) -> {
        Tick t = p.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "1 lot"));
    };

    @BeforeEach
    void setUp() {
        broker = PaperBroker.builder().startingBalance(100_000).build();
        ensemble = new ScriptedEnsemble();
        audit = new RecordingAudit();
        heard = new ArrayList<>();
    }

    TradingPipeline pipeline(AuditSink sink) {
        return TradingPipeline.builder().ensemble(ensemble).sizer(ONE_LOT).gateway(broker).auditSink(sink)
                .listener(new PipelineListener() {
                    @Override
                    public void onTradeClosed(ClosedTrade trade) {
                        heard.add(trade);
                    }
                }).build();
    }

    static Tick eur(long t, double bid) {
        return new Tick("EURUSD", T0 + t, bid, Math.round((bid + 0.0002) * 1e5) / 1e5, 1);
    }

    /** Opens a 1-lot EURUSD long at 1.1002 and stops the script. */
    TradingPipeline openLong(AuditSink sink) {
        TradingPipeline p = pipeline(sink);
        ensemble.set("EURUSD", Direction.LONG);
        p.step(eur(0, 1.1000));
        ensemble.set("EURUSD", null);
        assertEquals(1, broker.positions().size());
        return p;
    }

    @Nested
    @DisplayName("finding 5: every order-sending control goes through the loop and the audit")
    class Control {

        @Test
        void closePosition_isWrittenAheadWithItsOwnVerdict_andPassesTheKillSwitch() throws Exception {
            TradingPipeline p = openLong(audit);
            long ticket = broker.positions().get(0).ticket();
            p.engageKillSwitch("ops", "halt");
            CompletableFuture<ControlResult> f = p.closePosition(ticket, "ops:alice", "client asked");
            p.drain();
            ControlResult r = f.get(5, TimeUnit.SECONDS);
            assertEquals(1, r.ordersSent());
            assertEquals(ExecutionStatus.FILLED, r.reports().get(0).status());
            assertEquals(1.1000, r.reports().get(0).fillPrice(), 1e-9, "sold at the bid");
            assertEquals(ClosedTrade.ExitReason.MANUAL, r.closedTrades().get(0).exitReason());
            assertTrue(broker.positions().isEmpty());

            AuditRecord.ControlAction action = audit.of(AuditRecord.ControlAction.class).stream()
                    .filter(a -> a.action().equals("CLOSE_POSITION")).findFirst().orElseThrow();
            assertEquals("ops:alice", action.by());
            assertTrue(action.detail().contains("client asked"), action.detail());
            AuditRecord.OrderSubmitted sub = audit.of(AuditRecord.OrderSubmitted.class).get(1);
            assertEquals("CONTROL_CLOSE", sub.verdict().code());
            assertEquals("ops:alice: client asked", sub.verdict().message());
            assertEquals(OrderIntent.Origin.CONTROL, sub.intent().origin());
            assertTrue(sub.intent().reducing());
            assertEquals(ticket, sub.request().positionTicket());
            assertTrue(audit.records.indexOf(action) < audit.records.indexOf(sub));
        }

        @Test
        void closingAPositionThatIsNotOpen_sendsNothingAndSaysWhy() throws Exception {
            TradingPipeline p = openLong(audit);
            CompletableFuture<ControlResult> f = p.closePosition(999, "ops", "typo");
            p.drain();
            ControlResult r = f.get(5, TimeUnit.SECONDS);
            assertEquals(0, r.ordersSent());
            assertEquals(List.of("position 999 is not open"), r.notes());
            assertEquals(1, broker.positions().size());
        }

        @Test
        void flattenAll_hasAControlVerdict_notAMadeUpApproval() throws Exception {
            TradingPipeline p = openLong(audit);
            p.step(new Tick("USDJPY", T0 + 1, 150.0, 150.02, 1));
            CompletableFuture<ControlResult> f = p.flattenAll("ops", "end of day");
            p.drain();
            ControlResult r = f.get(5, TimeUnit.SECONDS);
            assertEquals(1, r.ordersSent());
            assertEquals("FLATTEN_ALL", r.action());
            AuditRecord.OrderSubmitted close = audit.of(AuditRecord.OrderSubmitted.class).get(1);
            assertEquals("CONTROL_FLATTEN", close.verdict().code());
            assertNotEquals("all rules passed", close.verdict().message());
            assertEquals(OrderIntent.Origin.CONTROL, close.intent().origin());
            assertTrue(broker.positions().isEmpty());
        }

        @Test
        void aControlCloseThatCannotBeWrittenAhead_isNotSent() throws Exception {
            RefusableSink sink = new RefusableSink();
            TradingPipeline p = openLong(sink);
            sink.refuse = true;
            CompletableFuture<ControlResult> f = p.flattenAll("ops", "test");
            p.drain();
            ControlResult r = f.get(5, TimeUnit.SECONDS);
            assertEquals(0, r.ordersSent());
            assertTrue(r.notes().get(0).contains("AUDIT_FAILED"), r.notes().toString());
            assertEquals(1, broker.positions().size());
            assertTrue(p.killSwitch().state().reason().startsWith("AUDIT_FAILED: "));
            assertEquals(1, p.snapshot().counters().auditFailures());
        }

        @Test
        void modifyPosition_goesThroughTheAuditAndThePaperBroker() throws Exception {
            TradingPipeline p = openLong(audit);
            long ticket = broker.positions().get(0).ticket();
            CompletableFuture<ModifyResult> ok = p.modifyPosition(ticket, 1.0950, 1.1100, "ops", "tighten");
            p.drain();
            assertTrue(ok.get(5, TimeUnit.SECONDS).done());
            assertEquals(1.0950, broker.positions().get(0).stopLoss());
            assertEquals(1.1100, p.snapshot().positions().get(0).takeProfit());
            List<String> actions = audit.of(AuditRecord.ControlAction.class).stream().map(AuditRecord.ControlAction::action)
                    .filter(a -> a.startsWith("MODIFY")).toList();
            assertEquals(List.of("MODIFY_POSITION", "MODIFY_POSITION_DONE"), actions);

            CompletableFuture<ModifyResult> wrong = p.modifyPosition(ticket, 1.1050, 0, "ops", "stop above the bid");
            p.drain();
            assertEquals(TradeReturnCode.INVALID_STOPS, wrong.get(5, TimeUnit.SECONDS).returnCode());
            assertEquals(1.0950, broker.positions().get(0).stopLoss(), "unchanged");

            // the new stop-loss acts: the broker closes at it and the closed trade says STOP_LOSS
            p.step(eur(10, 1.0940));
            assertTrue(broker.positions().isEmpty());
            assertEquals(ClosedTrade.ExitReason.STOP_LOSS, heard.get(0).exitReason());
        }

        @Test
        void thePaperBrokerRefusesStopsItCannotSet() throws Exception {
            broker.onTick(eur(0, 1.1000));
            broker.submit(OrderRequest.market("s-1", "EURUSD", Side.SELL, 1, 1.1000));
            long ticket = broker.positions().get(0).ticket();
            assertEquals(TradeReturnCode.POSITION_CLOSED, broker.modify(ticket + 100, 0, 0).toCompletableFuture().get());
            assertEquals(TradeReturnCode.INVALID_STOPS, broker.modify(ticket, Double.NaN, 0).toCompletableFuture().get());
            assertEquals(TradeReturnCode.INVALID_STOPS, broker.modify(ticket, -1, 0).toCompletableFuture().get());
            assertEquals(TradeReturnCode.INVALID_STOPS, broker.modify(ticket, 1.0990, 0).toCompletableFuture().get(),
                    "a short's stop-loss below the ask");
            assertEquals(TradeReturnCode.INVALID_STOPS, broker.modify(ticket, 0, 1.1010).toCompletableFuture().get(),
                    "a short's take-profit above the ask");
            assertEquals(TradeReturnCode.DONE, broker.modify(ticket, 1.1050, 1.0950).toCompletableFuture().get());
            assertEquals(1.1050, broker.positions().get(0).stopLoss());
            assertEquals(TradeReturnCode.DONE, broker.modify(ticket, 0, 0).toCompletableFuture().get(), "removes both");
            assertEquals(0, broker.positions().get(0).takeProfit());
        }

        @Test
        void badStopsAreRefusedAtTheCallWithTheirValue() {
            TradingPipeline p = openLong(audit);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> p.modifyPosition(1, Double.NaN, 0, "ops", "x"));
            assertEquals("stopLoss must be finite and >= 0, was NaN", e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> p.closePosition(0, "ops", "x"));
            assertEquals("ticket must be > 0, was 0", e.getMessage());
        }

        @Test
        void modifyIsNotSentWhenItCannotBeWrittenAhead() throws Exception {
            RefusableSink sink = new RefusableSink();
            TradingPipeline p = openLong(sink);
            long ticket = broker.positions().get(0).ticket();
            sink.refuse = true;
            CompletableFuture<ModifyResult> f = p.modifyPosition(ticket, 1.0950, 0, "ops", "tighten");
            p.drain();
            assertFalse(f.get(5, TimeUnit.SECONDS).done());
            assertEquals(0, broker.positions().get(0).stopLoss());
            assertTrue(p.killSwitch().isEngaged());
        }
    }

    @Nested
    @DisplayName("finding 7: every closed trade is in the audit, with the entry's attribution")
    class ClosedTrades {

        @Test
        void aSignalExit_recordsProfitExcursionsAndTheEntryDecision() {
            TradingPipeline p = openLong(audit); // bought 1 lot at 1.1002
            p.step(eur(1000, 1.0990)); // 12 pips against
            p.step(eur(2000, 1.1030)); // 28 pips for
            ensemble.set("EURUSD", Direction.FLAT);
            p.step(eur(3000, 1.1020)); // sold at 1.1020
            List<AuditRecord.TradeClosed> closed = audit.of(AuditRecord.TradeClosed.class);
            assertEquals(1, closed.size());
            ClosedTrade t = closed.get(0).trade();
            assertEquals(t, heard.get(0), "listeners get the audited record");
            assertEquals("EURUSD", t.symbol());
            assertEquals(Side.BUY, t.side());
            assertEquals(1.1002, t.entryPrice(), 1e-9);
            assertEquals(1.1020, t.exitPrice(), 1e-9);
            assertEquals(1.0, t.volume(), 1e-9);
            assertEquals(180.0, t.profit(), 1e-6);
            assertEquals(broker.account().balance() - 100_000, t.profit(), 1e-6);
            assertEquals(120.0, t.mae(), 1e-6);
            assertEquals(280.0, t.mfe(), 1e-6);
            assertEquals(3000, t.holdingMillis());
            assertEquals(ClosedTrade.ExitReason.SIGNAL, t.exitReason());
            assertFalse(t.partial());
            assertEquals(Direction.LONG, t.entryDecision().direction(), "the ENTRY decision, not the closing one");
            assertEquals(1.0, t.entryDecision().votes().get(0).vote());
            assertEquals(Regime.TREND, t.entryDecision().regime());
            // the closing order still carries the closing decision, as before
            AuditRecord.OrderCompleted exit = audit.of(AuditRecord.OrderCompleted.class).get(1);
            assertEquals(Direction.FLAT, exit.intent().decision().direction());
        }

        @Test
        void partialCloses_eachWriteATradeClosed_andAddUpToTheBalanceChange() {
            broker = PaperBroker.builder().startingBalance(100_000)
                    .fillModel(FillModel.builder().partialFill(PartialFillModel.fraction(0.5)).build()).build();
            TradingPipeline p = pipeline(audit);
            ensemble.set("EURUSD", Direction.LONG);
            p.step(eur(0, 1.1000));
            ensemble.set("EURUSD", Direction.FLAT);
            for (int i = 1; i < 40 && !broker.positions().isEmpty(); i++) {
                p.step(eur(i * 1000L, 1.1000 + i * 0.0001));
            }
            assertTrue(broker.positions().isEmpty());
            List<ClosedTrade> closed = audit.of(AuditRecord.TradeClosed.class).stream().map(AuditRecord.TradeClosed::trade)
                    .toList();
            assertTrue(closed.size() >= 2, closed.toString());
            assertTrue(closed.get(0).partial());
            assertFalse(closed.get(closed.size() - 1).partial());
            assertEquals(0.5, closed.stream().mapToDouble(ClosedTrade::volume).sum(), 1e-9, "the entry filled 0.5");
            assertEquals(broker.account().balance() - 100_000, closed.stream().mapToDouble(ClosedTrade::profit).sum(),
                    1e-6);
            assertTrue(closed.stream().allMatch(t -> t.entryDecision().direction() == Direction.LONG));
        }

        @Test
        void aBrokerSideStop_isAClosedTradeWithTheBrokersProfit() {
            broker = PaperBroker.builder().startingBalance(100_000).build();
            PositionSizer withStop = (d, v) -> {
                Tick t = v.lastTick(d.symbol()).orElseThrow();
                return Optional.of(new OrderIntent(d.symbol(), Side.BUY, 1.0, t.ask(), 1.0980, 0, false, d, "sl"));
            };
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(withStop).gateway(broker)
                    .auditSink(audit).build();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(eur(0, 1.1000));
            ensemble.set("EURUSD", null);
            p.step(eur(1000, 1.0975));
            ClosedTrade t = audit.of(AuditRecord.TradeClosed.class).get(0).trade();
            assertEquals(ClosedTrade.ExitReason.STOP_LOSS, t.exitReason());
            assertEquals(broker.account().balance() - 100_000, t.profit(), 1e-6);
            assertEquals("", t.closingOrderId());
            assertEquals(Direction.LONG, t.entryDecision().direction());
        }

        @Test
        void anAdoptedPosition_hasNoEntryDecision() throws Exception {
            broker.onTick(eur(0, 1.1000));
            broker.submit(OrderRequest.market("manual-1", "EURUSD", Side.BUY, 1, 1.1002));
            TradingPipeline p = pipeline(audit);
            p.step(eur(1, 1.1010));
            CompletableFuture<ControlResult> f = p.flattenAll("ops", "adopted");
            p.drain();
            ClosedTrade t = f.get(5, TimeUnit.SECONDS).closedTrades().get(0);
            assertNull(t.entryDecision());
            assertEquals(80.0, t.profit(), 1e-6);
        }
    }

    @Test
    @DisplayName("a quiet tick allocates nothing in the engine, with positions open (excursions tracked)")
    void quietTicks_allocateNothing_withPositionsOpen() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean hot = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(hot.isThreadAllocatedMemorySupported() && hot.isThreadAllocatedMemoryEnabled());
        broker.onTick(eur(0, 1.1000));
        broker.submit(OrderRequest.market("long-1", "EURUSD", Side.BUY, 1, 1.1002));
        broker.onTick(new Tick("USDJPY", T0, 150.0, 150.02, 1));
        broker.submit(OrderRequest.market("short-1", "USDJPY", Side.SELL, 1, 150.0));
        TradingPipeline p = TradingPipeline.builder().ensemble((t, out) -> { }).sizer(ONE_LOT).gateway(broker)
                .auditSink(audit).build();
        p.step(new Tick("USDJPY", T0, 150.0, 150.02, 1));
        assertEquals(2, p.snapshot().positions().size());
        Tick[] ticks = new Tick[64];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i % 2 == 0 ? eur(1, 1.1000 + (i % 16) * 0.00001)
                    : new Tick("USDJPY", T0 + 1, 150.0 + (i % 16) * 0.001, 150.02 + (i % 16) * 0.001, 1);
        }
        for (int i = 0; i < 50_000; i++) {
            p.step(ticks[i & 63]);
        }
        long id = Thread.currentThread().getId();
        long before = hot.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            p.step(ticks[i & 63]);
        }
        long allocated = hot.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 10_000, "100,000 quiet ticks allocated " + allocated + " bytes");
    }

    /** Records, or refuses write-ahead when told to. */
    static final class RefusableSink implements AuditSink {
        final RecordingAudit inner = new RecordingAudit();
        volatile boolean refuse;

        @Override
        public void record(AuditRecord record) {
            inner.record(record);
        }

        @Override
        public void recordAhead(AuditRecord record) {
            if (refuse) {
                throw new AuditFailedException("cannot write audit file /x/execution_audit_20250304.jsonl: Input/output error",
                        null);
            }
            inner.record(record);
        }
    }
}

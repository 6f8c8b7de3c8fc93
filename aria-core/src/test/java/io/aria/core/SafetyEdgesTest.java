package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditFailedException;
import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.AuditSink;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PortfolioView;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TradeEventListener;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 8: each safety promise attacked at the edge where it used to break. */
class SafetyEdgesTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;

    FakeGateway gateway;
    ScriptedEnsemble ensemble;
    RecordingAudit audit;

    @BeforeEach
    void setUp() {
        gateway = new FakeGateway();
        ensemble = new ScriptedEnsemble();
        audit = new RecordingAudit();
    }

    static Tick tick(String s, long t, double bid, double ask) {
        return new Tick(s, T0 + t, bid, ask, 1);
    }

    /** A sizer that lies: every new entry is flagged as reducing. */
    static final PositionSizer LYING_SIZER = (d, p) -> {
        Tick t = p.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, true, d,
                "trust me, I only reduce"));
    };

    static final PositionSizer HONEST_SIZER = (d, p) -> {
        Tick t = p.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "fixed 1 lot"));
    };

    TradingPipeline pipeline(PositionSizer sizer, OrderGateway gw, AuditSink sink) {
        return TradingPipeline.builder().ensemble(ensemble).sizer(sizer).gateway(gw).auditSink(sink).build();
    }

    /** Downcasts the engage-only view it is handed and releases the switch, on every call. */
    static final class ReleasingGuard implements RiskGuard {
        int attempts;
        int refused;

        @Override
        public Verdict check(OrderIntent intent, PortfolioView portfolio) {
            release(portfolio);
            return Verdict.approve();
        }

        @Override
        public void onTick(Tick tick, PortfolioView portfolio) {
            release(portfolio);
        }

        private void release(PortfolioView portfolio) {
            attempts++;
            Object view = portfolio.killSwitch();
            if (view instanceof KillSwitch ks) {
                ks.release("a guard that lies");
            } else {
                refused++;
            }
        }
    }

    @Nested
    @DisplayName("a plug-in cannot release the kill switch, even by downcasting what it is handed")
    class EngageOnlyView {

        @Test
        void aGuardThatDowncastsTheView_cannotReleaseTheOperatorsSwitch() {
            ReleasingGuard liar = new ReleasingGuard();
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(HONEST_SIZER).riskGuard(liar)
                    .gateway(gateway).auditSink(audit).build();
            p.engageKillSwitch("operator", "manual halt");
            ensemble.set("EURUSD", Direction.LONG);
            for (int i = 0; i < 50; i++) {
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            assertTrue(liar.attempts > 0, "the guard was called");
            assertEquals(liar.attempts, liar.refused, "the view handed to a guard was a KillSwitch");
            assertTrue(p.killSwitch().isEngaged(), "a guard released the operator's kill switch");
            assertEquals("operator", p.killSwitch().state().by());
            assertEquals(List.of(), gateway.submitted, "an entry left while the operator's switch was engaged");
        }

        @Test
        void theViewEngagesTheSwitchItViews_andIsTheSameEachTime() {
            KillSwitch ks = new KillSwitch(java.time.Clock.systemUTC());
            EngageOnlyKillSwitch view = ks.engageOnly();
            assertNotSame(ks, view);
            assertTrue(view == ks.engageOnly(), "one view per switch: asking for it must not allocate");
            assertFalse(view.isEngaged());
            assertTrue(view.engageUntil("DAILY_LOSS", "daily loss 5.1% > 5%", T0 + DAY));
            assertTrue(ks.isEngaged());
            assertEquals(ks.state(), view.state());
            assertFalse(view.engage("ERROR_RATE", "second"), "an engaged switch keeps its first state");
            assertEquals("DAILY_LOSS", view.state().by());
        }
    }

    @Nested
    @DisplayName("finding 1: the kill switch decides by the real position, not by the plug-in's flag")
    class KillSwitchByRealExposure {

        @Test
        void aSizerThatFlagsEntriesAsReducing_sendsNothingFromAFlatBook() {
            TradingPipeline p = pipeline(LYING_SIZER, gateway, audit);
            p.engageKillSwitch("test", "manual halt");
            Direction[] cycle = {Direction.LONG, Direction.SHORT, Direction.FLAT};
            for (int i = 0; i < 600; i++) {
                ensemble.set("EURUSD", cycle[i % 3]);
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            assertEquals(0, gateway.submitted.size(), "no entry may leave while the kill switch is engaged");
            assertTrue(p.snapshot().positions().isEmpty());
            assertTrue(p.snapshot().counters().ordersBlocked() >= 400, p.snapshot().counters().toString());
        }

        @Test
        void aClaimedReductionThatWouldOpenIsRefusedWithItsOwnCode_evenWithTheSwitchReleased() {
            TradingPipeline p = pipeline(LYING_SIZER, gateway, audit);
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertEquals(List.of(), gateway.submitted);
            AuditRecord.OrderBlocked b = audit.of(AuditRecord.OrderBlocked.class).get(0);
            assertEquals("CLAIMED_REDUCING_INCREASES", b.verdict().code());
            assertFalse(b.intent().reducing(), "the audit shows the engine's classification");
        }

        @Test
        void aClaimedReductionLargerThanThePosition_isSplitIntoACloseAndACheckedEntry() {
            for (boolean engaged : new boolean[] {false, true}) {
                io.aria.core.paper.PaperBroker broker = io.aria.core.paper.PaperBroker.builder().mode(AccountMode.HEDGING).build();
                Tick t0 = tick("EURUSD", 0, 1.1, 1.1002);
                broker.onTick(t0);
                broker.submit(OrderRequest.market("long", "EURUSD", Side.BUY, 1.0, 1.1002));
                broker.submit(OrderRequest.market("short", "EURUSD", Side.SELL, 1.0, 1.1));
                long longTicket = broker.positions().stream().filter(x -> x.side() == Side.BUY).findFirst()
                        .orElseThrow().ticket();
                List<OrderRequest> sent = new java.util.ArrayList<>();
                PositionSizer claimsToReduce = (d, v) -> Optional.of(new OrderIntent("EURUSD", Side.SELL, 1.5, 1.1, 0, 0,
                        true, d, "close the long and some"));
                RecordingAudit a = new RecordingAudit();
                TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(claimsToReduce)
                        .gateway(new RecordingGateway(broker, sent)).auditSink(a).build();
                if (engaged) {
                    p.engageKillSwitch("test", "halt");
                }
                ensemble.set("EURUSD", Direction.SHORT); // the hedged book is flat net: the sizer is asked
                p.step(tick("EURUSD", 1, 1.1, 1.1002));
                ensemble.set("EURUSD", null);
                assertEquals(longTicket, sent.get(0).positionTicket(), "the close names the long");
                assertEquals(1.0, sent.get(0).volume(), 1e-9);
                if (engaged) {
                    assertEquals(1, sent.size(), "the entry part is blocked by the kill switch: " + sent);
                    assertEquals("KILL_SWITCH", a.of(AuditRecord.OrderBlocked.class).get(0).verdict().code());
                } else {
                    assertEquals(2, sent.size(), sent.toString());
                    assertEquals(0, sent.get(1).positionTicket(), "the rest is a new entry");
                    assertEquals(0.5, sent.get(1).volume(), 1e-9);
                    assertFalse(a.of(AuditRecord.OrderSubmitted.class).get(1).intent().reducing());
                }
            }
        }

        @Test
        void exitsStillLeaveWhileEngaged_andGuardsSeeTheEnginesClassification() {
            List<Boolean> seenByGuard = new java.util.ArrayList<>();
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(HONEST_SIZER).gateway(gateway)
                    .auditSink(audit).riskGuard((intent, view) -> {
                        seenByGuard.add(intent.reducing());
                        return Verdict.approve();
                    }).build();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.engageKillSwitch("test", "manual");
            ensemble.set("EURUSD", Direction.FLAT);
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertEquals(2, gateway.submitted.size(), "the close went out");
            assertTrue(p.snapshot().positions().isEmpty());
            assertEquals(List.of(false, true), seenByGuard);
        }
    }

    @Nested
    @DisplayName("finding 7: a close whose outcome was UNKNOWN is a closed trade once resolved")
    class ResolvedClose {
        @Test
        void aResolvedCloseWritesItsTradeClosed() {
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, audit);
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            gateway.unknown = true;
            ensemble.set("EURUSD", Direction.FLAT);
            p.step(tick("EURUSD", 1, 1.1010, 1.1012));
            assertEquals(0, audit.of(AuditRecord.TradeClosed.class).size(), "not known to have traded yet");
            gateway.unknown = false;
            gateway.resolveAsFilled(gateway.submitted.get(1).clientOrderId());
            p.drain();
            assertTrue(p.snapshot().positions().isEmpty());
            List<AuditRecord.TradeClosed> closed = audit.of(AuditRecord.TradeClosed.class);
            assertEquals(1, closed.size());
            assertEquals(80.0, closed.get(0).trade().profit(), 1e-6);
            assertEquals(Direction.LONG, closed.get(0).trade().entryDecision().direction());
        }
    }

    /** Hands orders to a broker and keeps them. */
    static final class RecordingGateway implements OrderGateway {
        final io.aria.core.paper.PaperBroker broker;
        final List<OrderRequest> sent;

        RecordingGateway(io.aria.core.paper.PaperBroker broker, List<OrderRequest> sent) {
            this.broker = broker;
            this.sent = sent;
        }

        @Override
        public CompletionStage<ExecutionReport> submit(OrderRequest request) {
            sent.add(request);
            return broker.submit(request);
        }

        @Override
        public void onTick(Tick tick) {
            broker.onTick(tick);
        }

        @Override
        public void setTradeEventListener(TradeEventListener listener) {
            broker.setTradeEventListener(listener);
        }

        @Override
        public List<Position> positions() {
            return broker.positions();
        }

        @Override
        public AccountSnapshot account() {
            return broker.account();
        }
    }

    /** A sink whose write-ahead refuses, as a full disk or an unwritable folder would. */
    static final class RefusingSink implements AuditSink {
        final RecordingAudit inner = new RecordingAudit();
        volatile boolean refuse;
        volatile Consumer<AuditFailedException> listener = e -> { };

        @Override
        public void record(AuditRecord record) {
            inner.record(record);
        }

        @Override
        public void recordAhead(AuditRecord record) {
            if (refuse) {
                throw new AuditFailedException("cannot write audit file /full/execution_audit_20250304.jsonl: "
                        + "No space left on device", null);
            }
            inner.record(record);
        }

        @Override
        public void onFailure(Consumer<AuditFailedException> l) {
            listener = l;
        }
    }

    @Nested
    @DisplayName("finding 2: write ahead, fail closed")
    class WriteAheadFailsClosed {

        @Test
        void whenTheWriteAheadFails_noOrderReachesTheGateway_andTheSwitchEngages() {
            RefusingSink sink = new RefusingSink();
            sink.refuse = true;
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, sink);
            ensemble.set("EURUSD", Direction.LONG);
            for (int i = 0; i < 20; i++) {
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            assertEquals(List.of(), gateway.submitted);
            KillSwitch.State s = p.killSwitch().state();
            assertTrue(s.engaged());
            assertEquals("audit", s.by());
            assertTrue(s.reason().startsWith("AUDIT_FAILED: cannot write audit file /full/"), s.reason());
        }

        @Test
        void whenTheAuditCannotWrite_notEvenAClosingOrderGoes() {
            RefusingSink sink = new RefusingSink();
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, sink);
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertEquals(1, gateway.submitted.size());
            sink.refuse = true;
            ensemble.set("EURUSD", Direction.FLAT);
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertEquals(1, gateway.submitted.size(), "an order that cannot be written ahead is not sent");
            assertTrue(p.killSwitch().isEngaged());
            assertEquals(1, p.snapshot().positions().size());
        }

        @Test
        void aSinkThatReportsItsFailureEngagesTheSwitch() {
            RefusingSink sink = new RefusingSink();
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, sink);
            sink.listener.accept(new AuditFailedException("cannot write audit file /ro/x.jsonl: Read-only file system",
                    null));
            KillSwitch.State s = p.killSwitch().state();
            assertTrue(s.engaged());
            assertEquals("AUDIT_FAILED: cannot write audit file /ro/x.jsonl: Read-only file system", s.reason());
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertEquals(List.of(), gateway.submitted);
        }
    }

    @Nested
    @DisplayName("finding 9: a halt that lifts at its time, and blocked intents coalesced")
    class DailyHalt {

        @Test
        void aTimedHaltIsLiftedFromTheTickPath() {
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, audit);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.killSwitch().engageUntil("DAILY_LOSS", "daily loss 5.1% > 5%", T0 + DAY);
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", DAY - 1, 1.1, 1.1002));
            assertTrue(p.killSwitch().isEngaged());
            assertEquals(List.of(), gateway.submitted);
            p.step(tick("EURUSD", DAY, 1.1, 1.1002));
            p.step(tick("EURUSD", DAY + 1, 1.1, 1.1002));
            assertFalse(p.killSwitch().isEngaged());
            assertEquals(1, gateway.submitted.size());
        }

        @Test
        void aMultiDayHaltDoesNotWriteThousandsOfBlockedLines() {
            TradingPipeline p = pipeline(HONEST_SIZER, gateway, audit);
            p.engageKillSwitch("DAILY_LOSS", "daily loss 5.1% > 5%");
            Direction[] cycle = {Direction.LONG, Direction.SHORT};
            int n = 0;
            for (long t = 0; t < 3 * DAY; t += 60_000) {
                ensemble.set("EURUSD", cycle[n % 2]);
                ensemble.set("GBPUSD", cycle[n % 2]);
                p.step(tick("EURUSD", t, 1.1, 1.1002));
                p.step(tick("GBPUSD", t, 1.25, 1.2502));
                n++;
            }
            long blocked = p.snapshot().counters().blockedByKillSwitch();
            assertEquals(2L * n, blocked, "counters still count every block");
            int lines = audit.of(AuditRecord.OrderBlocked.class).size();
            assertTrue(lines <= 2 * 4, lines + " order_blocked records for " + blocked + " blocks");
            // releasing the switch ends the episode: the summaries account for every block
            p.releaseKillSwitch("operator");
            p.drain();
            long repeats = audit.of(AuditRecord.OrderBlockedSummary.class).stream()
                    .mapToLong(AuditRecord.OrderBlockedSummary::repeats).sum();
            assertEquals(blocked, lines + repeats);
            assertTrue(audit.of(AuditRecord.OrderBlockedSummary.class).stream()
                    .allMatch(x -> x.code().equals("KILL_SWITCH") && x.lastEpochMillis() >= x.firstEpochMillis()));
        }
    }

    /** A gateway that knows its account only after a handshake, with a placeholder before it. */
    static final class LateAccountGateway implements OrderGateway {
        final FakeGateway inner = new FakeGateway();
        final CompletableFuture<AccountSnapshot> ready = new CompletableFuture<>();
        volatile boolean handshaken;

        @Override
        public CompletionStage<ExecutionReport> submit(OrderRequest request) {
            return inner.submit(request);
        }

        @Override
        public void setTradeEventListener(TradeEventListener listener) {
            inner.setTradeEventListener(listener);
        }

        @Override
        public CompletionStage<AccountSnapshot> ready() {
            return ready;
        }

        @Override
        public List<Position> positions() {
            return inner.positions();
        }

        @Override
        public AccountSnapshot account() {
            return handshaken ? new AccountSnapshot("EUR", 20_000, 20_000, 0, 20_000, 30, 0)
                    : new AccountSnapshot("USD", 0.01, 0.01, 0, 0.01, 1, 0);
        }

        void handshake() {
            handshaken = true;
            ready.complete(account());
        }
    }

    @Nested
    @DisplayName("finding 10: the account is the broker's, not a placeholder")
    class AccountFromReady {

        @Test
        void noOrderBeforeTheAccountIsKnown_thenTheRealAccountIsUsed() {
            LateAccountGateway gw = new LateAccountGateway();
            TradingPipeline p = pipeline(HONEST_SIZER, gw, audit);
            ensemble.set("EURUSD", Direction.LONG);
            for (int i = 0; i < 5; i++) {
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            assertEquals(0, gw.inner.submitted.size(), "no order before the gateway reported its account");
            assertEquals("ACCOUNT_NOT_READY", audit.of(AuditRecord.OrderBlocked.class).get(0).verdict().code());
            gw.handshake();
            p.drain();
            AccountSnapshot a = p.snapshot().account();
            assertEquals("EUR", a.currency());
            assertEquals(30, a.leverage());
            p.step(tick("EURUSD", 10, 1.1, 1.1002));
            assertEquals(1, gw.inner.submitted.size());
        }

        @Test
        void startWaitsForTheAccount_andSaysSoWhenItNeverComes() {
            LateAccountGateway gw = new LateAccountGateway();
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(HONEST_SIZER).gateway(gw)
                    .auditSink(audit).readyTimeout(java.time.Duration.ofMillis(200)).build();
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    p::start);
            assertTrue(e.getMessage().contains("did not report its account within"), e.getMessage());
            p.close();
        }
    }
}

package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditRecord;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.RiskGuard;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TradingPipelineTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();

    FakeGateway gateway;
    ScriptedEnsemble ensemble;
    RecordingAudit audit;
    List<RiskGuard> guards;
    PositionSizer sizer;

    @BeforeEach
    void setUp() {
        gateway = new FakeGateway();
        ensemble = new ScriptedEnsemble();
        audit = new RecordingAudit();
        guards = new ArrayList<>();
        sizer = (d, p) -> {
            Tick t = p.lastTick(d.symbol()).orElseThrow();
            Side side = d.direction().entrySide();
            return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "fixed 1 lot"));
        };
    }

    TradingPipeline pipeline() {
        TradingPipeline.Builder b = TradingPipeline.builder().ensemble(ensemble).sizer((d, p) -> sizer.size(d, p))
                .gateway(gateway).auditSink(audit);
        guards.forEach(b::riskGuard);
        return b.build();
    }

    static Tick tick(String s, long t, double bid, double ask) {
        return new Tick(s, T0 + t, bid, ask, 1);
    }

    @Nested
    @DisplayName("tick validation")
    class Validation {
        @Test
        void badTicksNeverReachTheModel_andAreCountedByReason() {
            TradingPipeline p = pipeline();
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("EURUSD", 1, Double.NaN, 1.1002));
            p.step(tick("EURUSD", 2, -1, 1.1002));
            p.step(tick("EURUSD", 3, 1.1003, 1.1001));
            p.step(tick("NOPE", 4, 1, 2));
            p.step(tick("EURUSD", -10, 1.1, 1.1002));
            p.step(new Tick("EURUSD", T0 + 5, 1.1, 1.1002, -3));
            p.step(tick("EURUSD", 6, 1.1001, 1.1003));

            assertEquals(2, ensemble.seen.size());
            PipelineCounters c = p.snapshot().counters();
            assertEquals(8, c.ticksIn());
            assertEquals(2, c.ticksAccepted());
            assertEquals(6, c.ticksRejected());
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.NON_FINITE));
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.NON_POSITIVE_PRICE));
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.CROSSED));
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.UNKNOWN_SYMBOL));
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.TIME_BACKWARDS));
            assertEquals(1, c.rejectedByReason().get(TickRejectReason.NEGATIVE_VOLUME));
        }

        @Test
        void equalTimestampsAreAccepted() {
            TradingPipeline p = pipeline();
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("EURUSD", 0, 1.1001, 1.1003));
            assertEquals(2, p.snapshot().counters().ticksAccepted());
        }
    }

    @Nested
    @DisplayName("orders")
    class Orders {
        @Test
        void aLongDecisionOpensAPosition_andFlatClosesIt() {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1000, 1.1002));
            p.step(tick("EURUSD", 1, 1.1001, 1.1003)); // same direction: no second order
            assertEquals(1, gateway.submitted.size());
            assertEquals(Side.BUY, gateway.submitted.get(0).side());
            assertEquals(1.0, p.snapshot().positions().get(0).volume());

            ensemble.set("EURUSD", Direction.FLAT);
            p.step(tick("EURUSD", 2, 1.1010, 1.1012));
            assertEquals(2, gateway.submitted.size());
            OrderRequest close = gateway.submitted.get(1);
            assertEquals(Side.SELL, close.side());
            assertTrue(close.positionTicket() > 0);
            PipelineSnapshot s = p.snapshot();
            assertTrue(s.positions().isEmpty());
            assertEquals(2, s.counters().ordersFilled());
            assertEquals(100_000 + (1.1010 - 1.1002) * 100_000, s.account().balance(), 1e-6, "bought at the ask, sold at the bid");
        }

        @Test
        void anOppositeDecisionClosesFirstThenReverses() {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1000, 1.1002));
            ensemble.set("EURUSD", Direction.SHORT);
            p.step(tick("EURUSD", 1, 1.1000, 1.1002));
            assertEquals(List.of(Side.BUY, Side.SELL, Side.SELL), gateway.submitted.stream().map(OrderRequest::side).toList());
            assertTrue(gateway.submitted.get(1).positionTicket() > 0, "the first sell closes the long");
            assertEquals(0, gateway.submitted.get(2).positionTicket(), "the second opens the short");
            assertEquals(-1.0, p.snapshot().positions().get(0).signedVolume());
        }

        @Test
        void noSecondOrderWhileOneIsInFlight() {
            gateway.hold = true;
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1000, 1.1002));
            p.step(tick("EURUSD", 1, 1.1000, 1.1002));
            assertEquals(1, gateway.submitted.size());
            assertEquals(1, p.snapshot().counters().ordersInFlight());
            gateway.completeHeld();
            p.drain();
            assertEquals(0, p.snapshot().counters().ordersInFlight());
            assertEquals(1, p.snapshot().positions().size());
        }

        @Test
        void clientOrderIdsAreUniqueAndFitTheMt5Comment() {
            TradingPipeline p = pipeline();
            for (int i = 0; i < 50; i++) {
                ensemble.set("EURUSD", i % 2 == 0 ? Direction.LONG : Direction.FLAT);
                p.step(tick("EURUSD", i, 1.1, 1.1002));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (OrderRequest r : gateway.submitted) {
                assertTrue(r.clientOrderId().length() <= 31);
                assertTrue(ids.add(r.clientOrderId()), "duplicate id " + r.clientOrderId());
            }
            assertEquals(50, ids.size());
        }

        @Test
        @DisplayName("an UNKNOWN outcome keeps the symbol closed to entries until the gateway resolves it")
        void unknownOutcomeBlocksTheSymbolUntilResolved() {
            gateway.unknown = true;
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            p.step(tick("EURUSD", 2, 1.1, 1.1002));
            assertEquals(1, gateway.submitted.size(), "no second entry while the first may still have traded");
            assertEquals(1, p.snapshot().counters().ordersUnknown());

            gateway.unknown = false;
            gateway.resolveAsFilled(gateway.submitted.get(0).clientOrderId());
            p.drain();
            assertEquals(1.0, p.snapshot().positions().get(0).signedVolume(), "the late fill is on the book");
            p.step(tick("EURUSD", 3, 1.1, 1.1002));
            assertEquals(1, gateway.submitted.size(), "already long: nothing more to do");
            assertEquals(2, audit.of(AuditRecord.OrderCompleted.class).size(), "the UNKNOWN report and its resolution");
        }

        @Test
        void brokerSideStopLossKeepsTheBookTrue() {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1000, 1.1002));
            ensemble.set("EURUSD", null);
            gateway.stopOut("EURUSD", 1.0990);
            p.drain();
            PipelineSnapshot s = p.snapshot();
            assertTrue(s.positions().isEmpty());
            assertEquals(1, s.counters().tradeEvents());
            assertEquals(1, audit.of(AuditRecord.TradeEventRecorded.class).size());
        }
    }

    @Nested
    @DisplayName("write ahead")
    class WriteAhead {
        @Test
        void theIntentIsAuditedBeforeTheGatewaySeesTheOrder() {
            List<String> violations = new CopyOnWriteArrayList<>();
            gateway.onSubmit = r -> {
                boolean audited = audit.of(AuditRecord.OrderSubmitted.class).stream()
                        .anyMatch(s -> s.request().clientOrderId().equals(r.clientOrderId()));
                if (!audited) {
                    violations.add(r.clientOrderId());
                }
            };
            TradingPipeline p = pipeline();
            for (int i = 0; i < 20; i++) {
                ensemble.set("GBPUSD", i % 2 == 0 ? Direction.SHORT : Direction.FLAT);
                p.step(tick("GBPUSD", i, 1.25, 1.2502));
            }
            assertEquals(20, gateway.submitted.size());
            assertEquals(List.of(), violations);
            // and each submitted record precedes its completion
            List<AuditRecord> rs = audit.records;
            for (OrderRequest r : gateway.submitted) {
                int sub = indexOf(rs, AuditRecord.OrderSubmitted.class, r.clientOrderId());
                int done = indexOf(rs, AuditRecord.OrderCompleted.class, r.clientOrderId());
                assertTrue(sub >= 0 && done > sub, "submitted before completed for " + r.clientOrderId());
            }
        }

        int indexOf(List<AuditRecord> rs, Class<?> type, String id) {
            for (int i = 0; i < rs.size(); i++) {
                AuditRecord r = rs.get(i);
                if (type.isInstance(r)) {
                    String rid = r instanceof AuditRecord.OrderSubmitted s ? s.request().clientOrderId()
                            : ((AuditRecord.OrderCompleted) r).report().clientOrderId();
                    if (rid.equals(id)) {
                        return i;
                    }
                }
            }
            return -1;
        }
    }

    @Nested
    @DisplayName("kill switch")
    class KillSwitchTests {
        @Test
        void engagedSwitchBlocksIncreasingOrdersWhateverTheGuardsSay() {
            guards.add(RiskGuard.allowAll());
            TradingPipeline p = pipeline();
            p.engageKillSwitch("test", "manual");
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertTrue(gateway.submitted.isEmpty());
            PipelineCounters c = p.snapshot().counters();
            assertEquals(1, c.blockedByKillSwitch());
            AuditRecord.OrderBlocked b = audit.of(AuditRecord.OrderBlocked.class).get(0);
            assertEquals("KILL_SWITCH", b.verdict().code());
            assertTrue(audit.of(AuditRecord.ControlAction.class).stream()
                    .anyMatch(a -> a.action().equals("KILL_SWITCH_ENGAGED")));
        }

        @Test
        void engagedSwitchStillLetsPositionsClose() {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.engageKillSwitch("test", "manual");
            ensemble.set("EURUSD", Direction.FLAT);
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertEquals(2, gateway.submitted.size());
            assertTrue(p.snapshot().positions().isEmpty());
        }

        @Test
        void aReversalUnderTheSwitchClosesButDoesNotReopen() {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.engageKillSwitch("guard", "daily loss");
            ensemble.set("EURUSD", Direction.SHORT);
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertEquals(2, gateway.submitted.size());
            assertTrue(p.snapshot().positions().isEmpty());
            assertTrue(p.releaseKillSwitch("operator"));
            p.step(tick("EURUSD", 2, 1.1, 1.1002));
            assertEquals(3, gateway.submitted.size());
        }

        @Test
        void emergencyStopEngagesAndFlattens() throws Exception {
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            ensemble.set("USDJPY", Direction.SHORT);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("USDJPY", 0, 150.0, 150.02));
            ensemble.set("EURUSD", null);
            ensemble.set("USDJPY", null);
            var sent = p.emergencyStop("api", "test");
            p.drain();
            ControlResult result = sent.get(1, TimeUnit.SECONDS);
            assertEquals(2, result.ordersSent());
            assertEquals(2, result.closedTrades().size());
            assertTrue(result.closedTrades().stream().allMatch(t -> t.exitReason() == ClosedTrade.ExitReason.EMERGENCY_STOP));
            assertTrue(p.killSwitch().isEngaged());
            assertTrue(p.snapshot().positions().isEmpty());
        }
    }

    @Nested
    @DisplayName("plug-ins that fail")
    class FailingPlugins {
        @Test
        void aThrowingGuardRejects() {
            guards.add((i, v) -> {
                throw new IllegalStateException("boom");
            });
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertTrue(gateway.submitted.isEmpty());
            assertEquals("GUARD_ERROR", audit.of(AuditRecord.OrderBlocked.class).get(0).verdict().code());
            assertEquals(1, p.snapshot().counters().componentErrors());
        }

        @Test
        void aThrowingSizerMeansNoTrade_andTheAuditFailureDoesNotStopTrading() {
            sizer = (d, v) -> {
                throw new ArithmeticException("bad maths");
            };
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer((d, v) -> sizer.size(d, v))
                    .gateway(gateway).auditSink(r -> {
                        throw new IllegalStateException("disk full");
                    }).build();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertTrue(gateway.submitted.isEmpty());
            assertEquals(2, p.snapshot().counters().ticksAccepted());
            assertTrue(p.snapshot().counters().componentErrors() >= 2);
        }

        @Test
        void guardsMayShrinkButNeverGrowAnOrder() {
            guards.add((i, v) -> Verdict.resize(0.4, "TEST", "shrink"));
            TradingPipeline p = pipeline();
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertEquals(0.4, gateway.submitted.get(0).volume());

            guards.clear();
            guards.add((i, v) -> Verdict.resize(5, "TEST", "grow"));
            gateway = new FakeGateway();
            TradingPipeline q = pipeline();
            q.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertTrue(gateway.submitted.isEmpty());
            assertEquals("GUARD_RESIZE_UP", audit.of(AuditRecord.OrderBlocked.class).get(0).verdict().code());
        }
    }

    @Nested
    @DisplayName("symbol toggle")
    class Toggle {
        @Test
        void aDisabledSymbolIsMarkedButNotTraded() throws Exception {
            TradingPipeline p = pipeline();
            var f = p.setSymbolEnabled("EURUSD", false, "test");
            p.drain();
            assertTrue(f.get(1, TimeUnit.SECONDS));
            ensemble.set("EURUSD", Direction.LONG);
            p.step(tick("EURUSD", 0, 1.1, 1.1002));
            assertTrue(ensemble.seen.isEmpty());
            assertFalse(p.snapshot().enabledSymbols().contains("EURUSD"));
            p.setSymbolEnabled("EURUSD", true, "test");
            p.step(tick("EURUSD", 1, 1.1, 1.1002));
            assertEquals(1, gateway.submitted.size());
            var unknown = p.setSymbolEnabled("NOPE", true, "test");
            p.drain();
            assertFalse(unknown.get(1, TimeUnit.SECONDS));
        }

        @Test
        void unknownSymbolsAreRefusedAtBuild() {
            assertThrows(IllegalArgumentException.class, () -> TradingPipeline.builder().ensemble(ensemble)
                    .sizer(sizer).gateway(gateway).enabledSymbols(Set.of("NOPE")).build());
        }
    }

    @Nested
    @DisplayName("running on its own thread")
    class Running {
        @Test
        void snapshotsStayConsistentUnderConcurrentReaders() throws Exception {
            int n = 20_000;
            TickSource source = new ListSource(n);
            ensemble.set("EURUSD", Direction.LONG);
            AtomicInteger flips = new AtomicInteger();
            TradingPipeline p = TradingPipeline.builder().ensemble((t, out) -> {
                int k = flips.incrementAndGet();
                Direction d = (k / 7) % 3 == 0 ? Direction.LONG : (k / 7) % 3 == 1 ? Direction.FLAT : Direction.SHORT;
                out.accept(Decision.of(t.symbol(), t.epochMillis(), d, 0.7));
            }).sizer(sizer).gateway(gateway).auditSink(audit).tickSource(source).build();
            AtomicBoolean stop = new AtomicBoolean();
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        PipelineSnapshot s = p.snapshot();
                        PipelineCounters c = s.counters();
                        if (c.ticksIn() != c.ticksAccepted() + c.ticksRejected()) {
                            problems.add("ticks " + c);
                        }
                        long done = c.ordersFilled() + c.ordersPartiallyFilled() + c.ordersRejected()
                                + c.ordersErrored() + c.ordersUnknown() + c.ordersInFlight();
                        if (c.ordersSent() != done) {
                            problems.add("orders " + c);
                        }
                        double profit = s.positions().stream().mapToDouble(Position::profit).sum();
                        if (Math.abs(s.account().equity() - s.account().balance() - profit) > 1e-6) {
                            problems.add("equity " + s.account() + " vs positions " + profit);
                        }
                    }
                });
                t.start();
                readers.add(t);
            }
            p.start();
            assertTrue(p.awaitQuiescent(Duration.ofSeconds(30)));
            stop.set(true);
            for (Thread t : readers) {
                t.join(5000);
            }
            PipelineSnapshot s = p.snapshot();
            p.close();
            assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
            assertEquals(n, s.counters().ticksIn());
            assertTrue(s.counters().ordersSent() > 100);
            assertEquals(PipelineStatus.STOPPED, p.status());
        }

        @Test
        void stepIsRefusedOnceStarted() {
            TradingPipeline p = pipeline();
            p.start();
            try {
                assertThrows(IllegalStateException.class, () -> p.step(tick("EURUSD", 0, 1.1, 1.1002)));
                assertThrows(IllegalStateException.class, p::start);
            } finally {
                p.close();
            }
        }
    }

    /**
     * A clock a test can break or stall: before the first tick the pipeline's time is the clock's,
     * so a snapshot taken on the loop reads it there.
     */
    static final class TrickClock extends java.time.Clock {
        volatile RuntimeException failure;
        volatile java.util.concurrent.CountDownLatch stall;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            RuntimeException e = failure;
            if (e != null) {
                throw e;
            }
            java.util.concurrent.CountDownLatch s = stall;
            if (s != null) {
                try {
                    s.await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            return T0;
        }
    }

    @Nested
    @DisplayName("a control call waiting for the loop says why it got no answer")
    class LoopAnswers {
        @Test
        void snapshot_whenTheLoopSideCodeThrows_namesTheException_notATimeout() {
            TrickClock clock = new TrickClock();
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(sizer).gateway(gateway)
                    .auditSink(audit).clock(clock).build();
            p.start();
            try {
                clock.failure = new IllegalStateException("clock source unplugged");
                IllegalStateException e = assertThrows(IllegalStateException.class, p::snapshot);
                assertTrue(e.getMessage().contains("IllegalStateException: clock source unplugged"), e.getMessage());
                assertFalse(e.getMessage().contains("did not answer"), e.getMessage());
                assertEquals("clock source unplugged", e.getCause().getMessage());
                clock.failure = null;
                assertEquals(PipelineStatus.RUNNING, p.snapshot().status(), "the loop survives and answers again");
            } finally {
                clock.failure = null;
                p.close();
            }
        }

        @Test
        void snapshot_whenTheLoopIsStuck_saysTimeout_andWhenInterrupted_saysInterrupted() throws Exception {
            TrickClock clock = new TrickClock();
            TradingPipeline p = TradingPipeline.builder().ensemble(ensemble).sizer(sizer).gateway(gateway)
                    .auditSink(audit).clock(clock).build();
            p.start();
            java.util.concurrent.CountDownLatch stall = new java.util.concurrent.CountDownLatch(1);
            try {
                clock.stall = stall;
                IllegalStateException timeout = assertThrows(IllegalStateException.class, p::snapshot);
                assertEquals("pipeline event loop did not answer within 5 s", timeout.getMessage());

                java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
                AtomicBoolean stillInterrupted = new AtomicBoolean();
                Thread caller = new Thread(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        p.snapshot();
                    } catch (Throwable t) {
                        seen.set(t);
                    }
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                });
                caller.start();
                caller.join(30_000);
                assertInstanceOf(IllegalStateException.class, seen.get());
                assertTrue(seen.get().getMessage().contains("interrupted"), seen.get().getMessage());
                assertTrue(stillInterrupted.get(), "the interrupt flag is set again");
            } finally {
                clock.stall = null;
                stall.countDown();
                p.close();
            }
        }
    }

    /** A finite source of EURUSD ticks from its own thread. */
    static final class ListSource implements TickSource {
        final int n;
        volatile Thread thread;

        ListSource(int n) {
            this.n = n;
        }

        @Override
        public List<String> symbols() {
            return List.of("EURUSD");
        }

        @Override
        public void start(TickListener listener) {
            thread = new Thread(() -> {
                for (int i = 0; i < n && !Thread.currentThread().isInterrupted(); i++) {
                    double mid = 1.1 + 0.001 * Math.sin(i / 50.0);
                    listener.onTick(new Tick("EURUSD", T0 + i, mid - 0.0001, mid + 0.0001, 1));
                }
                listener.onEnd(this);
            });
            thread.start();
        }

        @Override
        public void close() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}

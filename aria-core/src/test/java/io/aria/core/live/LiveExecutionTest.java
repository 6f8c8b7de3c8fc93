package io.aria.core.live;

import org.awaitility.Awaitility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.ClosedTrade;
import io.aria.core.Direction;
import io.aria.core.OrderIntent;
import io.aria.core.PipelineStatus;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.AuditRecord;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.PositionSizer;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveExecution: the operator's facade over a running pipeline")
class LiveExecutionTest {

    static final long T0 = Instant.parse("2025-03-04T10:00:00Z").toEpochMilli();
    static final String API = "api:127.0.0.1";

    static final PositionSizer ONE_LOT = (d, p) -> {
        Tick t = p.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, 1.0, t.priceFor(side), 0, 0, false, d, "1 lot"));
    };

    /** A source the test pushes ticks into, from the test thread. */
    static final class PushSource implements TickSource {
        volatile TickListener listener;

        @Override
        public List<String> symbols() {
            return List.of("EURUSD", "USDJPY");
        }

        @Override
        public void start(TickListener l) {
            listener = l;
        }

        void push(Tick t) {
            listener.onTick(t);
        }

        @Override
        public void close() {
        }
    }

    PushSource source;
    PaperFeed feed;
    ScriptedEnsemble ensemble;
    RecordingAudit audit;
    LiveEvents events;
    TradingPipeline pipeline;
    LiveExecution live;
    long t;

    @BeforeEach
    void setUp() {
        source = new PushSource();
        feed = PaperFeed.wrap(source);
        ensemble = new ScriptedEnsemble();
        audit = new RecordingAudit();
        PaperBroker broker = PaperBroker.builder().startingBalance(100_000).build();
        events = LiveEvents.create(io.aria.core.AssetCatalog.defaults());
        pipeline = TradingPipeline.builder().tickSource(feed).ensemble(ensemble).sizer(ONE_LOT).gateway(broker)
                .auditSink(audit).listener(events).enabledSymbols(Set.of()).build();
        live = LiveExecution.builder(pipeline).connection(feed).events(events).commandTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    void push(String symbol, double bid) {
        double ask = symbol.equals("USDJPY") ? bid + 0.02 : Math.round((bid + 0.0002) * 1e5) / 1e5;
        source.push(new Tick(symbol, T0 + (t += 1000), bid, ask, 1));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).pollInSameThread()
                .until(condition::getAsBoolean);
    }

    List<AuditRecord.ControlAction> controls(String action) {
        return audit.of(AuditRecord.ControlAction.class).stream().filter(a -> a.action().equals(action)).toList();
    }

    @Test
    void quickStart_connectsEnablesTheMajorsAndStarts_eachStepAuditedWithItsOrigin() throws Exception {
        assertEquals(GatewayConnection.State.DISCONNECTED, feed.state());
        LiveExecution.QuickStartResult r = live.quickStart(API);
        assertEquals(GatewayConnection.State.CONNECTED, r.connection().state());
        assertEquals(PipelineStatus.RUNNING, r.pipeline());
        assertEquals(LiveExecution.MAJOR_PAIRS, r.enabled());
        assertEquals(List.of("EURUSD", "GBPUSD", "USDCHF", "USDJPY"), live.status().enabledSymbols());
        await(() -> controls("SYMBOL_ENABLED").size() == 4, "four SYMBOL_ENABLED records");
        assertTrue(controls("SYMBOL_ENABLED").stream().allMatch(a -> a.by().equals(API)));
        await(() -> !controls("QUICK_START").isEmpty() && !controls("CONNECT").isEmpty(), "the records");
        assertEquals(API, controls("QUICK_START").get(0).by());
        assertEquals(API, controls("CONNECT").get(0).by());
    }

    @Test
    void aDisconnectedPaperFeed_deliversNoTick_andConnectingStartsIt() throws Exception {
        pipeline.start();
        push("EURUSD", 1.1);
        assertEquals(1, feed.droppedTicks());
        assertEquals(0, live.status().counters().ticksIn());
        live.connect(API);
        push("EURUSD", 1.1001);
        await(() -> live.status().counters().ticksIn() == 1, "the tick after connecting");
        LiveExecution.ConnectionStatus c = live.disconnect(API);
        assertEquals(GatewayConnection.State.DISCONNECTED, c.state());
        push("EURUSD", 1.1002);
        assertEquals(2, feed.droppedTicks());
        await(() -> !controls("DISCONNECT").isEmpty(), "the DISCONNECT record (written on the loop)");
        assertEquals(API, controls("DISCONNECT").get(0).by());
    }

    @Test
    void badArguments_nameTheArgumentAndTheValue() {
        pipeline.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> live.setSymbolEnabled("DOGEUSD", true, API));
        assertEquals("symbol DOGEUSD is not in the catalog", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> live.engageKillSwitch(" ", "why"));
        assertEquals("by must not be blank, was ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> live.releaseKillSwitch(API, null));
        assertEquals("reason must not be blank, was null", e.getMessage());
    }

    @Test
    void toggling_showsAtOnceInStatus_despiteTheSharedSnapshot() {
        pipeline.start();
        live.connect(API);
        assertTrue(live.status().enabledSymbols().isEmpty()); // cached now
        LiveExecution.SymbolState s = live.setSymbolEnabled("EURUSD", true, API);
        assertTrue(s.changed());
        assertEquals(List.of("EURUSD"), live.status().enabledSymbols());
        assertFalse(live.setSymbolEnabled("EURUSD", true, API).changed());
        live.setSymbolEnabled("EURUSD", false, API);
        assertTrue(live.status().enabledSymbols().isEmpty());
    }

    @Test
    void killSwitch_whoAndWhyAreAudited_forEngagingAndReleasing() throws Exception {
        pipeline.start();
        LiveExecution.KillSwitchResult on = live.engageKillSwitch("api:10.0.0.7", "spread blew out");
        assertTrue(on.changed());
        assertTrue(on.state().engaged());
        assertFalse(live.engageKillSwitch(API, "again").changed());
        LiveExecution.KillSwitchResult off = live.releaseKillSwitch(API, "spreads normal again");
        assertTrue(off.changed());
        assertFalse(off.state().engaged());
        await(() -> !controls("KILL_SWITCH_RELEASE").isEmpty() && !controls("KILL_SWITCH_RELEASED").isEmpty(),
                "the release records");
        AuditRecord.ControlAction engaged = controls("KILL_SWITCH_ENGAGED").get(0);
        assertEquals("api:10.0.0.7", engaged.by());
        assertEquals("spread blew out", engaged.detail());
        AuditRecord.ControlAction release = controls("KILL_SWITCH_RELEASE").get(0);
        assertEquals(API, release.by());
        assertTrue(release.detail().contains("spreads normal again"), release.detail());
        assertTrue(release.detail().contains("spread blew out"), release.detail());
    }

    @Test
    void emergencyStop_closesEveryPositionAtItsPrice_disablesEverySymbol_andNothingOpensAfter() throws Exception {
        live.quickStart(API);
        live.setSymbolEnabled("USDJPY", true, API);
        ensemble.set("EURUSD", Direction.LONG);
        ensemble.set("USDJPY", Direction.SHORT);
        push("EURUSD", 1.1000);
        push("USDJPY", 150.00);
        await(() -> live.positions().size() == 2, "two open positions");
        push("EURUSD", 1.1010);
        push("USDJPY", 149.90);
        await(() -> live.status().counters().ticksIn() == 4, "the marks");

        LiveExecution.EmergencyStopResult r = live.emergencyStop(API, "drill");
        assertTrue(r.killSwitch().engaged());
        assertEquals(2, r.closed().size());
        for (ClosedTrade c : r.closed()) {
            assertEquals(ClosedTrade.ExitReason.EMERGENCY_STOP, c.exitReason());
            assertEquals(c.symbol().equals("EURUSD") ? 1.1010 : 149.92, c.exitPrice(), 1e-9, c.symbol());
        }
        assertEquals(List.of("EURUSD", "GBPUSD", "USDCHF", "USDJPY"), r.disabledSymbols());
        assertTrue(live.status().enabledSymbols().isEmpty());
        assertTrue(live.positions().isEmpty());

        long sent = live.status().counters().ordersSent();
        push("EURUSD", 1.1020);
        push("USDJPY", 149.80);
        await(() -> live.status().counters().ticksIn() == 6, "two more ticks");
        assertEquals(sent, live.status().counters().ordersSent(), "no order after the emergency stop");
        await(() -> !controls("EMERGENCY_STOP").isEmpty(), "the EMERGENCY_STOP record");
        assertEquals(API, controls("EMERGENCY_STOP").get(0).by());
    }

    @Test
    void executionStatistics_countOrdersByOutcome_andBlocksByRule() throws Exception {
        live.quickStart(API);
        ensemble.set("EURUSD", Direction.LONG);
        push("EURUSD", 1.1000);
        await(() -> live.positions().size() == 1, "a position");
        ensemble.set("EURUSD", null);
        live.engageKillSwitch(API, "test");
        ensemble.set("EURUSD", Direction.SHORT); // a reversal: the close passes, the new entry is blocked
        push("EURUSD", 1.1005);
        await(() -> live.executionStatistics().blocked() >= 1, "a blocked entry");
        LiveExecution.ExecutionSummary s = live.executionStatistics();
        assertEquals(s.sent(), s.filled() + s.partiallyFilled() + s.rejected() + s.errored() + s.unknown() + s.inFlight());
        assertTrue(s.blockedByCode().getOrDefault("KILL_SWITCH", 0L) >= 1, s.blockedByCode().toString());
        assertEquals(s.blocked(), s.blockedByCode().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(s.latencyMillis().count() >= 1);
        assertEquals(10009, s.returnCodes().get(0).code());
    }

    @Test
    void aSubscriberThatDoesNotRead_losesItsOwnEvents_andNeverHoldsThePipeline() throws Exception {
        LiveEvents.Subscription slow = events.subscribe(1);
        LiveEvents.Subscription reader = events.subscribe(1000);
        live.quickStart(API);
        for (int i = 0; i < 20; i++) {
            ensemble.set("EURUSD", i % 2 == 0 ? Direction.LONG : Direction.SHORT);
            push("EURUSD", 1.1000 + i * 1e-4);
        }
        await(() -> live.status().counters().ticksIn() == 20, "every tick");
        assertTrue(slow.dropped() > 0, "the slow subscriber lost events");
        boolean sawExecution = false;
        boolean sawConnection = false;
        LiveEvent e;
        while ((e = reader.poll(Duration.ofMillis(50))) != null) {
            sawExecution |= e instanceof LiveEvent.Execution;
            sawConnection |= e instanceof LiveEvent.ConnectionChanged;
        }
        assertTrue(sawExecution);
        assertTrue(sawConnection);
        assertEquals(0, reader.dropped());
        slow.close();
        reader.close();
        assertEquals(0, events.subscribers());
    }

    @Test
    void beforeTheStart_aToggleIsQueuedNotWaitedFor_andAppliedBeforeTheFirstTick() throws Exception {
        long t0 = System.nanoTime();
        LiveExecution.SymbolState s = live.setSymbolEnabled("EURUSD", true, API);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "answered without waiting for a start");
        assertTrue(s.enabled());
        ensemble.set("EURUSD", Direction.LONG);
        live.connect(API);
        pipeline.start();
        push("EURUSD", 1.1000);
        await(() -> live.positions().size() == 1, "a position on the symbol enabled before the start");
    }

    @Test
    void anEmergencyStopBeforeTheStart_engagesTheSwitchAtOnce_andSaysWhatWaits() {
        LiveExecution.EmergencyStopResult r = live.emergencyStop(API, "before the open");
        assertTrue(r.killSwitch().engaged());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("CREATED")), r.notes().toString());
    }
}

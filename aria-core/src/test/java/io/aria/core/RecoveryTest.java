package io.aria.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.internal.Recovery;
import io.aria.core.paper.PaperBroker;
import io.aria.core.spi.OrderGateway;
import io.aria.core.spi.PositionSizer;
import io.aria.core.testing.FakeGateway;
import io.aria.core.testing.ScriptedEnsemble;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 6: an order in flight when the process died has its {@code order_submitted}
 * and no {@code order_completed}. The next pipeline on the same audit folder must resolve it
 * through the gateway before its first tick, write the completion (marked as recovered), and adopt
 * the positions the dead process left, so it does not open them a second time.
 */
class RecoveryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = CLOCK.millis();

    @TempDir
    Path dir;

    private final PositionSizer sizer = (d, view) -> {
        Tick t = view.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, 0.1, t.priceFor(side), 0, 0, false, d, "fixed 0.1"));
    };

    private TradingPipeline pipeline(OrderGateway gateway, JsonlAuditSink audit, ScriptedEnsemble ensemble) {
        return TradingPipeline.builder().ensemble(ensemble).sizer(sizer).gateway(gateway).auditSink(audit)
                .clock(CLOCK).enabledSymbols(java.util.Set.of("EURUSD")).closeComponents(false).build();
    }

    /** Runs a pipeline that sends one EURUSD buy the gateway never answers, then dies without a word. */
    private OrderRequest crashWithOrderInFlight() {
        FakeGateway broker = new FakeGateway();
        broker.hold = true; // the reply never comes: the process dies first
        JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
        ScriptedEnsemble ensemble = new ScriptedEnsemble();
        ensemble.set("EURUSD", Direction.LONG);
        TradingPipeline p = pipeline(broker, audit, ensemble);
        p.step(new Tick("EURUSD", T0, 1.0850, 1.0851, 0));
        audit.close(); // what reached the file is all that is left; the pipeline is never closed
        assertEquals(1, broker.submitted.size());
        return broker.submitted.get(0);
    }

    private List<AuditRecord> audit() throws Exception {
        AuditReader.Result<AuditRecord> r = AuditReader.readFolder(dir.resolve(JsonlAuditSink.EXECUTION_DIR));
        return r.records();
    }

    private List<AuditRecord.OrderCompleted> completions(String id) throws Exception {
        return audit().stream().filter(AuditRecord.OrderCompleted.class::isInstance)
                .map(AuditRecord.OrderCompleted.class::cast).filter(c -> c.report().clientOrderId().equals(id)).toList();
    }

    private static ExecutionReport filled(OrderRequest r, long position) {
        return new ExecutionReport(r.clientOrderId(), r.symbol(), r.side(), ExecutionStatus.FILLED, 77, 78, position,
                r.volume(), r.volume(), r.requestedPrice(), r.requestedPrice(), 0, 0, TradeReturnCode.DONE,
                "Request executed (resolved by order_status)", T0);
    }

    @Test
    @DisplayName("an order in flight at the crash is resolved at the next start, its completion written, its position adopted")
    void inFlightOrderIsResolvedAndItsPositionAdopted() throws Exception {
        OrderRequest lost = crashWithOrderInFlight();
        assertEquals(0, completions(lost.clientOrderId()).size(), "the dead process wrote no completion");

        // the broker executed it: it answers so after the restart, and holds the position
        FakeGateway broker = new FakeGateway();
        broker.afterRestart.put(lost.clientOrderId(), filled(lost, 501));
        broker.hold(new Position(501, "EURUSD", Side.BUY, lost.volume(), lost.requestedPrice(), T0, 0, 0,
                lost.requestedPrice(), 0, lost.clientOrderId(), lost.magic()));
        JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
        ScriptedEnsemble ensemble = new ScriptedEnsemble();
        ensemble.set("EURUSD", Direction.LONG); // the strategy still wants the long it already has
        TradingPipeline p = pipeline(broker, audit, ensemble);
        p.step(new Tick("EURUSD", T0 + 1000, 1.0852, 1.0853, 0));
        p.step(new Tick("EURUSD", T0 + 2000, 1.0853, 1.0854, 0));
        PipelineSnapshot s = p.snapshot();
        audit.close();

        assertEquals(List.of(lost.clientOrderId()), broker.askedAfterRestart);
        List<AuditRecord.OrderCompleted> done = completions(lost.clientOrderId());
        assertEquals(1, done.size(), "one completion for the lost order: " + done);
        assertEquals(ExecutionStatus.FILLED, done.get(0).report().status());
        assertTrue(done.get(0).report().message().startsWith(Recovery.RECOVERED), done.get(0).report().message());
        AuditRecord.OrderSubmitted sub = audit().stream().filter(AuditRecord.OrderSubmitted.class::isInstance)
                .map(AuditRecord.OrderSubmitted.class::cast).findFirst().orElseThrow();
        assertEquals(sub.intent(), done.get(0).intent(), "the completion carries the entry's intent (attribution)");
        assertTrue(audit().stream().anyMatch(r -> r instanceof AuditRecord.ControlAction c
                && c.action().equals("ORDERS_RECOVERED")), "a control record says recovery ran");
        // adopted: the book holds the earlier position and the LONG decision sent nothing new
        assertEquals(1, s.positions().size(), "positions: " + s.positions());
        assertEquals(501, s.positions().get(0).ticket());
        assertEquals(0, broker.submitted.size(), "a second entry was sent on top of the adopted long: " + broker.submitted);
    }

    @Test
    @DisplayName("a gateway that cannot resolve (fresh paper broker): UNKNOWN completion that says so, written once")
    void unresolvableOrderIsRecordedUnknownOnce() throws Exception {
        OrderRequest lost = crashWithOrderInFlight();
        for (int restart = 0; restart < 2; restart++) {
            PaperBroker paper = PaperBroker.builder().startingBalance(100_000).build();
            JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
            TradingPipeline p = pipeline(paper, audit, new ScriptedEnsemble());
            p.step(new Tick("EURUSD", T0 + 1000, 1.0852, 1.0853, 0));
            audit.close();
        }
        List<AuditRecord.OrderCompleted> done = completions(lost.clientOrderId());
        assertEquals(1, done.size(), "the second restart must not repeat the UNKNOWN completion: " + done);
        ExecutionReport r = done.get(0).report();
        assertEquals(ExecutionStatus.UNKNOWN, r.status());
        assertTrue(r.message().startsWith(Recovery.RECOVERED + "could not be resolved after restart"), r.message());
        assertEquals(lost, ((AuditRecord.OrderSubmitted) audit().stream()
                .filter(AuditRecord.OrderSubmitted.class::isInstance).findFirst().orElseThrow()).request());

        // a later start whose gateway can tell resolves it for good; the one after that has nothing to do
        for (int restart = 0; restart < 2; restart++) {
            FakeGateway broker = new FakeGateway();
            broker.afterRestart.put(lost.clientOrderId(), ExecutionReport.notFilled(lost, ExecutionStatus.REJECTED,
                    TradeReturnCode.REJECT, "the terminal never executed it (client order id fenced)", 0, T0));
            JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
            pipeline(broker, audit, new ScriptedEnsemble()).step(new Tick("EURUSD", T0 + 3000, 1.0852, 1.0853, 0));
            audit.close();
            assertEquals(restart == 0 ? List.of(lost.clientOrderId()) : List.of(), broker.askedAfterRestart);
        }
        done = completions(lost.clientOrderId());
        assertEquals(List.of(ExecutionStatus.UNKNOWN, ExecutionStatus.REJECTED),
                done.stream().map(c -> c.report().status()).toList());
    }

    @Test
    @DisplayName("a torn last line (the crash cut a record in half) does not stop recovery")
    void tornLastLineDoesNotStopRecovery() throws Exception {
        OrderRequest lost = crashWithOrderInFlight();
        Path file = AuditReader.dailyFiles(dir.resolve(JsonlAuditSink.EXECUTION_DIR)).get(0);
        Files.write(file, "{\"v\":1,\"type\":\"order_comp".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        FakeGateway broker = new FakeGateway();
        broker.afterRestart.put(lost.clientOrderId(), filled(lost, 9));
        JsonlAuditSink audit = JsonlAuditSink.builder(dir).build();
        pipeline(broker, audit, new ScriptedEnsemble()).step(new Tick("EURUSD", T0 + 1000, 1.0852, 1.0853, 0));
        audit.close();
        assertEquals(List.of(lost.clientOrderId()), broker.askedAfterRestart);
        // the new lines follow the torn fragment: it is now a corrupt line in the middle, and the completion is whole
        assertEquals(ExecutionStatus.FILLED, completions(lost.clientOrderId()).get(0).report().status());
    }
}

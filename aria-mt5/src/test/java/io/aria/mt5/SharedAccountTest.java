package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Direction;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderIntent;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradeEvent;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.AuditRecord;
import io.aria.core.testing.RecordingAudit;
import io.aria.core.testing.ScriptedEnsemble;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two strategies (two pipelines, each with its own connection, gateway and magic) on one MT5
 * account. Each must see, close and be told about only its own positions: one pipeline's
 * flatten or emergency stop must never close the other's, and its book (hence its exit logic and
 * exposure limits) must not hold them.
 */
@DisplayName("two pipelines with different magics sharing one account")
class SharedAccountTest {

    private static final long MAGIC_A = 1111;
    private static final long MAGIC_B = 2222;

    private final List<AutoCloseable> open = new ArrayList<>();
    private SimulatedMt5Terminal terminal;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    private void startTerminal(io.aria.core.AccountMode mode) {
        terminal = SimulatedMt5Terminal.builder().symbols(Harness.SYMBOLS).brokerSuffix(".m").accountMode(mode)
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(Harness.WEDNESDAY).start();
    }

    /** One strategy: a production pipeline on its own connection, stepped by the test thread. */
    private final class Strategy {
        final Mt5Connection connection;
        final ScriptedEnsemble ensemble = new ScriptedEnsemble();
        final RecordingAudit audit = new RecordingAudit();
        final List<TradeEvent> events = new CopyOnWriteArrayList<>();
        final TradingPipeline pipeline;
        final Set<String> symbols;

        Strategy(long magic, Set<String> symbols) {
            this.symbols = symbols;
            connection = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                    .eventEndpoint(terminal.eventEndpoint()).symbols(Harness.SYMBOLS).magic(magic)
                    .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(3))
                    .orderTimeout(Duration.ofSeconds(3)).clock(Harness.WEDNESDAY).build());
            open.add(connection);
            Harness.get(connection.connect());
            Harness.get(connection.gateway().ready());
            pipeline = TradingPipeline.builder().catalog(connection.catalog()).ensemble(ensemble)
                    .sizer((d, p) -> {
                        Tick t = p.lastTick(d.symbol()).orElseThrow();
                        Side side = d.direction().entrySide();
                        return Optional.of(new OrderIntent(d.symbol(), side, 0.1, t.priceFor(side), 0, 0, false, d,
                                "fixed 0.1 lot"));
                    })
                    .gateway(connection.gateway()).auditSink(audit).enabledSymbols(symbols).magic(magic)
                    .listener(new io.aria.core.spi.PipelineListener() {
                        @Override
                        public void onTradeEvent(TradeEvent event) {
                            events.add(event);
                        }
                    })
                    .clock(Harness.WEDNESDAY).closeComponents(false).build();
            open.add(pipeline);
        }

        int completed() {
            return audit.of(AuditRecord.OrderCompleted.class).size();
        }

        void awaitCompleted(int n, String what) {
            Await.until(() -> {
                pipeline.drain();
                return completed() >= n;
            }, Duration.ofSeconds(15), what);
        }

        /** One entry from the pipeline's own decision path; waits for its completion record. */
        ExecutionReport enter(String symbol, Direction direction) {
            int before = completed();
            ensemble.set(symbol, direction);
            double[] q = terminal.quote(symbol);
            pipeline.step(new Tick(symbol, Harness.WEDNESDAY.millis(), q[0], q[1], 1));
            ensemble.set(symbol, null);
            awaitCompleted(before + 1, "the " + symbol + " entry to complete");
            return audit.of(AuditRecord.OrderCompleted.class).get(before).report();
        }

        /** Runs a control command on the stepped pipeline and waits for the orders it sent. */
        int control(java.util.function.Supplier<java.util.concurrent.CompletableFuture<io.aria.core.ControlResult>> command) throws Exception {
            int before = completed();
            java.util.concurrent.CompletableFuture<io.aria.core.ControlResult> f = command.get();
            Await.until(() -> {
                pipeline.drain();
                return f.isDone();
            }, Duration.ofSeconds(15), "the command to run");
            int sent = f.get(1, TimeUnit.SECONDS).ordersSent();
            awaitCompleted(before + sent, sent + " closing orders to complete");
            return sent;
        }

        List<Position> book() {
            return pipeline.snapshot().positions();
        }
    }

    private static boolean holds(List<Position> ps, long ticket) {
        return ps.stream().anyMatch(p -> p.ticket() == ticket);
    }

    private Position onTerminal(long ticket) {
        return terminal.positions().stream().filter(p -> p.ticket() == ticket).findFirst().orElse(null);
    }

    @Test
    void hedging_flattenOfOneStrategy_leavesTheOtherStrategysPositionOpenAndOutOfItsBook() throws Exception {
        startTerminal(io.aria.core.AccountMode.HEDGING);
        Strategy a = new Strategy(MAGIC_A, Set.of("EURUSD"));
        Strategy b = new Strategy(MAGIC_B, Set.of("EURUSD"));

        // B trades first, so A's book is refreshed (by its own fill) after B's position exists
        ExecutionReport bEntry = b.enter("EURUSD", Direction.LONG);
        ExecutionReport aEntry = a.enter("EURUSD", Direction.LONG);
        assertEquals(ExecutionStatus.FILLED, bEntry.status(), bEntry.toString());
        assertEquals(ExecutionStatus.FILLED, aEntry.status(), aEntry.toString());
        long bTicket = bEntry.positionTicket();
        long aTicket = aEntry.positionTicket();
        assertEquals(MAGIC_B, onTerminal(bTicket).magic(), "B's position carries B's magic");
        assertEquals(MAGIC_A, onTerminal(aTicket).magic(), "A's position carries A's magic");

        assertFalse(holds(a.book(), bTicket), "A's book holds B's position: " + a.book());
        assertFalse(holds(a.connection.gateway().positions(), bTicket),
                "A's gateway reports B's position: " + a.connection.gateway().positions());
        assertTrue(holds(a.book(), aTicket), "A's book lost its own position: " + a.book());

        int sent = a.control(() -> a.pipeline.flattenAll("test", "strategy A stops"));

        assertEquals(1, sent, "A's flatten sends one close, for its own position only");
        assertTrue(onTerminal(aTicket) == null, "A's position must be closed: " + terminal.positions());
        Position bLeft = onTerminal(bTicket);
        assertTrue(bLeft != null, "A's flatten closed B's position " + bTicket + ": " + terminal.positions());
        assertEquals(0.1, bLeft.volume(), 1e-9, "B's position must be untouched");
        Await.until(() -> b.connection.gateway().positions().stream().anyMatch(p -> p.ticket() == bTicket)
                && a.connection.gateway().positions().isEmpty(), "A's book empty, B's still holding its position");
        b.pipeline.drain();
        assertTrue(holds(b.book(), bTicket), "B's book must still hold its position: " + b.book());
        assertTrue(b.events.stream().noneMatch(e -> e.positionTicket() == aTicket),
                "B was told about A's close: " + b.events);
    }

    @Test
    void hedging_emergencyStopOfOneStrategy_neverClosesTheOthers() throws Exception {
        startTerminal(io.aria.core.AccountMode.HEDGING);
        Strategy a = new Strategy(MAGIC_A, Set.of("EURUSD", "XAUUSD"));
        Strategy b = new Strategy(MAGIC_B, Set.of("XAUUSD"));
        long bTicket = b.enter("XAUUSD", Direction.SHORT).positionTicket();
        long aTicket = a.enter("EURUSD", Direction.LONG).positionTicket();

        a.control(() -> a.pipeline.emergencyStop("test", "strategy A's emergency"));

        assertTrue(onTerminal(aTicket) == null, "A's position must be closed: " + terminal.positions());
        assertTrue(onTerminal(bTicket) != null, "A's emergency stop closed B's position: " + terminal.positions());
        assertTrue(a.audit.of(AuditRecord.OrderSubmitted.class).stream()
                        .noneMatch(s -> s.request().positionTicket() == bTicket || s.request().symbol().equals("XAUUSD")),
                "A submitted an order against B's position: " + a.audit.of(AuditRecord.OrderSubmitted.class));
    }

    @Test
    void netting_flattenOfOneStrategy_leavesTheOtherSymbolsPosition() throws Exception {
        startTerminal(io.aria.core.AccountMode.NETTING);
        Strategy a = new Strategy(MAGIC_A, Set.of("EURUSD"));
        Strategy b = new Strategy(MAGIC_B, Set.of("XAUUSD"));
        long bTicket = b.enter("XAUUSD", Direction.LONG).positionTicket();
        long aTicket = a.enter("EURUSD", Direction.LONG).positionTicket();
        assertFalse(holds(a.book(), bTicket), "A's book holds B's position: " + a.book());

        a.control(() -> a.pipeline.flattenAll("test", "strategy A stops"));

        assertTrue(onTerminal(aTicket) == null, "A's position must be closed: " + terminal.positions());
        assertTrue(onTerminal(bTicket) != null, "A's flatten closed B's XAUUSD position: " + terminal.positions());
        assertEquals(0.1, onTerminal(bTicket).volume(), 1e-9);
    }

    // ------------------------------------------------------------------ the gateway's own guards

    private Mt5Connection client(long magic, List<TradeEvent> events) {
        Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(Harness.SYMBOLS).magic(magic)
                .heartbeatInterval(Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(3))
                .orderTimeout(Duration.ofSeconds(3)).clock(Harness.WEDNESDAY).build());
        open.add(c);
        c.gateway().setTradeEventListener(events::add);
        Harness.get(c.connect());
        Harness.get(c.gateway().ready());
        return c;
    }

    private io.aria.core.OrderRequest market(String symbol, Side side, long magic, long closing) {
        double[] q = terminal.quote(symbol);
        String cid = Harness.cid("sa");
        return new io.aria.core.OrderRequest(cid, symbol, side, 0.1, side == Side.BUY ? q[1] : q[0], 0, 0, 10, magic, cid,
                closing);
    }

    @Test
    void gateway_refusesAnotherMagicsOrderAndClosesOrModifiesOnlyItsOwnPositions() {
        startTerminal(io.aria.core.AccountMode.HEDGING);
        List<TradeEvent> aEvents = new CopyOnWriteArrayList<>();
        List<TradeEvent> bEvents = new CopyOnWriteArrayList<>();
        Mt5Gateway a = client(MAGIC_A, aEvents).gateway();
        Mt5Gateway b = client(MAGIC_B, bEvents).gateway();
        long bTicket = Harness.get(b.submit(market("EURUSD", Side.BUY, 0, 0))).positionTicket();
        Await.until(() -> a.fetchPositions().toCompletableFuture().join().size() == 1, "B's position on the account");

        ExecutionReport wrongMagic = Harness.get(a.submit(market("EURUSD", Side.BUY, MAGIC_B, 0)));
        assertEquals(ExecutionStatus.REJECTED, wrongMagic.status(), wrongMagic.toString());
        assertTrue(wrongMagic.message().contains("magic 2222 is not this gateway's magic 1111"), wrongMagic.message());

        ExecutionReport closeTheirs = Harness.get(a.submit(market("EURUSD", Side.SELL, 0, bTicket)));
        assertEquals(ExecutionStatus.REJECTED, closeTheirs.status(), closeTheirs.toString());
        assertTrue(closeTheirs.message().contains("belongs to magic 2222"), closeTheirs.message());
        assertEquals(io.aria.core.TradeReturnCode.INVALID, Harness.get(a.modify(bTicket, 1.0, 0)));
        assertEquals(0, terminal.executions(closeTheirs.clientOrderId()), "nothing was sent");
        assertEquals(1, terminal.positions().size(), "B's position is untouched: " + terminal.positions());
        assertEquals(0.0, terminal.positions().get(0).stopLoss(), "B's stops are untouched");

        // B's position closed on the server side (a stop-out): B is told, A is not
        terminal.stopOut(bTicket);
        Await.until(() -> bEvents.stream().anyMatch(e -> e.positionTicket() == bTicket), "B's stop-out event");
        Await.until(() -> b.positions().isEmpty(), "B's book to follow the stop-out");
        // a heartbeat round later A has seen the same PUB stream
        long beats = terminal.requestsSeen();
        Await.until(() -> terminal.requestsSeen() > beats + 4, "a few more requests from the clients");
        assertTrue(aEvents.isEmpty(), "A was told about B's stop-out: " + aEvents);
    }

    @Test
    void netting_anOrderOnASymbolWhosePositionIsAnotherMagics_isRefused() {
        startTerminal(io.aria.core.AccountMode.NETTING);
        Mt5Gateway a = client(MAGIC_A, new CopyOnWriteArrayList<>()).gateway();
        Mt5Gateway b = client(MAGIC_B, new CopyOnWriteArrayList<>()).gateway();
        ExecutionReport theirs = Harness.get(b.submit(market("EURUSD", Side.BUY, 0, 0)));
        assertEquals(ExecutionStatus.FILLED, theirs.status(), theirs.toString());
        Await.until(() -> a.fetchPositions().toCompletableFuture().join().size() == 1, "B's position on the account");
        Await.until(() -> {
            // A's gateway has applied B's deal once its own book refresh saw it; a reconcile is not needed
            ExecutionReport r = Harness.get(a.submit(market("EURUSD", Side.SELL, 0, 0)));
            if (r.status() != ExecutionStatus.REJECTED) {
                throw new AssertionError("A's sell would net against B's EURUSD position: " + r);
            }
            return r.message().contains("belongs to magic 2222");
        }, "A's order on B's netting symbol to be refused");
        assertEquals(0.1, terminal.positions().get(0).volume(), 1e-9, "B's position is untouched");
        ExecutionReport ownSymbol = Harness.get(a.submit(market("XAUUSD", Side.BUY, 0, 0)));
        assertEquals(ExecutionStatus.FILLED, ownSymbol.status(), "another symbol is A's to trade: " + ownSymbol);
    }

    @Test
    void accountFigures_areTheWholeAccounts() {
        startTerminal(io.aria.core.AccountMode.HEDGING);
        Mt5Gateway a = client(MAGIC_A, new CopyOnWriteArrayList<>()).gateway();
        Mt5Gateway b = client(MAGIC_B, new CopyOnWriteArrayList<>()).gateway();
        Harness.get(b.submit(market("XAUUSD", Side.BUY, 0, 0)));
        Harness.get(a.fetchAccount());
        Await.until(() -> a.account().margin() > 0, "A's account view to show B's margin");
        assertTrue(a.positions().isEmpty(), "A holds nothing of its own");
        assertEquals(b.account().margin(), a.account().margin(), 1e-6, "margin is the account's, shared");
    }
}

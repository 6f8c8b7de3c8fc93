package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetSpec;
import io.aria.core.Direction;
import io.aria.core.ExecutionStatus;
import io.aria.core.OrderIntent;
import io.aria.core.PipelineSnapshot;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.Tick;
import io.aria.core.TradingPipeline;
import io.aria.core.audit.AuditReader;
import io.aria.core.audit.AuditRecord;
import io.aria.core.audit.JsonlAuditSink;
import io.aria.core.spi.PositionSizer;
import io.aria.core.testing.ScriptedEnsemble;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 6, against the simulated terminal: a client dies with two orders in flight, one
 * the terminal executed (its reply never came back) and one the terminal never received. A new
 * client on the same audit folder resolves both by client order id before its first tick, writes
 * their completions (FILLED, and REJECTED with the id fenced so it can never trade later), and has
 * the executed order's position in its book, so its strategy does not open it again.
 */
class Mt5RecoveryTest {

    /** The documented prefix of a completion written by recovery after a restart (core's Recovery). */
    static final String RECOVERED = "recovered after restart: ";

    @TempDir
    Path dir;

    private final PositionSizer sizer = (d, view) -> {
        AssetSpec spec = view.catalog().spec(d.symbol());
        Tick t = view.lastTick(d.symbol()).orElseThrow();
        Side side = d.direction().entrySide();
        return Optional.of(new OrderIntent(d.symbol(), side, spec.volumeMin(), t.priceFor(side), 0, 0, false, d, "min"));
    };

    private static Mt5Connection open(SimulatedMt5Terminal terminal) {
        return Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(Harness.SYMBOLS).heartbeatInterval(Duration.ofMillis(200))
                .requestTimeout(Duration.ofMillis(2000)).orderTimeout(Duration.ofMillis(1500))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).clock(Harness.WEDNESDAY).build());
    }

    private static Mt5Connection connect(SimulatedMt5Terminal terminal) throws Exception {
        Mt5Connection c = open(terminal);
        c.connect().get(15, TimeUnit.SECONDS);
        return c;
    }

    private TradingPipeline pipeline(Mt5Connection c, JsonlAuditSink audit, ScriptedEnsemble ensemble) {
        return TradingPipeline.builder().catalog(c.catalog()).ensemble(ensemble).sizer(sizer).gateway(c.gateway())
                .auditSink(audit).enabledSymbols(Set.of("EURUSD", "XAUUSD")).clock(Harness.WEDNESDAY)
                .recoveryTimeout(Duration.ofSeconds(20)).closeComponents(false).build();
    }

    private static Tick tick(SimulatedMt5Terminal terminal, String symbol) {
        double[] q = terminal.quote(symbol);
        return new Tick(symbol, Harness.WEDNESDAY.millis(), q[0], q[1], 0);
    }

    private List<AuditRecord> audit() throws Exception {
        return AuditReader.readFolder(dir.resolve(JsonlAuditSink.EXECUTION_DIR)).records();
    }

    private String submittedId(String symbol) throws Exception {
        return audit().stream().filter(AuditRecord.OrderSubmitted.class::isInstance)
                .map(AuditRecord.OrderSubmitted.class::cast).filter(s -> s.request().symbol().equals(symbol))
                .map(s -> s.request().clientOrderId()).findFirst().orElseThrow();
    }

    private List<AuditRecord.OrderCompleted> completions(String id) throws Exception {
        return audit().stream().filter(AuditRecord.OrderCompleted.class::isInstance)
                .map(AuditRecord.OrderCompleted.class::cast).filter(c -> c.report().clientOrderId().equals(id)).toList();
    }

    @ParameterizedTest(name = "next client connected before its pipeline starts: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("orders in flight when the client died are resolved by the next client: executed one FILLED and adopted, lost one fenced")
    void ordersInFlightAtACrashAreResolvedByTheNextClient(boolean connectedFirst) throws Exception {
        try (SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().symbols(Harness.SYMBOLS).brokerSuffix(".m")
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(Harness.WEDNESDAY).start()) {
            // the first client: EURUSD is executed but its reply is lost; XAUUSD never reaches the terminal
            Mt5Connection first = connect(terminal);
            JsonlAuditSink audit1 = JsonlAuditSink.builder(dir).build();
            ScriptedEnsemble e1 = new ScriptedEnsemble();
            e1.set("EURUSD", Direction.LONG);
            e1.set("XAUUSD", Direction.LONG);
            TradingPipeline p1 = pipeline(first, audit1, e1);
            terminal.faults().dropReplies("order", 1);
            p1.step(tick(terminal, "EURUSD"));
            audit1.flush();
            String executed = submittedId("EURUSD");
            Await.until(() -> terminal.executions(executed) == 1, "the terminal to execute " + executed);
            long seen = terminal.requestsSeen();
            terminal.faults().ignoreRequests("order", 1);
            p1.step(tick(terminal, "XAUUSD"));
            audit1.flush();
            String lost = submittedId("XAUUSD");
            Await.until(() -> terminal.requestsSeen() > seen, "the terminal to receive (and ignore) " + lost);
            // the crash: nothing more reaches the audit, the link dies with the process
            audit1.close();
            first.close();
            assertEquals(0, completions(executed).size() + completions(lost).size(), "the dead client completed nothing");
            List<Position> atTerminal = terminal.positions();
            assertEquals(1, atTerminal.size(), "the executed order's position: " + atTerminal);

            // the next client on the same folder
            Mt5Connection second = connectedFirst ? connect(terminal) : open(terminal);
            try {
                if (!connectedFirst) { // the pipeline starts first and waits for the handshake
                    java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                            .execute(second::connect);
                }
                JsonlAuditSink audit2 = JsonlAuditSink.builder(dir).build();
                ScriptedEnsemble e2 = new ScriptedEnsemble();
                e2.set("EURUSD", Direction.LONG); // still wants the long it already has
                TradingPipeline p2 = pipeline(second, audit2, e2);
                p2.step(tick(terminal, "EURUSD"));
                p2.step(tick(terminal, "EURUSD"));
                PipelineSnapshot s = p2.snapshot();
                audit2.close();

                List<AuditRecord.OrderCompleted> a = completions(executed);
                assertEquals(1, a.size(), "completions of " + executed + ": " + a);
                assertEquals(ExecutionStatus.FILLED, a.get(0).report().status());
                assertEquals(atTerminal.get(0).ticket(), a.get(0).report().positionTicket());
                assertTrue(a.get(0).report().message().startsWith(RECOVERED), a.get(0).report().message());
                List<AuditRecord.OrderCompleted> b = completions(lost);
                assertEquals(1, b.size(), "completions of " + lost + ": " + b);
                assertEquals(ExecutionStatus.REJECTED, b.get(0).report().status());
                assertTrue(b.get(0).report().message().contains("fenced"), b.get(0).report().message());

                assertEquals(List.of(atTerminal.get(0).ticket()), s.positions().stream().map(Position::ticket).toList(),
                        "the earlier client's position is in the new book");
                assertEquals(0, s.counters().ordersSent(), "no second entry on top of the adopted long");
                assertEquals(1, terminal.positions().size());
                assertEquals(0, terminal.executions(lost));
            } finally {
                second.close();
            }
        }
    }
}

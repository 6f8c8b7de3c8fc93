package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.OrderRequest;
import io.aria.core.Position;
import io.aria.core.Side;
import io.aria.core.TradeEvent;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A simulated terminal and a connection to it, with short timeouts so faults resolve quickly. */
final class Harness implements AutoCloseable {

    static final List<String> SYMBOLS = List.of("EURUSD", "XAUUSD", "USDJPY");
    /** A ticking clock that reads Wednesday 3 January 2024 12:00 UTC at start, so every market is open whatever the day. */
    static final Clock WEDNESDAY = Clock.offset(Clock.systemUTC(),
            Duration.between(Instant.now(), Instant.parse("2024-01-03T12:00:00Z")));
    private static final AtomicInteger IDS = new AtomicInteger();

    final SimulatedMt5Terminal terminal;
    final Mt5Connection connection;
    final Mt5Gateway gateway;
    final List<TradeEvent> events = new CopyOnWriteArrayList<>();
    final List<String> submitted = new CopyOnWriteArrayList<>();

    Harness(AccountMode mode) {
        this(b -> b.accountMode(mode), c -> { });
    }

    Harness(Consumer<SimulatedMt5Terminal.Builder> terminalSetup, Consumer<Mt5Config.Builder> configSetup) {
        SimulatedMt5Terminal.Builder tb = SimulatedMt5Terminal.builder().symbols(SYMBOLS).brokerSuffix(".m")
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(WEDNESDAY);
        terminalSetup.accept(tb);
        terminal = tb.start();
        Mt5Config.Builder cb = Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(SYMBOLS).heartbeatInterval(Duration.ofMillis(200))
                .requestTimeout(Duration.ofMillis(2000)).orderTimeout(Duration.ofMillis(1500))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).clock(WEDNESDAY);
        configSetup.accept(cb);
        connection = Mt5Connection.open(cb.build());
        gateway = connection.gateway();
        gateway.setTradeEventListener(events::add);
        get(connection.connect());
        Await.until(() -> gateway.account().balance() > 0, "account after the handshake");
    }

    static String cid(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    OrderRequest market(String cid, String symbol, Side side, double lots) {
        double[] q = terminal.quote(symbol);
        return OrderRequest.market(cid, symbol, side, lots, side == Side.BUY ? q[1] : q[0]);
    }

    ExecutionReport submit(OrderRequest r) {
        submitted.add(r.clientOrderId());
        return get(gateway.submit(r));
    }

    /**
     * The invariants every scenario ends with: the gateway's book equals the terminal's, no client
     * order id was executed twice, and every order submitted here has a final (not UNKNOWN) report.
     */
    void assertInvariants() {
        awaitBooksEqual();
        assertEquals(true, terminal.maxExecutionsPerClientOrderId() <= 1, "an order was placed twice");
        for (String cid : submitted) {
            ExecutionReport last = resolution(cid);
            assertEquals(false, last.status() == io.aria.core.ExecutionStatus.UNKNOWN, "report of " + cid + " lost");
            assertEquals(last.status().isFill() ? 1 : 0, terminal.executions(cid), "executions of " + cid);
        }
    }

    ExecutionReport resolution(String cid) {
        return get(gateway.resolution(cid));
    }

    /**
     * Waits until the gateway's book equals the terminal's positions of the gateway's magic (ticket,
     * symbol, side, volume, stops).
     */
    void awaitBooksEqual() {
        Await.until(() -> key(gateway.positions()).equals(key(ownOnTerminal())),
                Duration.ofSeconds(10), "gateway book " + gateway.positions() + " to equal terminal " + terminal.positions());
    }

    void assertBooksEqual() {
        assertEquals(key(ownOnTerminal()), key(gateway.positions()), "gateway book vs terminal");
    }

    /** @return the terminal's positions that carry this connection's magic */
    List<Position> ownOnTerminal() {
        long magic = connection.config().magic();
        return terminal.positions().stream().filter(p -> p.magic() == magic).toList();
    }

    static List<String> key(List<Position> ps) {
        return ps.stream().sorted(Comparator.comparingLong(Position::ticket))
                .map(p -> p.ticket() + " " + p.symbol() + " " + p.side() + " " + Math.round(p.volume() * 1e6) / 1e6
                        + " sl=" + p.stopLoss() + " tp=" + p.takeProfit())
                .toList();
    }

    static <T> T get(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage did not complete: " + e, e);
        }
    }

    @Override
    public void close() {
        connection.close();
        terminal.close();
    }
}

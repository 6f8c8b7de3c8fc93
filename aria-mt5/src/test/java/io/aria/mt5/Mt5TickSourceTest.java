package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Tick;
import io.aria.core.spi.TickSource;
import io.aria.core.testkit.TickSourceContract;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Mt5TickSource against the simulated terminal")
class Mt5TickSourceTest extends TickSourceContract {

    private static SimulatedMt5Terminal terminal;
    private final List<Mt5Connection> connections = new ArrayList<>();

    @BeforeAll
    static void startTerminal() {
        terminal = SimulatedMt5Terminal.builder().symbols(Harness.SYMBOLS).brokerSuffix("_i")
                .tickInterval(Duration.ofMillis(5)).heartbeat(Duration.ofMillis(200)).start();
    }

    @AfterAll
    static void stopTerminal() {
        terminal.close();
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(Mt5Connection::close);
    }

    private Mt5Connection connect(List<String> symbols) {
        Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(symbols).heartbeatInterval(Duration.ofMillis(200))
                .build());
        connections.add(c);
        return c;
    }

    @Override
    protected TickSource createSource() {
        return connect(List.of("EURUSD", "USDJPY")).tickSource();
    }

    @Override
    protected boolean isFinite() {
        return false;
    }

    @Nested
    @DisplayName("live feed")
    class LiveFeed {

        @Test
        void ticksCarryCatalogNamesAndUtcTimes() {
            Mt5Connection c = connect(List.of("XAUUSD"));
            List<Tick> ticks = new CopyOnWriteArrayList<>();
            c.tickSource().start(ticks::add);
            Await.until(() -> ticks.size() >= 20, "twenty ticks");
            long now = System.currentTimeMillis();
            for (Tick t : ticks) {
                assertEquals("XAUUSD", t.symbol(), "broker name XAUUSD_i maps to the catalog name");
                assertTrue(t.ask() > t.bid(), t.toString());
                assertTrue(Math.abs(t.epochMillis() - now) < 60_000, "utc_ms, not server time: " + t);
            }
            assertEquals(List.of("XAUUSD"), c.tickSource().symbols());
        }

        @Test
        void malformedTicks_areCountedAndSkipped() {
            Mt5Connection c = connect(List.of("EURUSD"));
            List<Tick> ticks = new CopyOnWriteArrayList<>();
            c.tickSource().start(ticks::add);
            Await.until(() -> ticks.size() >= 3, "ticks");
            String session = terminal.session();
            String bad = "{\"type\":\"tick\",\"seq\":1,\"session\":\"" + session
                    + "\",\"symbol\":\"EURUSD_i\",\"bid\":\"1.1\",\"ask\":1.2,\"utc_ms\":1}";
            terminal.faults().malformed(null, bad.getBytes(StandardCharsets.UTF_8));
            Await.until(() -> c.tickSource().malformedCount() >= 1, "the malformed tick to be counted");
            int before = ticks.size();
            Await.until(() -> ticks.size() > before + 3, "ticks to go on");
        }

        @Test
        void startAfterClose_throws() {
            TickSource s = connect(List.of("EURUSD")).tickSource();
            s.close();
            assertThrows(IllegalStateException.class, () -> s.start(t -> { }));
        }
    }
}

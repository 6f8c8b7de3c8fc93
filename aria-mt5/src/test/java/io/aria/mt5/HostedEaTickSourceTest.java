package io.aria.mt5;

import io.aria.core.spi.TickSource;
import io.aria.core.testkit.TickSourceContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** Mt5TickSource passes the tick-source contract against the hosted AriaBridge EA's CopyTicks streaming. */
@DisplayName("Mt5TickSource against the hosted AriaBridge EA")
class HostedEaTickSourceTest extends TickSourceContract {

    private static HostedEa ea;
    private final List<Mt5Connection> connections = new ArrayList<>();

    @BeforeAll
    static void startEa() {
        ea = HostedEa.start(new HostedEa.Options().symbols("EURUSD_i=EURUSD", "USDJPY_i=USDJPY", "XAUUSD_i=XAUUSD").feedMs(5));
    }

    @AfterAll
    static void stopEa() {
        ea.close();
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(Mt5Connection::close);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofSeconds(20);
    }

    @Override
    protected TickSource createSource() {
        Mt5Connection c = Mt5Connection.open(Mt5Config.builder().commandEndpoint(ea.commandEndpoint())
                .eventEndpoint(ea.eventEndpoint()).symbols(List.of("EURUSD", "USDJPY")).heartbeatInterval(Duration.ofMillis(200))
                .build());
        connections.add(c);
        return c.tickSource();
    }

    @Override
    protected boolean isFinite() {
        return false;
    }
}

package io.aria.mt5;

import io.aria.core.AccountMode;
import io.aria.core.Tick;
import io.aria.core.spi.OrderGateway;
import io.aria.core.testkit.OrderGatewayContract;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** The MT5 gateway, through real sockets to the simulated terminal, passes the contract the paper broker passes. */
@DisplayName("Mt5Gateway passes OrderGatewayContract against the simulated terminal")
class Mt5GatewayContractTest extends OrderGatewayContract {

    @Override
    protected Harness createHarness(AccountSettings settings) throws Exception {
        SimulatedMt5Terminal terminal = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD"))
                .accountMode(settings.mode())
                .balance(settings.balance()).currency(settings.currency()).leverage(settings.leverage())
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).start();
        Mt5Connection connection = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(List.of("EURUSD"))
                .heartbeatInterval(Duration.ofMillis(200)).build());
        try {
            connection.connect().get(10, java.util.concurrent.TimeUnit.SECONDS);
            Await.until(() -> connection.gateway().account().balance() == settings.balance(), "the account");
        } catch (Exception | AssertionError e) {
            connection.close();
            terminal.close();
            throw e;
        }
        return new Harness() {
            @Override
            public OrderGateway gateway() {
                return connection.gateway();
            }

            @Override
            public void quote(Tick tick) {
                terminal.quote(tick.symbol(), tick.bid(), tick.ask(), tick.epochMillis());
                Await.until(() -> tick.equals(seen(connection, tick)), Duration.ofSeconds(5),
                        "the gateway to apply " + tick);
            }

            @Override
            public void close() {
                connection.close();
                terminal.close();
            }
        };
    }

    private static Tick seen(Mt5Connection c, Tick expected) {
        Tick t = c.gateway().lastTick(expected.symbol());
        return t == null ? null : new Tick(t.symbol(), t.epochMillis(), t.bid(), t.ask(), expected.volume());
    }
}

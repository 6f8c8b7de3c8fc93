package io.aria.mt5;

import io.aria.core.Tick;
import io.aria.core.spi.OrderGateway;
import io.aria.core.testkit.OrderGatewayContract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

/**
 * The MT5 gateway passes the contract the paper broker passes, against the AriaBridge EA's own
 * code running in the host harness (HostedEa), through real sockets.
 */
@DisplayName("Mt5Gateway passes OrderGatewayContract against the hosted AriaBridge EA")
class HostedEaGatewayContractTest extends OrderGatewayContract {

    @Override
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected Harness createHarness(AccountSettings settings) throws Exception {
        HostedEa ea = HostedEa.start(new HostedEa.Options()
                .mode(settings.mode() == io.aria.core.AccountMode.NETTING ? "netting" : "hedging").balance(settings.balance())
                .currency(settings.currency()).leverage(settings.leverage()).symbols("EURUSD=EURUSD"));
        Mt5Connection connection = Mt5Connection.open(Mt5Config.builder().commandEndpoint(ea.commandEndpoint())
                .eventEndpoint(ea.eventEndpoint()).symbols(List.of("EURUSD")).heartbeatInterval(Duration.ofMillis(200)).build());
        try {
            connection.connect().get(30, TimeUnit.SECONDS);
            Await.until(() -> connection.gateway().account().balance() == settings.balance(), "the account");
        } catch (Exception | AssertionError e) {
            connection.close();
            ea.close();
            throw new AssertionError(e + ea.tail(), e);
        }
        return new Harness() {
            @Override
            public OrderGateway gateway() {
                return connection.gateway();
            }

            @Override
            public void quote(Tick tick) {
                if (ea.quote(tick.symbol(), tick.bid(), tick.ask(), tick.epochMillis())) {
                    Await.until(() -> tick.equals(seen(connection, tick)), Duration.ofSeconds(10),
                            "the gateway to apply " + tick);
                }
                ea.sync();
            }

            @Override
            public void close() {
                connection.close();
                ea.close();
            }
        };
    }

    private static Tick seen(Mt5Connection c, Tick expected) {
        Tick t = c.gateway().lastTick(expected.symbol());
        return t == null ? null : new Tick(t.symbol(), t.epochMillis(), t.bid(), t.ask(), expected.volume());
    }
}

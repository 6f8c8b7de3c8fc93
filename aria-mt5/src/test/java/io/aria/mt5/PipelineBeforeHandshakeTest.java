package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountSnapshot;
import io.aria.core.TradingPipeline;
import io.aria.core.ensemble.WeightedEnsemble;
import io.aria.core.spi.AuditSink;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 10, end to end: a pipeline assembled on an MT5 gateway before the terminal's
 * hello neither fails nor fixes a placeholder currency; it takes the terminal's EUR 1:30 account
 * once the handshake reports it.
 */
@DisplayName("a pipeline built before the MT5 handshake takes the real account when it arrives")
class PipelineBeforeHandshakeTest {

    private SimulatedMt5Terminal terminal;
    private Mt5Connection connection;
    private TradingPipeline pipeline;

    @AfterEach
    void tearDown() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    @Test
    void builtBeforeTheHello_takesTheEurAccountFromTheHandshake() throws Exception {
        terminal = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).currency("EUR").leverage(30)
                .balance(12_345).heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).start();
        connection = Mt5Connection.open(Mt5Config.builder().commandEndpoint(terminal.commandEndpoint())
                .eventEndpoint(terminal.eventEndpoint()).symbols(List.of("EURUSD"))
                .heartbeatInterval(Duration.ofMillis(200)).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .build());
        // assembled while the gateway cannot know the account yet
        pipeline = TradingPipeline.builder().catalog(connection.catalog())
                .ensemble(WeightedEnsemble.withDefaults(connection.catalog()))
                .sizer((d, p) -> Optional.empty()).gateway(connection.gateway()).auditSink(AuditSink.noop())
                .closeComponents(false).build();

        connection.connect();
        AccountSnapshot reported = connection.gateway().ready().toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertEquals("EUR", reported.currency());
        pipeline.start(); // waits on ready(): the account is the terminal's from the first order on
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        AccountSnapshot seen = pipeline.snapshot().account();
        while (!"EUR".equals(seen.currency()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = pipeline.snapshot().account();
        }
        assertEquals("EUR", seen.currency(), "the pipeline's account currency");
        assertEquals(30, seen.leverage(), "the pipeline's leverage");
        assertTrue(Math.abs(seen.balance() - 12_345) < 1e-9, "balance " + seen.balance());
    }
}

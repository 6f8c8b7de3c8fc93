package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountSnapshot;
import io.aria.core.spi.OrderGateway;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 10: before the MT5 handshake the gateway has no account, and says so; the
 * pipeline waits on {@link OrderGateway#ready()} for the real one, never a USD 1:1 placeholder.
 */
@DisplayName("Mt5Gateway.ready(): the terminal's account, never a placeholder")
class Mt5GatewayReadyTest {

    private SimulatedMt5Terminal terminal;
    private Mt5Connection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    private Mt5Connection open(String commandEndpoint, String eventEndpoint) {
        connection = Mt5Connection.open(Mt5Config.builder().commandEndpoint(commandEndpoint).eventEndpoint(eventEndpoint)
                .symbols(List.of("EURUSD")).heartbeatInterval(Duration.ofMillis(200))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build());
        return connection;
    }

    @Test
    void aEur1to30Account_completesReadyWithEurAnd30_andAccountRefusesToGuessBefore() throws Exception {
        terminal = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).currency("EUR").leverage(30)
                .balance(12_345).heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).start();
        OrderGateway gateway = open(terminal.commandEndpoint(), terminal.eventEndpoint()).gateway();

        CompletableFuture<AccountSnapshot> ready = gateway.ready().toCompletableFuture();
        assertFalse(ready.isDone(), "no account before the handshake: " + (ready.isDone() ? ready.getNow(null) : ""));
        IllegalStateException e = assertThrows(IllegalStateException.class, gateway::account);
        assertTrue(e.getMessage().startsWith("account not known before the terminal's hello"), e.getMessage());

        connection.connect();
        AccountSnapshot a = ready.get(15, TimeUnit.SECONDS);
        assertEquals("EUR", a.currency());
        assertEquals(30, a.leverage());
        assertEquals(12_345, a.balance(), 1e-9);
        assertTrue(connection.session().isPresent(), "ready only once the handshake (symbols included) is done");
        assertEquals("EUR", gateway.account().currency());
        assertEquals(30, gateway.account().leverage());
        AccountSnapshot again = gateway.ready().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertEquals("EUR", again.currency(), "ready() after the handshake is complete at once");
    }

    @Test
    void closedBeforeTheHello_failsReadyWithOneClearLine() {
        // nothing listens here: the hello is never answered
        OrderGateway gateway = open("tcp://127.0.0.1:1", "tcp://127.0.0.1:2").gateway();
        connection.connect();
        CompletableFuture<AccountSnapshot> ready = gateway.ready().toCompletableFuture();
        connection.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> ready.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
        String message = e.getCause().getMessage();
        assertTrue(message.contains("tcp://127.0.0.1:1") && message.contains("closed") && message.contains("hello"),
                message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertThrows(IllegalStateException.class, gateway::account);
    }
}

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.mt5.internal.Endpoints;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md, "loopback by default": the simulated terminal binds 127.0.0.1 and the client
 * connects to 127.0.0.1 unless told otherwise, and the terminal binds another interface only with
 * an explicit {@code allowNonLoopback(true)} (before, {@code endpoints("tcp://0.0.0.0:*", ...)}
 * silently put it on the network).
 */
class LoopbackByDefaultTest {

    @Test
    void theSimulatedTerminal_bindsLoopbackByDefault() {
        try (SimulatedMt5Terminal t = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).start()) {
            assertTrue(t.commandEndpoint().startsWith("tcp://127.0.0.1:"), t.commandEndpoint());
            assertTrue(t.eventEndpoint().startsWith("tcp://127.0.0.1:"), t.eventEndpoint());
        }
    }

    @Test
    void theClient_connectsToLoopbackByDefault_alsoFromAnEmptyEnvironment() {
        for (Mt5Config c : List.of(Mt5Config.builder().build(), Mt5Config.builder().fromEnvironment(Map.of()).build())) {
            assertEquals("tcp://127.0.0.1:15555", c.commandEndpoint());
            assertEquals("tcp://127.0.0.1:15556", c.eventEndpoint());
            assertTrue(c.curve().isEmpty());
        }
    }

    @Test
    void anotherInterface_isRefusedWithoutTheExplicitSetting() {
        for (String e : List.of("tcp://0.0.0.0:*", "tcp://*:*", "tcp://eth0:*", "tcp://10.1.2.3:15555", "tcp://[::]:*",
                "tcp://example.com:15555", "tcp://127.0.0.1.example.com:1")) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).endpoints(e, "tcp://127.0.0.1:*").start(),
                    e);
            assertEquals("commandEndpoint " + e + " is not a loopback endpoint; binding another interface needs"
                    + " allowNonLoopback(true) (and should use CURVE)", x.getMessage());
            x = assertThrows(IllegalArgumentException.class,
                    () -> SimulatedMt5Terminal.builder().symbols(List.of("EURUSD")).endpoints("tcp://127.0.0.1:*", e).start());
            assertTrue(x.getMessage().startsWith("eventEndpoint " + e), x.getMessage());
        }
    }

    @Test
    void anotherInterface_bindsWithTheExplicitSetting() {
        try (SimulatedMt5Terminal t = SimulatedMt5Terminal.builder().symbols(List.of("EURUSD"))
                .endpoints("tcp://0.0.0.0:*", "tcp://0.0.0.0:*").allowNonLoopback(true).start()) {
            assertTrue(t.commandEndpoint().startsWith("tcp://0.0.0.0:"), t.commandEndpoint());
        }
    }

    @Property(tries = 200)
    void every127Address_isLoopback(@ForAll @IntRange(min = 0, max = 255) int b, @ForAll @IntRange(min = 0, max = 255) int c,
            @ForAll @IntRange(min = 0, max = 255) int d, @ForAll @IntRange(min = 1, max = 65535) int port) {
        assertTrue(Endpoints.isLoopback("tcp://127." + b + "." + c + "." + d + ":" + port));
    }

    @Property(tries = 200)
    void everyOtherIpv4Address_isNot(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        if (a == 127) {
            return;
        }
        assertFalse(Endpoints.isLoopback("tcp://" + a + "." + b + ".0.1:" + port));
    }

    @Property(tries = 200)
    void hostNamesAndInterfaces_areNot(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String host) {
        assertEquals(host.equalsIgnoreCase("localhost"), Endpoints.isLoopback("tcp://" + host + ":15555"));
    }

    @Test
    void localTransports_andIpv6Loopback_are() {
        for (String e : List.of("ipc:///tmp/aria", "inproc://x", "tcp://[::1]:15555", "tcp://localhost:1",
                "tcp://10.0.0.1:0;127.0.0.1:15555")) {
            assertTrue(Endpoints.isLoopback(e), e);
        }
        for (String e : List.of("tcp://127.0.0.1:0;10.0.0.1:15555", "tcp://127.1:1", "tcp://127.0.0.256:1", "udp://127.0.0.1:1")) {
            assertFalse(Endpoints.isLoopback(e), e);
        }
    }
}

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

@DisplayName("Mt5Config and CurveKeys")
class Mt5ConfigTest {

    private static final ZMQ.Curve.KeyPair SERVER = ZMQ.Curve.generateKeyPair();
    private static final ZMQ.Curve.KeyPair CLIENT = ZMQ.Curve.generateKeyPair();

    @Nested
    @DisplayName("defaults and validation")
    class Validation {

        @Test
        void defaults_areLoopbackAndTheWholeCatalog() {
            Mt5Config c = Mt5Config.builder().build();
            assertEquals("tcp://127.0.0.1:15555", c.commandEndpoint());
            assertEquals("tcp://127.0.0.1:15556", c.eventEndpoint());
            assertEquals(21, c.symbols().size());
            assertTrue(c.curve().isEmpty());
        }

        @Test
        void badValues_areNamedWithTheirValue() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Mt5Config.builder().commandEndpoint("localhost:5555").build());
            assertEquals("commandEndpoint must be a ZeroMQ endpoint like tcp://127.0.0.1:15555, was 'localhost:5555'",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Mt5Config.builder().symbols(List.of("FOO")).build());
            assertTrue(e.getMessage().contains("FOO"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Mt5Config.builder().orderTimeout(Duration.ZERO).build());
            assertTrue(e.getMessage().startsWith("orderTimeout must be > 0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Mt5Config.builder().maxPriceRetries(11).build());
            assertEquals("maxPriceRetries must be in [0, 10], was 11", e.getMessage());
        }
    }

    @Nested
    @DisplayName("keys come from the environment and are never shown")
    class Keys {

        private final Map<String, String> env = Map.of(CurveKeys.ENV_SERVER_KEY, SERVER.publicKey,
                CurveKeys.ENV_PUBLIC_KEY, CLIENT.publicKey, CurveKeys.ENV_SECRET_KEY, CLIENT.secretKey,
                Mt5Config.ENV_COMMAND_ENDPOINT, "tcp://10.0.0.5:15555");

        @Test
        void fromEnvironment_readsEndpointsAndKeys() {
            Mt5Config c = Mt5Config.builder().fromEnvironment(env).build();
            assertEquals("tcp://10.0.0.5:15555", c.commandEndpoint());
            assertEquals(CLIENT.secretKey, c.curve().orElseThrow().secretKey());
        }

        @Test
        void toString_neverShowsAKey() {
            Mt5Config c = Mt5Config.builder().fromEnvironment(env).build();
            for (String s : List.of(c.toString(), c.curve().orElseThrow().toString())) {
                assertFalse(s.contains(SERVER.publicKey) || s.contains(CLIENT.publicKey) || s.contains(CLIENT.secretKey), s);
            }
            assertTrue(c.toString().contains("curve=on (keys redacted)"), c.toString());
        }

        @Test
        void partialKeys_areRefusedNamingTheVariablesNotTheValues() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CurveKeys.fromEnvironment(Map.of(CurveKeys.ENV_SECRET_KEY, CLIENT.secretKey)));
            assertTrue(e.getMessage().contains(CurveKeys.ENV_SERVER_KEY), e.getMessage());
            assertFalse(e.getMessage().contains(CLIENT.secretKey), e.getMessage());
        }

        @Test
        void aKeyOfTheWrongLength_isRefusedWithoutEchoingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CurveKeys(SERVER.publicKey, CLIENT.publicKey, "secret-but-short"));
            assertEquals("secretKey must be a Z85 key of 40 characters, had 16", e.getMessage());
        }

        @Test
        void noVariables_meansNoCurve() {
            assertTrue(CurveKeys.fromEnvironment(Map.of()).isEmpty());
        }
    }
}

package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Fuzz-style properties of the bridge decoder: bad input gives a clear error, never another exception. */
@Label("the bridge decoder and the connection under malformed input")
class WireProperties {

    private static final String ORDER_REPLY = "{\"type\":\"order_reply\",\"id\":\"9\",\"ok\":true,"
            + "\"client_order_id\":\"ab12-7\",\"retcode\":10009,\"deal\":88001,\"order\":77001,\"position\":77001,"
            + "\"symbol\":\"EURUSD.m\",\"side\":\"buy\",\"requested_price\":1.08524,\"requested_volume\":0.1,"
            + "\"price\":1.08526,\"volume\":0.1,\"bid\":1.08514,\"ask\":1.08526,\"slippage_points\":2,"
            + "\"time_msc\":1732472400456,\"utc_ms\":1732465200456}";

    private static Harness harness;

    @BeforeContainer
    static void start() {
        harness = new Harness(AccountMode.HEDGING);
    }

    @AfterContainer
    static void stop() {
        harness.close();
    }

    @Property(tries = 300)
    @Label("random bytes decode or fail with MalformedMessageException only")
    void randomBytes_decodeOrFailClearly(@ForAll byte[] bytes) {
        try {
            Msg m = Wire.decode(bytes);
            assertFalse(m.type().isEmpty());
        } catch (MalformedMessageException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property(tries = 200)
    @Label("every truncation of a valid reply is malformed")
    void truncated_isMalformed(@ForAll @IntRange(min = 0, max = 299) int cut) {
        byte[] full = ORDER_REPLY.getBytes(StandardCharsets.UTF_8);
        byte[] part = Arrays.copyOf(full, Math.min(cut, full.length - 1));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Wire.decode(part));
        assertFalse(e.getMessage().isBlank());
    }

    @Example
    @Label("an oversized frame is refused naming the limit")
    void oversized_isRefused() {
        byte[] big = new byte[Wire.MAX_FRAME_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Wire.decode(big));
        assertTrue(e.getMessage().contains(String.valueOf(Wire.MAX_FRAME_BYTES)), e.getMessage());
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    @Label("a wrongly typed field is named in the error")
    void wronglyTyped_namesTheField(@ForAll("numericFields") String field, @ForAll("nonNumbers") String value)
            throws MalformedMessageException {
        String json = ORDER_REPLY.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + value);
        Msg m = Wire.decode(json.getBytes(StandardCharsets.UTF_8));
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> m.num(field));
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        assertThrows(MalformedMessageException.class, () -> m.lng(field));
    }

    @Provide
    Arbitrary<String> numericFields() {
        return Arbitraries.of("retcode", "deal", "price", "volume", "bid", "ask", "utc_ms");
    }

    @Provide
    Arbitrary<String> nonNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).alpha().map(s -> "\"" + s + "\""),
                Arbitraries.of("true", "false", "{}", "[]", "[1,2]", "{\"a\":1}", "\"1.5\""));
    }

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    @Label("garbage replies and events never break the connection")
    void garbageOverTheWire_connectionKeepsWorking(@ForAll("garbage") byte[] reply, @ForAll("garbage") byte[] event) {
        long failuresBefore = harness.connection.ioFailures();
        harness.terminal.faults().malformed(reply, event);
        ExecutionReport r = harness.submit(harness.market(Harness.cid("fz"), "EURUSD", Side.BUY, 0.01));
        assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
        assertEquals(ConnectionState.CONNECTED, harness.connection.state());
        assertEquals(failuresBefore, harness.connection.ioFailures(), "no exception escaped on the I/O thread");
        harness.awaitBooksEqual();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, ORDER_REPLY.length() - 1)
                .map(n -> ORDER_REPLY.substring(0, n).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> typed = Arbitraries.of(
                "{\"type\":\"order_reply\",\"id\":7}", "{\"type\":5}", "{\"type\":\"tick\",\"seq\":\"x\"}",
                "{\"type\":\"trade\",\"seq\":999999,\"session\":\"other\",\"deal\":\"1\"}",
                "{\"type\":\"tick\",\"seq\":1,\"session\":\"s\",\"symbol\":7,\"bid\":[],\"ask\":{}}", "null", "[]",
                "\"just a string\"").map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> oversized = Arbitraries.just(new byte[Wire.MAX_FRAME_BYTES + 10]);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, random), net.jqwik.api.Tuple.of(3, truncated),
                net.jqwik.api.Tuple.of(3, typed), net.jqwik.api.Tuple.of(1, oversized));
    }
}

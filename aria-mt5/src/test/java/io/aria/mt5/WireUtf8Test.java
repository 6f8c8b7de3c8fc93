package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AccountMode;
import io.aria.core.ExecutionReport;
import io.aria.core.ExecutionStatus;
import io.aria.core.Side;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import io.aria.mt5.internal.Wire;
import io.aria.mt5.sim.SimulatedMt5Terminal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** PROTOCOL.md 2: a frame is UTF-8 JSON with no byte order mark; anything else is malformed, for both ends of the wire. */
@DisplayName("frames that are not UTF-8 (UTF-16, a BOM, invalid sequences) are malformed for the client and the simulated terminal")
class WireUtf8Test {

    private static final String PING = "{\"type\":\"ping\",\"id\":\"7\"}";
    private static final Charset UTF_32 = Charset.forName("UTF-32");

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String refusal(byte[] frame) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Wire.decode(frame));
        return e.getMessage();
    }

    @Test
    @DisplayName("UTF-16 with a BOM, either byte order, is refused naming the UTF-16 byte order mark")
    void utf16WithBom_isMalformed() {
        String le = refusal(concat(bytes(0xFF, 0xFE), PING.getBytes(StandardCharsets.UTF_16LE)));
        assertTrue(le.contains("not UTF-8") && le.contains("UTF-16 byte order mark FF FE"), le);
        // Java's "UTF-16" encoder writes the big-endian BOM FE FF
        String be = refusal(PING.getBytes(StandardCharsets.UTF_16));
        assertTrue(be.contains("not UTF-8") && be.contains("UTF-16 byte order mark FE FF"), be);
    }

    @Test
    @DisplayName("UTF-16 and UTF-32 without a BOM are refused too (Jackson would sniff and accept them)")
    void utf16And32WithoutBom_areMalformed() {
        for (byte[] f : new byte[][] {PING.getBytes(StandardCharsets.UTF_16LE), PING.getBytes(StandardCharsets.UTF_16BE),
                PING.getBytes(UTF_32)}) {
            String m = refusal(f);
            assertFalse(m.isBlank());
        }
    }

    @Test
    @DisplayName("a UTF-8 BOM in front of a valid message is refused naming the BOM")
    void utf8Bom_isMalformed() {
        String m = refusal(concat(bytes(0xEF, 0xBB, 0xBF), PING.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("BOM EF BB BF"), m);
    }

    @Test
    @DisplayName("invalid UTF-8 (stray continuation, overlong, surrogate, truncated sequence, Latin-1) names the bytes and offset")
    void invalidSequences_areMalformed() {
        byte[] head = "{\"type\":\"ping\",\"id\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        int at = head.length;
        for (byte[] bad : new byte[][] {bytes(0x80), bytes(0xC0, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xE2, 0x82),
                bytes(0xF8, 0x88, 0x80, 0x80, 0x80), "M\u00fcller".getBytes(StandardCharsets.ISO_8859_1)}) {
            String m = refusal(concat(concat(head, bad), tail));
            assertTrue(m.startsWith("not UTF-8: invalid byte sequence"), m);
            assertTrue(m.contains("at byte offset " + (bad[0] == 'M' ? at + 1 : at)), m);
        }
    }

    @Test
    @DisplayName("valid multi-byte UTF-8 is still read")
    void multiByteUtf8_isRead() throws Exception {
        Msg m = Wire.decode("{\"type\":\"ping\",\"id\":\"7\",\"comment\":\"M\u00fcller \u20ac \ud83d\ude00\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("M\u00fcller \u20ac \ud83d\ude00", m.str("comment"));
    }

    @Property(tries = 1000)
    @Label("random frames decode or fail with MalformedMessageException only, and what decodes is exactly valid UTF-8 without a BOM")
    void randomFrames_decodeOnlyWhenUtf8(@ForAll("frames") byte[] frame) {
        Msg m;
        try {
            m = Wire.decode(frame);
        } catch (MalformedMessageException e) {
            assertFalse(e.getMessage().isBlank());
            return;
        }
        assertNotNull(m.type());
        // an independent check: bytes that are valid UTF-8 survive a lenient round trip unchanged
        assertArrayEquals(frame, new String(frame, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                "a frame that is not valid UTF-8 was accepted");
        assertFalse(frame.length >= 3 && (frame[0] & 0xff) == 0xEF && (frame[1] & 0xff) == 0xBB
                && (frame[2] & 0xff) == 0xBF, "a frame with a BOM was accepted");
    }

    @Provide
    Arbitrary<byte[]> frames() {
        Arbitrary<String> message = Arbitraries.strings().ofMaxLength(20).map(s -> {
            com.fasterxml.jackson.databind.node.ObjectNode o = Wire.request("ping", "1");
            o.put("comment", s);
            return o.toString();
        });
        Arbitrary<Charset> charset = Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, UTF_32, StandardCharsets.ISO_8859_1);
        Arbitrary<byte[]> bom = Arbitraries.of(new byte[0], bytes(0xEF, 0xBB, 0xBF), bytes(0xFF, 0xFE), bytes(0xFE, 0xFF));
        Arbitrary<byte[]> encoded = net.jqwik.api.Combinators.combine(bom, message, charset)
                .as((b, s, c) -> concat(b, s.getBytes(c)));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> spliced = net.jqwik.api.Combinators.combine(message, random, Arbitraries.integers().between(0, 40))
                .as((s, r, at) -> {
                    byte[] m = s.getBytes(StandardCharsets.UTF_8);
                    int cut = Math.min(at, m.length);
                    byte[] head = java.util.Arrays.copyOf(m, cut);
                    return concat(concat(head, r), java.util.Arrays.copyOfRange(m, cut, m.length));
                });
        return Arbitraries.oneOf(encoded, random, spliced);
    }

    @Test
    @DisplayName("the simulated terminal answers a UTF-16 or BOM-prefixed request with error_reply malformed and runs nothing")
    void simulatedTerminal_refusesNonUtf8Requests() throws Exception {
        try (SimulatedMt5Terminal t = SimulatedMt5Terminal.builder().symbols(Harness.SYMBOLS).brokerSuffix(".m")
                .heartbeat(Duration.ofMillis(200)).tickInterval(Duration.ZERO).clock(Harness.WEDNESDAY).start();
                ZContext ctx = new ZContext(1)) {
            ZMQ.Socket dealer = RawDealers.connected(ctx, t.commandEndpoint());
            Msg ok = ask(dealer, PING.getBytes(StandardCharsets.UTF_8));
            assertEquals("ping_reply", ok.type(), "a UTF-8 ping is answered");
            long before = t.malformedSeen();
            for (byte[] f : new byte[][] {PING.getBytes(StandardCharsets.UTF_16),
                    concat(bytes(0xFF, 0xFE), PING.getBytes(StandardCharsets.UTF_16LE)),
                    concat(bytes(0xEF, 0xBB, 0xBF), PING.getBytes(StandardCharsets.UTF_8))}) {
                Msg r = ask(dealer, f);
                assertEquals("error_reply", r.type(), r.node().toString());
                assertEquals("malformed", r.str("error"));
                assertTrue(r.str("message").contains("UTF-8"), r.str("message"));
            }
            assertEquals(before + 3, t.malformedSeen());
        }
    }

    private static Msg ask(ZMQ.Socket dealer, byte[] frame) throws MalformedMessageException {
        dealer.send(frame, 0);
        byte[] reply = dealer.recv(0);
        assertNotNull(reply, "no reply");
        return Wire.decode(reply);
    }

    @Test
    @DisplayName("the client counts a UTF-16 reply and a UTF-16 event as malformed, skips them and keeps trading")
    void client_skipsNonUtf8RepliesAndEvents() {
        try (Harness h = new Harness(AccountMode.HEDGING)) {
            long before = h.connection.malformedCount();
            byte[] reply = "{\"type\":\"ping_reply\",\"id\":\"no-such-id\",\"ok\":true}".getBytes(StandardCharsets.UTF_16);
            byte[] event = concat(bytes(0xFF, 0xFE), ("{\"type\":\"tick\",\"seq\":1,\"session\":\"s\",\"symbol\":\"EURUSD.m\","
                    + "\"bid\":9.5,\"ask\":9.6,\"time_msc\":1,\"utc_ms\":1}").getBytes(StandardCharsets.UTF_16LE));
            h.terminal.faults().malformed(reply, event);
            ExecutionReport r = h.submit(h.market(Harness.cid("u16"), "EURUSD", Side.BUY, 0.01));
            assertEquals(ExecutionStatus.FILLED, r.status(), r.toString());
            Await.until(() -> h.connection.malformedCount() >= before + 2, Duration.ofSeconds(10),
                    "both UTF-16 frames counted malformed (count " + h.connection.malformedCount() + ", before " + before + ")");
            assertEquals(ConnectionState.CONNECTED, h.connection.state());
            h.assertInvariants();
        }
    }
}

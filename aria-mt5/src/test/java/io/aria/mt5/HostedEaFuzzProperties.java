package io.aria.mt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hosted EA (its own MQL5 code under AddressSanitizer and checked arrays) answers every
 * frame, however broken, exactly once with a well-formed reply, and never dies: valid requests
 * with a field replaced by any JSON value, truncated, with a byte flipped or with junk spliced in.
 */
class HostedEaFuzzProperties {

    private static HostedEa ea;
    private static RawEaClient client;
    private static final java.util.concurrent.atomic.AtomicInteger MARKERS = new java.util.concurrent.atomic.AtomicInteger();

    private static final List<String> BASES = List.of(
            "{\"type\":\"ping\",\"id\":\"1\",\"utc_ms\":1}",
            "{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1,\"client\":\"fuzz\",\"heartbeat_ms\":1000}",
            "{\"type\":\"order\",\"id\":\"1\",\"client_order_id\":\"fz-1\",\"symbol\":\"EURUSD\",\"side\":\"buy\",\"volume\":0.01,"
                    + "\"price\":1.10012,\"sl\":0,\"tp\":0,\"deviation\":10,\"magic\":1,\"position\":0,\"filling\":\"\",\"expires_utc_ms\":0}",
            "{\"type\":\"close\",\"id\":\"1\",\"client_order_id\":\"fz-2\",\"position\":1000,\"volume\":0,\"price\":0}",
            "{\"type\":\"modify\",\"id\":\"1\",\"position\":1000,\"sl\":1.09,\"tp\":1.11}",
            "{\"type\":\"close_all\",\"id\":\"1\",\"symbol\":\"\",\"magic\":-1,\"client_order_id_prefix\":\"fz\"}",
            "{\"type\":\"symbols\",\"id\":\"1\",\"symbols\":[\"EURUSD\",\"NOPE\"]}",
            "{\"type\":\"subscribe\",\"id\":\"1\",\"symbols\":[\"EURUSD\"]}",
            "{\"type\":\"positions\",\"id\":\"1\",\"symbol\":\"\",\"magic\":-1}",
            "{\"type\":\"deals\",\"id\":\"1\",\"from_utc_ms\":0}",
            "{\"type\":\"bars\",\"id\":\"1\",\"symbol\":\"EURUSD\",\"timeframe\":\"M1\",\"count\":10}",
            "{\"type\":\"order_status\",\"id\":\"1\",\"client_order_id\":\"fz-1\"}",
            "{\"type\":\"account\",\"id\":\"1\"}");

    @BeforeContainer
    static void start() {
        ea = HostedEa.start(new HostedEa.Options().balance(1_000_000));
        client = new RawEaClient(ea);
        ea.quote("EURUSD", 1.10000, 1.10012, 1704283200000L);
    }

    @AfterContainer
    static void stop() {
        client.close();
        ea.close();   // fails on any AddressSanitizer or MQL5 runtime error the frames caused
    }

    @Property(tries = 300)
    void everyFrameGetsExactlyOneWellFormedReply(@ForAll("frames") byte[] frame) {
        client.sendRaw(frame);
        // a marker the frames never use: its reply ends the replies to the frame
        String marker = "marker-" + MARKERS.incrementAndGet();
        client.sendRaw(("{\"type\":\"ping\",\"id\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
        List<JsonNode> before = new ArrayList<>();
        for (;;) {
            JsonNode r = client.awaitAnyReply(Duration.ofSeconds(20));
            if (marker.equals(r.path("id").asText()) && "ping_reply".equals(r.path("type").asText())) {
                break;
            }
            before.add(r);
        }
        String shown = new String(frame, StandardCharsets.UTF_8);
        String frameText = shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
        assertEquals(1, before.size(), () -> "replies to " + frameText + ": " + before);
        JsonNode r = before.get(0);
        assertTrue(r.path("type").asText().endsWith("_reply"), () -> "type of " + r);
        assertTrue(r.path("ok").isBoolean(), () -> "ok of " + r);
        assertTrue(r.path("ok").asBoolean() || !r.path("error").asText().isEmpty(), () -> "an error code with ok:false: " + r);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        Arbitrary<String> base = Arbitraries.of(BASES);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e308", "-1e309", "1.5", "9223372036854775808",
                        "-9223372036854775809", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]",
                        "\"x\"", "\"EURUSD\"", "\"buy\"", "\"" + "y".repeat(300) + "\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(40).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Arbitrary<String> replaced = Combinators.combine(base, value, Arbitraries.integers().between(0, 1000))
                .as((b, v, k) -> {
                    // replace the k-th value (after a ':') with v
                    List<Integer> colons = new ArrayList<>();
                    for (int i = 0; i < b.length(); i++) {
                        if (b.charAt(i) == ':') {
                            colons.add(i);
                        }
                    }
                    int at = colons.get(k % colons.size());
                    int end = at + 1;
                    int depth = 0;
                    boolean inString = false;
                    for (; end < b.length(); end++) {
                        char c = b.charAt(end);
                        if (inString) {
                            if (c == '\\') {
                                end++;
                            } else if (c == '"') {
                                inString = false;
                            }
                        } else if (c == '"') {
                            inString = true;
                        } else if (c == '[' || c == '{') {
                            depth++;
                        } else if (c == ']' || c == '}') {
                            if (depth == 0) {
                                break;
                            }
                            depth--;
                        } else if (c == ',' && depth == 0) {
                            break;
                        }
                    }
                    return b.substring(0, at + 1) + v + b.substring(end);
                });
        Arbitrary<String> duplicated = base.map(b -> b.replaceFirst("\\{", "{\"type\":\"ping\","));
        Arbitrary<byte[]> text = Arbitraries.oneOf(replaced, replaced, duplicated, base)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> truncated = Combinators.combine(text, Arbitraries.integers().between(0, 10_000))
                .as((b, k) -> java.util.Arrays.copyOf(b, k % (b.length + 1)));
        Arbitrary<byte[]> flipped = Combinators.combine(text, Arbitraries.integers().between(0, 10_000), Arbitraries.bytes())
                .as((b, k, x) -> {
                    byte[] c = b.clone();
                    if (c.length > 0) {
                        c[k % c.length] = x;
                    }
                    return c;
                });
        return Arbitraries.oneOf(text, text, truncated, flipped);
    }
}

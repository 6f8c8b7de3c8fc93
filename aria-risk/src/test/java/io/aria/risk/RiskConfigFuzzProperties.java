package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the risk config loader: every input is either a correct config or one
 * {@link RiskConfigException} line that names the file (and, where there is one, the field); never
 * another exception type, never a hang.
 */
@Label("risk config fuzzing")
class RiskConfigFuzzProperties {

    private static final String VALID = RiskConfig.defaults().toJson();
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "risk-config-fuzz");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stop() {
        RUNNER.shutdownNow();
    }

    /** Every leaf of the defaults, as a dotted path. */
    private static final List<String> LEAVES = leaves(RiskConfig.JSON.valueToTree(RiskConfig.defaults()), "");

    private static List<String> leaves(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                out.addAll(leaves(e.getValue(), p));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Runs a load with a generous bound: a hang fails the property instead of stalling the build. */
    private static String outcome(Supplier<RiskConfig> load, String source) {
        Future<RiskConfig> f = RUNNER.submit(load::get);
        try {
            RiskConfig c = f.get(60, TimeUnit.SECONDS);
            assertEquals(c, RiskConfig.fromJson(c.toJson()), "an accepted config must round-trip");
            return "accepted";
        } catch (TimeoutException e) {
            f.cancel(true);
            return fail("loading did not finish within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (!(t instanceof RiskConfigException)) {
                throw new AssertionError("not a RiskConfigException: " + t, t);
            }
            String m = t.getMessage();
            assertTrue(m.startsWith(source + ": ") || m.startsWith(source + " "), "does not name the source: " + m);
            assertTrue(m.length() < 400, "too long for one line: " + m);
            for (int i = 0; i < m.length(); i++) {
                assertTrue(m.charAt(i) >= 0x20 && m.charAt(i) != 0x7f && m.charAt(i) != '\u2028'
                        && m.charAt(i) != '\u2029' && m.charAt(i) != '\u0085', "a control character in: " + m);
            }
            return "refused";
        }
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> chunk = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\\", "null", "true", "-", "1e999", "10.7", "0",
                        "-1", "NaN", "\uFEFF", "\u0000", "\n", "\"FOREX\"", "\"maxLeverage\"", "{\"a\":1}", "9".repeat(30),
                        "[[[[[[[[", "\"\\u0000\"", "\"\u2028\""),
                Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(
                Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.integers().between(0, 40),
                chunk,
                Arbitraries.of("insert", "replace", "delete", "truncate", "duplicate-line", "append"))
                .as((at, len, text, op) -> {
                    int end = Math.min(VALID.length(), at + len);
                    return switch (op) {
                        case "insert" -> VALID.substring(0, at) + text + VALID.substring(at);
                        case "replace" -> VALID.substring(0, at) + text + VALID.substring(end);
                        case "delete" -> VALID.substring(0, at) + VALID.substring(end);
                        case "truncate" -> VALID.substring(0, at);
                        case "append" -> VALID + text;
                        default -> {
                            int ls = VALID.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                            int le = VALID.indexOf('\n', at);
                            le = le < 0 ? VALID.length() : le;
                            String line = VALID.substring(ls, le);
                            yield VALID.substring(0, le) + "\n" + line + VALID.substring(le);
                        }
                    };
                });
    }

    @Property(tries = 1500)
    @Label("a mutated valid config is a correct config or one clear line")
    void mutatedConfigs(@ForAll("mutations") String json) {
        Statistics.label("outcome").collect(outcome(() -> RiskConfig.fromJson(json), "risk config"));
        Statistics.label("outcome").coverage(c -> {
            c.check("accepted").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<Object> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 50).map(i -> (Object) i),
                Arbitraries.doubles().between(-2, 40).map(d -> (Object) d),
                Arbitraries.of(0.5, 1.0, 10.7, 1e-9, 1e300, 99_999_999_999L, Long.MIN_VALUE).map(d -> (Object) d),
                Arbitraries.of("UTC", "Europe/London", "17:00", "CONFIDENCE", "RISK_PER_TRADE", "", "x", "10", "Mars/Base")
                        .map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) "__null__"),
                Arbitraries.of("[]", "{}", "[1]", "{\"x\":1}").map(s -> (Object) new Raw(s)));
    }

    /** Raw JSON text for a value. */
    record Raw(String json) {
    }

    private static String json(Object v) {
        if (v instanceof Raw r) {
            return r.json();
        }
        if ("__null__".equals(v)) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    private static String nest(String path, String value) {
        String[] parts = path.split("\\.");
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append("{\"").append(p).append("\":");
        }
        b.append(value);
        b.append("}".repeat(parts.length));
        return b.toString();
    }

    @Property(tries = 1500)
    @Label("any value of any type in any field is taken correctly or refused naming that field")
    void wrongTypesAndValues(@ForAll("anyValue") Object value, @ForAll("leafIndex") int leaf) throws Exception {
        String path = LEAVES.get(leaf);
        String doc = nest(path, json(value));
        RiskConfig accepted = null;
        try {
            accepted = RiskConfig.fromJson(doc);
        } catch (RiskConfigException e) {
            assertTrue(e.getMessage().startsWith("risk config: " + path), "does not name " + path + ": " + e.getMessage());
        }
        String out = outcome(() -> RiskConfig.fromJson(doc), "risk config");
        Statistics.label("outcome").collect(out);
        if (accepted != null) {
            // the value given is the value taken
            JsonNode taken = RiskConfig.JSON.valueToTree(accepted).at("/" + path.replace('.', '/'));
            JsonNode given = RiskConfig.JSON.readTree(json(value));
            if (given.isNumber()) {
                assertEquals(given.doubleValue(), taken.doubleValue(), 0.0, path + " given " + given + " taken " + taken);
            } else if (given.isTextual() && path.endsWith("dayStart")) {
                assertEquals(java.time.LocalTime.parse(given.textValue()), accepted.killSwitch().dayStart());
            } else if (given.isTextual() && path.endsWith("dayZone")) {
                assertEquals(java.time.ZoneId.of(given.textValue()), accepted.killSwitch().dayZone());
            } else {
                assertEquals(given, taken, path);
            }
        }
    }

    @Provide
    Arbitrary<Integer> leafIndex() {
        return Arbitraries.integers().between(0, LEAVES.size() - 1);
    }

    @Property(tries = 300)
    @Label("random bytes in a file are a correct config or one clear line naming the file")
    void randomBytes(@ForAll("bytes") byte[] content) throws Exception {
        Path dir = Files.createTempDirectory("risk-fuzz");
        Path f = dir.resolve("risk.json");
        try {
            Files.write(f, content);
            outcome(() -> RiskConfig.load(f), "risk config " + f);
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                mutations().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                // a valid file with one byte changed: catches truncated UTF-8 sequences and odd bytes
                Combinators.combine(Arbitraries.integers().between(0, VALID.length() - 1), Arbitraries.bytes())
                        .as((at, b) -> {
                            byte[] v = VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            v[at] = b;
                            return v;
                        }));
    }
}

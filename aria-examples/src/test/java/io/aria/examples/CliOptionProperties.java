package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.aria.core.AssetCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import picocli.CommandLine;

/**
 * Every option of every command, given random values (well-formed ones of every option's type,
 * Java literals, values out of range, any text): each value is either refused with one line that
 * names the option and the value and exit code 2, or parsed to exactly what it says and inside the
 * option's range. Never a stack trace, never a hang, never a value silently changed. The command
 * itself is not run (a run per try would take minutes): parsing is where every value is checked.
 */
class CliOptionProperties {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /** What an option's value means, and so what may be accepted. */
    enum Kind { SESSION_LENGTH, RUN_LENGTH, TICK_INTERVAL, STATUS, CONNECT_TIMEOUT, PAPER_SPEED, SIM_SPEED, BALANCE,
        START, SEED, SYMBOLS, ENDPOINT }

    /** An option of a command; {@code prefix} is the command line before it. */
    record Opt(List<String> prefix, String name, Kind kind) {
        @Override
        public String toString() {
            return String.join(" ", prefix) + " " + name;
        }
    }

    static final List<Opt> OPTIONS = List.of(
            new Opt(List.of("paper"), "--duration", Kind.SESSION_LENGTH),
            new Opt(List.of("paper"), "--tick-interval", Kind.TICK_INTERVAL),
            new Opt(List.of("paper"), "--status-every", Kind.STATUS),
            new Opt(List.of("paper"), "--speed", Kind.PAPER_SPEED),
            new Opt(List.of("paper"), "--balance", Kind.BALANCE),
            new Opt(List.of("paper"), "--start", Kind.START),
            new Opt(List.of("paper"), "--seed", Kind.SEED),
            new Opt(List.of("paper"), "--symbols", Kind.SYMBOLS),
            new Opt(List.of("mt5", "--simulate"), "--duration", Kind.RUN_LENGTH),
            new Opt(List.of("mt5", "--simulate"), "--speed", Kind.SIM_SPEED),
            new Opt(List.of("mt5", "--simulate"), "--balance", Kind.BALANCE),
            new Opt(List.of("mt5", "--simulate"), "--sim-start", Kind.START),
            new Opt(List.of("mt5", "--simulate"), "--seed", Kind.SEED),
            new Opt(List.of("mt5", "--simulate"), "--status-every", Kind.STATUS),
            new Opt(List.of("mt5", "--simulate"), "--connect-timeout", Kind.CONNECT_TIMEOUT),
            new Opt(List.of("mt5", "--simulate"), "--symbols", Kind.SYMBOLS),
            new Opt(List.of("mt5"), "--endpoint", Kind.ENDPOINT),
            new Opt(List.of("mt5", "--endpoint", "tcp://127.0.0.1:15555"), "--event-endpoint", Kind.ENDPOINT));

    @Provide
    Arbitrary<Opt> options() {
        return Arbitraries.of(OPTIONS);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> ints = Arbitraries.longs().map(String::valueOf);
        Arbitrary<String> smallInts = Arbitraries.integers().between(-100_000, 100_000).map(Object::toString);
        Arbitrary<String> units = Arbitraries.of("S", "M", "H", "D", "s", "h", "");
        Arbitrary<String> durations = Combinators.combine(Arbitraries.of("PT", "-PT", "P", "PT-", "pt", "P1DT"),
                Arbitraries.oneOf(smallInts, ints, Arbitraries.doubles().between(-10, 10).map(d -> String.format(
                        java.util.Locale.ROOT, "%.4f", d))), units).as((a, b, c) -> a + b + c);
        Arbitrary<String> doubles = Arbitraries.oneOf(Arbitraries.doubles().map(Object::toString),
                Arbitraries.doubles().between(-1e7, 1e13).map(Object::toString),
                Arbitraries.of("NaN", "Infinity", "-Infinity", "+Infinity", "1e3d", "5f", "0x10", "0x1.1p0", "1_000",
                        "1,5", "+5", "١٢", "0", "-0", "1e400", "1e-400", " 60 ", ".5", "5.", "1e", "e5", "--5"));
        Arbitrary<String> instants = Arbitraries.oneOf(
                Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L)
                        .map(ms -> Instant.ofEpochMilli(ms).toString()),
                Arbitraries.of("2025-03-03", "2025-03-03T07:00:00", "2025-03-03T07:00:00+02:00", "now", "1969-12-31T23:59:59Z",
                        "2199-12-31T23:59:59.999Z", "2200-01-01T00:00:00Z"));
        Arbitrary<String> symbols = Arbitraries.oneOf(Arbitraries.of(CATALOG.symbols()),
                Arbitraries.of(CATALOG.symbols()).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l)),
                Arbitraries.of("eurusd", "EURUSD.m", "#US30", "EURUSD,", ",EURUSD", "EURUSD,,GBPUSD", " EURUSD"));
        Arbitrary<String> endpoints = Combinators.combine(Arbitraries.of("tcp://", "udp://", "TCP://", "tcp:/", ""),
                Arbitraries.of("127.0.0.1", "localhost", "h", "", "*", "[::1]", "a b", "host_1", "-h"),
                Arbitraries.oneOf(Arbitraries.integers().between(-5, 70_000).map(Object::toString),
                        Arbitraries.of("abc", "", "15555/x", "08080"))).as((s, h, p) -> s + h + ":" + p);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, durations), net.jqwik.api.Tuple.of(3, doubles), net.jqwik.api.Tuple.of(1, ints),
                net.jqwik.api.Tuple.of(2, instants), net.jqwik.api.Tuple.of(2, symbols),
                net.jqwik.api.Tuple.of(2, endpoints), net.jqwik.api.Tuple.of(2, text), net.jqwik.api.Tuple.of(2, ascii));
    }

    @Property(tries = 1500, shrinking = ShrinkingMode.BOUNDED)
    void everyValueIsRefusedInOneLineOrParsedExactly(@ForAll("options") Opt opt, @ForAll("values") String value) {
        List<String> args = new ArrayList<>(opt.prefix());
        args.add(opt.name());
        args.add(value);
        CommandLine.ParseResult[] parsed = new CommandLine.ParseResult[1];
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
        java.io.PrintStream savedErr = System.err;
        System.setErr(new java.io.PrintStream(stray, true, java.nio.charset.StandardCharsets.UTF_8));
        int rc;
        try {
            rc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                CommandLine cl = AriaMain.commandLine();
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(err, true));
                cl.setExecutionStrategy(pr -> {
                    parsed[0] = pr;
                    return 0;
                });
                return cl.execute(args.toArray(String[]::new));
            });
        } finally {
            System.setErr(savedErr);
        }
        // nothing else on standard error (picocli's own warnings would make the one line three)
        assertEquals("", stray.toString(java.nio.charset.StandardCharsets.UTF_8));
        String errText = err.toString();
        if (rc == 0) {
            assertEquals("", errText);
            CommandLine.ParseResult sub = parsed[0].subcommand();
            Object v = sub.matchedOptionValue(opt.name(), null);
            assertAccepted(opt, value, v);
        } else {
            assertEquals(2, rc, errText);
            List<String> lines = errText.lines().toList();
            assertEquals(1, lines.size(), () -> "not one line: " + errText);
            String line = lines.get(0);
            assertTrue(line.contains(opt.name()), () -> opt.name() + " not named: " + line);
            boolean picocliMissing = line.contains("Missing required parameter") || line.contains("Expected parameter")
                    || line.contains("Unknown option");
            if (!picocliMissing) {
                List<String> shown = new ArrayList<>(List.of(OptionTypes.show(value), AriaMain.oneLine(value)));
                if (opt.kind() == Kind.SYMBOLS) {
                    for (String s : value.split(",", -1)) {
                        shown.add(OptionTypes.show(s));
                    }
                }
                assertTrue(shown.stream().anyMatch(line::contains), () -> "value " + shown + " not shown: " + line);
            }
            assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        }
    }

    @Provide
    Arbitrary<String> riskDocuments() {
        Arbitrary<String> keys = Arbitraries.of("maxAccountLeverage", "maxOpenPositions", "maxOrderNotional",
                "maxOrdersPerMinute", "sizing", "killSwitch", "correlation", "noSuchKey", "");
        Arbitrary<String> values = Arbitraries.of("1", "10.7", "-1", "0", "1e400", "NaN", "\"x\"", "null", "true", "{}", "[]",
                "{\"a\": 1}", "30", "2147483648", "0.5");
        Arbitrary<String> objects = Combinators.combine(keys, values).as((k, v) -> "\"" + k + "\": " + v).list()
                .ofMaxSize(4).map(l -> "{" + String.join(", ", l) + "}");
        return Arbitraries.oneOf(objects, objects.map(o -> "\uFEFF" + o), objects.map(o -> o + " {}"),
                objects.map(o -> o.length() > 2 ? o.substring(0, o.length() / 2) : o),
                Arbitraries.strings().all().ofMaxLength(40), Arbitraries.of("", "[]", "null", "{", "\"{}\""));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void everyRiskFileIsRefusedInOneLineOrLoaded(@ForAll("riskDocuments") String document) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("aria-risk-fuzz", ".json");
        try {
            java.nio.file.Files.write(file, document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (List<String> prefix : List.of(List.of("paper"), List.of("mt5", "--simulate"))) {
                List<String> args = new ArrayList<>(prefix);
                args.addAll(List.of("--risk-config", file.toString()));
                StringWriter err = new StringWriter();
                int rc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    CommandLine cl = AriaMain.commandLine();
                    cl.setOut(new PrintWriter(new StringWriter()));
                    cl.setErr(new PrintWriter(err, true));
                    cl.setExecutionStrategy(pr -> 0);
                    return cl.execute(args.toArray(String[]::new));
                });
                if (rc != 0) {
                    assertEquals(2, rc, err.toString());
                    List<String> lines = err.toString().lines().toList();
                    assertEquals(1, lines.size(), () -> "not one line: " + err);
                    assertTrue(lines.get(0).contains("--risk-config") && lines.get(0).contains(file.getFileName().toString()),
                            lines.get(0));
                    assertFalse(lines.get(0).contains("\tat "), lines.get(0));
                } else {
                    assertEquals("", err.toString());
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** The oracle: what each kind of option may take, decided apart from the converters. */
    private static void assertAccepted(Opt opt, String value, Object v) {
        String s = value.strip();
        switch (opt.kind()) {
            case SESSION_LENGTH, RUN_LENGTH, TICK_INTERVAL, STATUS, CONNECT_TIMEOUT -> {
                Duration d = (Duration) v;
                assertEquals(Duration.parse(s), d);
                Duration min = switch (opt.kind()) {
                    case STATUS, CONNECT_TIMEOUT -> Duration.ofMillis(10);
                    default -> Duration.ofMillis(1);
                };
                Duration max = switch (opt.kind()) {
                    case TICK_INTERVAL, STATUS -> Duration.ofDays(1);
                    case CONNECT_TIMEOUT -> Duration.ofHours(1);
                    default -> Duration.ofDays(3650);
                };
                boolean zeroOk = opt.kind() == Kind.RUN_LENGTH && d.isZero();
                assertTrue(zeroOk || (d.compareTo(min) >= 0 && d.compareTo(max) <= 0), opt + " took " + d);
            }
            case PAPER_SPEED, SIM_SPEED, BALANCE -> {
                double d = (Double) v;
                assertTrue(DECIMAL.matcher(s).matches(), () -> opt + " took the non-decimal " + value);
                assertEquals(Double.parseDouble(s), d);
                assertTrue(Double.isFinite(d), opt + " took " + d);
                if (opt.kind() == Kind.PAPER_SPEED) {
                    assertTrue(d >= 0 && d <= 1e6, opt + " took " + d);
                } else {
                    assertTrue(d > 0 && d <= (opt.kind() == Kind.SIM_SPEED ? 1e5 : 1e12), opt + " took " + d);
                }
            }
            case START -> {
                Instant t = (Instant) v;
                assertEquals(Instant.parse(s), t);
                int year = t.atZone(ZoneOffset.UTC).getYear();
                assertTrue(year >= 1970 && year < 2200, opt + " took " + t);
            }
            case SEED -> assertEquals(Long.parseLong(value), (Long) v);
            case SYMBOLS -> {
                @SuppressWarnings("unchecked")
                List<String> l = (List<String>) v;
                assertFalse(l.isEmpty());
                for (String sym : l) {
                    assertTrue(CATALOG.indexOf(sym) >= 0, opt + " took " + sym);
                }
            }
            case ENDPOINT -> {
                String e = (String) v;
                assertTrue(e.startsWith("tcp://"), opt + " took " + e);
                int port = Integer.parseInt(e.substring(e.lastIndexOf(':') + 1));
                assertTrue(port >= 1 && port <= 65535, opt + " took " + e);
                assertFalse(e.substring(6, e.lastIndexOf(':')).isEmpty(), opt + " took " + e);
            }
            default -> fail("unknown kind " + opt.kind());
        }
    }
}

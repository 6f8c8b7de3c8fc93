package io.aria.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Tick files fuzzed (issue 8, finding 11): valid lines of the three layouts (MT5 export,
 * HistData, plain CSV) with mutations that make a line certainly malformed (Java float literals,
 * hex, NaN, letters in a price, a negative price, fields dropped, a letter in the time, a last
 * line cut short), random lines after a valid header, and random bytes. Each file gives exactly
 * the ticks of its valid lines, every bad line reported once with file and line, or one clear
 * error at build; never an exception, a hang or a bad line silently read.
 */
class TickFileProperties {

    private static final AssetCatalog CATALOG = AssetCatalog.defaults();
    private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();

    enum Layout { MT5, HISTDATA, PLAIN }

    /** How a line is damaged; every kind but NONE makes it certainly malformed. */
    enum Mutation { NONE, SUFFIX, HEX, NON_FINITE, LETTER_IN_PRICE, NEGATIVE, DROP_FIELDS, LETTER_IN_TIME, UNKNOWN_SYMBOL }

    record LineSpec(int bidPoints, int spreadPoints, int volume, Mutation mutation, int pick) {
    }

    /** A generated file: its text, the ticks it must give, and the lines that must be reported. */
    record Fixture(String name, String text, List<Tick> expected, List<Integer> badLines, Integer truncatedLine) {
    }

    @Provide
    Arbitrary<List<LineSpec>> lines() {
        Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.just(Mutation.NONE)),
                net.jqwik.api.Tuple.of(8, Arbitraries.of(Mutation.values()).filter(m -> m != Mutation.NONE)));
        return Combinators.combine(Arbitraries.integers().between(5_000, 250_000), Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, 99), mutation, Arbitraries.integers().between(0, 1_000_000))
                .as(LineSpec::new).list().ofMinSize(1).ofMaxSize(30);
    }

    private static String price(int points) {
        return String.format(Locale.ROOT, "%d.%05d", points / 100_000, points % 100_000);
    }

    private static Fixture fixture(Layout layout, List<LineSpec> specs, boolean finalNewline, boolean cutLast) {
        StringBuilder text = new StringBuilder();
        List<Tick> expected = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        String name;
        String symbol = "EURUSD";
        int lineNo = 0;
        switch (layout) {
            case MT5 -> {
                name = "EURUSD_fuzz.csv";
                text.append("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n");
                lineNo++;
            }
            case HISTDATA -> name = "DAT_ASCII_EURUSD_T_fuzz.csv";
            default -> {
                name = "fuzz.csv";
                text.append("time,symbol,bid,ask,volume\n");
                lineNo++;
            }
        }
        Integer truncated = null;
        for (int i = 0; i < specs.size(); i++) {
            LineSpec s = specs.get(i);
            lineNo++;
            long t = T0 + i * 1000L;
            String bid = price(s.bidPoints());
            String ask = price(s.bidPoints() + s.spreadPoints());
            String time;
            String[] f;
            int priceField;
            LocalDateTime l = LocalDateTime.ofEpochSecond(t / 1000, 0, ZoneOffset.UTC);
            switch (layout) {
                case MT5 -> {
                    time = String.format(Locale.ROOT, "%02d:%02d:%02d.000", l.getHour(), l.getMinute(), l.getSecond());
                    f = new String[] {"2024.01.02", time, bid, ask, "", "", "6"};
                    priceField = 2;
                }
                case HISTDATA -> {
                    // HistData is EST (UTC-5): write the local time that is t in UTC
                    LocalDateTime e = l.minusHours(5);
                    time = String.format(Locale.ROOT, "%04d%02d%02d %02d%02d%02d000", e.getYear(), e.getMonthValue(),
                            e.getDayOfMonth(), e.getHour(), e.getMinute(), e.getSecond());
                    f = new String[] {time, bid, ask, Integer.toString(s.volume())};
                    priceField = 1;
                }
                default -> {
                    time = Instant.ofEpochMilli(t).toString();
                    f = new String[] {time, symbol, bid, ask, Integer.toString(s.volume())};
                    priceField = 2;
                }
            }
            Mutation m = s.mutation();
            if (m == Mutation.UNKNOWN_SYMBOL && layout != Layout.PLAIN) {
                m = Mutation.NEGATIVE;
            }
            // a HistData file has no header: its layout is told from its first line, which stays whole
            boolean firstOfHistData = layout == Layout.HISTDATA && i == 0;
            if (firstOfHistData) {
                m = Mutation.NONE;
            }
            String letters = "abcdfghijklmnopqrstuvwxyzABCDFGHIJKLMNOPQRSTUVWXYZ#;/%$_";
            char letter = letters.charAt(s.pick() % letters.length());
            switch (m) {
                case SUFFIX -> f[priceField] = f[priceField] + "fFdD".charAt(s.pick() % 4);
                case HEX -> f[priceField] = List.of("0x1.1p0", "0X1P0", "0x10", "0x1.0850p0").get(s.pick() % 4);
                case NON_FINITE -> f[priceField] = List.of("NaN", "Infinity", "-Infinity", "+Infinity").get(s.pick() % 4);
                case LETTER_IN_PRICE -> {
                    String p = f[priceField];
                    int at = s.pick() % (p.length() + 1);
                    f[priceField] = p.substring(0, at) + letter + p.substring(at);
                }
                case NEGATIVE -> f[priceField] = "-" + f[priceField];
                case DROP_FIELDS -> f = java.util.Arrays.copyOf(f, 2);
                case LETTER_IN_TIME -> {
                    String tf = f[layout == Layout.MT5 ? 1 : 0];
                    int digit = 0;
                    int[] digits = tf.chars().filter(Character::isDigit).toArray();
                    int target = s.pick() % digits.length;
                    StringBuilder b = new StringBuilder(tf);
                    for (int k = 0; k < b.length(); k++) {
                        if (Character.isDigit(b.charAt(k)) && digit++ == target) {
                            b.setCharAt(k, Character.isLetter(letter) && letter != 'T' && letter != 'Z' ? letter : 'x');
                            break;
                        }
                    }
                    f[layout == Layout.MT5 ? 1 : 0] = b.toString();
                }
                case UNKNOWN_SYMBOL -> f[1] = "NOSUCH" + (s.pick() % 100);
                default -> {
                }
            }
            String line = String.join(layout == Layout.MT5 ? "\t" : ",", f);
            boolean last = i == specs.size() - 1;
            if (last && cutLast && !firstOfHistData) {
                // cut before the last separator: fields are missing, and there is no newline after it
                int sep = line.lastIndexOf(layout == Layout.MT5 ? '\t' : ',');
                if (sep > 0) {
                    line = line.substring(0, (s.pick() % sep) + 1 > sep ? sep : sep - (s.pick() % Math.max(1, sep / 2)));
                    text.append(line);
                    truncated = lineNo;
                    bad.add(lineNo);
                    break;
                }
            }
            text.append(line);
            if (!last || finalNewline) {
                text.append(layout == Layout.MT5 && s.pick() % 3 == 0 ? "\r\n" : "\n");
            }
            if (m == Mutation.NONE) {
                double volume = layout == Layout.MT5 ? 0 : s.volume();
                expected.add(new Tick(symbol, t, Double.parseDouble(bid), Double.parseDouble(ask), volume));
            } else {
                bad.add(lineNo);
            }
        }
        return new Fixture(name, text.toString(), expected, bad, truncated);
    }

    /** Runs {@code body} and returns what it logged (slf4j-simple prints to the current System.err). */
    private static String logOf(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("aria-tick-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void mutatedLinesAreReportedWithFileAndLine_validLinesAreRead(@ForAll Layout layout,
            @ForAll("lines") List<LineSpec> specs, @ForAll boolean finalNewline, @ForAll boolean cutLast) throws IOException {
        Fixture fx = fixture(layout, specs, finalNewline, cutLast);
        Path dir = tempDir();
        try {
            Path file = Files.writeString(dir.resolve(fx.name()), fx.text());
            CsvTickSource[] source = new CsvTickSource[1];
            List<Tick> got = new ArrayList<>();
            String log = logOf(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                source[0] = CsvTickSource.builder().file(file).build();
                got.addAll(source[0].readAll());
            }));
            assertEquals(fx.expected(), got, () -> fx.text() + "\n" + log);
            assertEquals(fx.badLines().size(), source[0].malformedCount(), () -> fx.text() + "\n" + log);
            for (int n : fx.badLines()) {
                String at = fx.name() + ":" + n + ":";
                assertEquals(1, log.lines().filter(l -> l.contains(at)).count(), () -> at + " in\n" + fx.text() + "\n" + log);
            }
            if (fx.truncatedLine() != null) {
                String at = fx.name() + ":" + fx.truncatedLine() + ": malformed tick line skipped: truncated";
                assertTrue(log.contains(at), () -> at + " in\n" + log);
            }
            assertFalse(log.contains("Exception") || log.contains("\tat "), log);
        } finally {
            delete(dir);
        }
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> anyLine = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> csvish = Arbitraries.strings().withChars("0123456789.,:-TZ \t+eEfdxNaIny").ofMaxLength(50);
        return Arbitraries.oneOf(anyLine, csvish).list().ofMaxSize(20).map(l -> String.join("\n", l));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void randomLinesAfterAHeader_neverThrowOrHang(@ForAll Layout layout, @ForAll("junk") String body,
            @ForAll boolean finalNewline) throws IOException {
        String header = switch (layout) {
            case MT5 -> "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n";
            case HISTDATA -> "20240102 000000000,1.10000,1.10010,0\n";
            default -> "time,symbol,bid,ask\n";
        };
        String name = layout == Layout.HISTDATA ? "DAT_ASCII_EURUSD_T_junk.csv" : "EURUSD_junk.csv";
        checkAnyFile(name, (header + body + (finalNewline ? "\n" : "")).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void randomBytes_neverThrowOrHang(@ForAll @Size(max = 2000) byte[] bytes, @ForAll @IntRange(max = 2) int prefix)
            throws IOException {
        byte[] head = switch (prefix) {
            case 0 -> new byte[0];
            case 1 -> "<DATE>\t<TIME>\t<BID>\t<ASK>\n".getBytes(StandardCharsets.UTF_8);
            default -> "time,symbol,bid,ask\n".getBytes(StandardCharsets.UTF_8);
        };
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        checkAnyFile("EURUSD_bytes.csv", all);
    }

    /**
     * Any file: build either fails with one clear line naming the file, or the replay ends in
     * time with sane ticks, and every line it logs names the file.
     */
    private static void checkAnyFile(String name, byte[] content) throws IOException {
        Path dir = tempDir();
        try {
            Path file = Files.write(dir.resolve(name), content);
            List<Tick> got = new ArrayList<>();
            RuntimeException[] failed = new RuntimeException[1];
            long[] malformed = new long[1];
            String log = logOf(() -> assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                CsvTickSource s;
                try {
                    s = CsvTickSource.builder().file(file).build();
                } catch (IllegalArgumentException e) {
                    failed[0] = e;
                    return;
                }
                got.addAll(s.readAll());
                malformed[0] = s.malformedCount();
            }));
            if (failed[0] != null) {
                String m = failed[0].getMessage();
                assertTrue(m.contains(name), m);
                assertEquals(1, m.lines().count(), () -> "not one line: " + m);
                return;
            }
            Map<String, Long> last = new HashMap<>();
            for (Tick t : got) {
                assertTrue(CATALOG.indexOf(t.symbol()) >= 0, t.toString());
                assertTrue(Double.isFinite(t.bid()) && t.bid() > 0 && Double.isFinite(t.ask()) && t.ask() > 0, t.toString());
                assertTrue(Double.isFinite(t.volume()) && t.volume() >= 0, t.toString());
                Long prev = last.put(t.symbol(), t.epochMillis());
                assertTrue(prev == null || prev <= t.epochMillis(), "time goes backwards at " + t);
            }
            List<String> logged = log.lines().toList();
            for (String l : logged) {
                assertTrue(l.contains(name), () -> "a log line that does not name the file: " + l);
                assertFalse(l.contains("Exception"), l);
            }
            long reported = logged.stream().filter(l -> l.contains("malformed tick line skipped")).count();
            assertEquals(Math.min(malformed[0], 50), reported, log);
        } finally {
            delete(dir);
        }
    }
}

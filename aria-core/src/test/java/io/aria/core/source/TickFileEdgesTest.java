package io.aria.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Tick;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of a tick file (issue 8, finding 11): an empty or header-only file, Java float
 * literals where a decimal price belongs, a last line cut short by a copy or a crash. The
 * warnings are read where users read them, in the log (slf4j-simple, on standard error in tests).
 */
@DisplayName("tick file edges")
class TickFileEdgesTest {

    private static final String MT5_HEADER = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code body} and returns what it logged (slf4j-simple prints to the current System.err). */
    private static <T> String logOf(Supplier<T> body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.get();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long lines(String log, String containing) {
        return log.lines().filter(l -> l.contains(containing)).count();
    }

    @Test
    @DisplayName("an empty file warns once, naming the file, and gives no tick")
    void emptyFileWarns() {
        Path f = write("EURUSD_empty.csv", "");
        String log = logOf(() -> CsvTickSource.readAll(f));
        assertEquals(1, lines(log, "EURUSD_empty.csv"), log);
        assertTrue(log.contains("WARN") && log.contains("empty"), log);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mt5", "plain", "plain-blank-lines"})
    @DisplayName("a header-only file warns once, naming the file")
    void headerOnlyFileWarns(String kind) {
        Path f = switch (kind) {
            case "mt5" -> write("EURUSD_header.csv", MT5_HEADER);
            case "plain" -> write("header.csv", "time,symbol,bid,ask\n");
            default -> write("header.csv", "time,symbol,bid,ask\n\n  \n");
        };
        String name = f.getFileName().toString();
        List<?>[] ticks = new List<?>[1];
        String log = logOf(() -> ticks[0] = CsvTickSource.builder().file(f).build().readAll());
        assertEquals(List.of(), ticks[0]);
        assertEquals(1, lines(log, name), log);
        assertTrue(log.contains("WARN") && log.contains("header"), log);
    }

    @ParameterizedTest(name = "bid {0}")
    @ValueSource(strings = {"1.0850f", "1.0850F", "1.0850d", "1e3d", "0x1.1p0", "0X1P0", "Infinity", "-Infinity",
        "NaN", "+Infinity", "1_0", "١٫٠", "1.08 50"})
    @DisplayName("Java float literals and other non-decimals are malformed prices in every layout")
    void javaLiteralsAreMalformed(String bid) {
        Path mt5 = write("EURUSD_lit.csv", MT5_HEADER + "2024.01.02\t00:00:00.000\t" + bid + "\t1.2\t\t\t6\n"
                + "2024.01.02\t00:00:01.000\t1.1\t1.2\t\t\t6\n");
        Path hist = write("DAT_ASCII_GBPUSD_T_lit.csv", "20120201 000003660," + bid + ",1.31,0\n"
                + "20120201 000004660,1.3,1.31,0\n");
        Path plain = write("lit.csv", "time,symbol,bid,ask\n2024-01-02T00:00:00Z,XAUUSD," + bid + ",2650\n"
                + "2024-01-02T00:00:01Z,XAUUSD,2649,2650\n");
        for (Path f : List.of(mt5, hist, plain)) {
            CsvTickSource s = CsvTickSource.builder().file(f).build();
            String[] log = new String[1];
            List<?>[] ticks = new List<?>[1];
            log[0] = logOf(() -> ticks[0] = s.readAll());
            assertEquals(1, ticks[0].size(), f + ": " + ticks[0]);
            assertEquals(1, s.malformedCount(), f + ": " + log[0]);
            String line = f.getFileName() + ":" + (f == hist ? 1 : 2) + ":";
            assertTrue(log[0].contains(line) && log[0].contains("bid"), line + " in " + log[0]);
        }
    }

    @Test
    @DisplayName("decimal prices in the forms exports use still read")
    void decimalsStillRead() {
        Path f = write("forms.csv", "time,symbol,bid,ask\n"
                + "2024-01-02T00:00:00Z,XAUUSD,2650,2650.5\n"
                + "2024-01-02T00:00:01Z,XAUUSD,2650.,2650.50\n"
                + "2024-01-02T00:00:02Z,XAUUSD, 2650.1 ,2.6505E3\n"
                + "2024-01-02T00:00:03Z,XAUUSD,.5,1e-1\n");
        CsvTickSource s = CsvTickSource.builder().file(f).build();
        List<Tick> ticks = s.readAll();
        assertEquals(0, s.malformedCount());
        assertEquals(List.of(2650.0, 2650.0, 2650.1, 0.5), ticks.stream().map(Tick::bid).toList());
        assertEquals(2650.5, ticks.get(2).ask());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mt5", "histdata", "plain"})
    @DisplayName("a last line cut short (no newline at the end, fields missing) is reported as truncated, with file and line")
    void truncatedLastLine(String kind) {
        Path f = switch (kind) {
            case "mt5" -> write("EURUSD_cut.csv", MT5_HEADER + "2024.01.02\t00:00:00.000\t1.1\t1.2\t\t\t6\n"
                    + "2024.01.02\t00:00:01.000\t1.1\t1.2\t\t");
            case "histdata" -> write("DAT_ASCII_EURUSD_T_cut.csv", "20120201 000003660,1.3,1.31,0\n20120201 000004660,1.3");
            default -> write("cut.csv", "time,symbol,bid,ask,volume\n2024-01-02T00:00:00Z,EURUSD,1.1,1.2,3\n"
                    + "2024-01-02T00:00:01Z,EURUSD,1.1,1.2");
        };
        int lastLine = kind.equals("histdata") ? 2 : 3;
        CsvTickSource s = CsvTickSource.builder().file(f).build();
        List<?>[] ticks = new List<?>[1];
        String log = logOf(() -> ticks[0] = s.readAll());
        assertEquals(1, ticks[0].size(), log);
        assertEquals(1, s.malformedCount(), log);
        String at = f.getFileName() + ":" + lastLine + ":";
        assertTrue(lines(log, at) == 1 && log.contains("truncated"), at + " truncated in " + log);
    }

    @Test
    @DisplayName("a complete last line without a newline is a tick, not a truncation")
    void completeLastLineWithoutNewline() {
        Path f = write("EURUSD_nonl.csv", MT5_HEADER + "2024.01.02\t00:00:00.000\t1.1\t1.2\t\t\t6");
        CsvTickSource s = CsvTickSource.builder().file(f).build();
        assertEquals(1, s.readAll().size());
        assertEquals(0, s.malformedCount());
    }

    @Test
    @DisplayName("a malformed line in the middle does not stop the file; a cut line there is malformed, not truncated")
    void middleLinesKeepGoing() {
        Path f = write("mid.csv", "time,symbol,bid,ask\n2024-01-02T00:00:00Z,EURUSD,1.1,1.2\n"
                + "2024-01-02T00:00:01Z,EURUSD,1.1\n"
                + "2024-01-02T00:00:02Z,EURUSD,1.1,1.2\r\n"
                + "2024-01-02T00:00:03Z,EURUSD,1.1,1.2\n");
        CsvTickSource s = CsvTickSource.builder().file(f).build();
        List<?>[] ticks = new List<?>[1];
        String log = logOf(() -> ticks[0] = s.readAll());
        assertEquals(3, ticks[0].size(), log);
        assertEquals(1, s.malformedCount());
        assertTrue(log.contains("mid.csv:3:") && !log.contains("truncated"), log);
    }
}

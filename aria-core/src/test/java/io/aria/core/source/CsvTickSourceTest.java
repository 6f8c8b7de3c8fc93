package io.aria.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Tick;
import io.aria.core.spi.TickListener;
import io.aria.core.spi.TickSource;
import io.aria.core.testkit.TickSourceContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CsvTickSource")
class CsvTickSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MT5_HEADER = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n";

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** Three files, one per layout, a few hundred ticks each. */
    private Path[] sampleFiles() {
        StringBuilder mt5 = new StringBuilder(MT5_HEADER);
        StringBuilder hist = new StringBuilder();
        StringBuilder plain = new StringBuilder("time,symbol,bid,ask,volume\n");
        Instant t0 = Instant.parse("2024-01-02T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            Instant t = t0.plusMillis(i * 250L);
            java.time.LocalDateTime l = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
            mt5.append(String.format("%04d.%02d.%02d\t%02d:%02d:%02d.%03d\t%.5f\t%.5f\t\t\t6%n", l.getYear(),
                    l.getMonthValue(), l.getDayOfMonth(), l.getHour(), l.getMinute(), l.getSecond(),
                    l.getNano() / 1_000_000, 1.1 + i * 1e-5, 1.10012 + i * 1e-5));
            java.time.LocalDateTime e = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.ofHours(-5));
            hist.append(String.format("%04d%02d%02d %02d%02d%02d%03d,%.6f,%.6f,0%n", e.getYear(), e.getMonthValue(),
                    e.getDayOfMonth(), e.getHour(), e.getMinute(), e.getSecond(), e.getNano() / 1_000_000,
                    1.27 + i * 1e-5, 1.27015 + i * 1e-5));
            plain.append(t).append(',').append(i % 2 == 0 ? "XAUUSD" : "BTCUSD").append(',')
                    .append(i % 2 == 0 ? "2650.10,2650.40" : "90000.00,90015.00").append(",1\n");
        }
        return new Path[] {write("EURUSD_202401.csv", mt5.toString()),
            write("DAT_ASCII_GBPUSD_T_202401.csv", hist.toString()), write("mixed.csv", plain.toString())};
    }

    @Nested
    @DisplayName("as a TickSource replaying three layouts merged")
    class Contract extends TickSourceContract {
        @Override
        protected TickSource createSource() {
            return TickSource.replay(sampleFiles());
        }
    }

    @Nested
    @DisplayName("as a paced TickSource")
    class PacedContract extends TickSourceContract {
        @Override
        protected TickSource createSource() {
            return CsvTickSource.builder().files(sampleFiles()).speed(500).maxPause(Duration.ofMillis(5)).build();
        }
    }

    @Nested
    @DisplayName("MetaTrader 5 export")
    class Mt5 {
        @Test
        @DisplayName("carries the last bid and ask forward over empty fields")
        void carriesForward() {
            Path f = write("EURUSD.m_ticks.csv", MT5_HEADER
                    + "2024.01.02\t00:05:00.123\t1.10410\t1.10420\t\t\t6\n"
                    + "2024.01.02\t00:05:00.456\t1.10411\t\t\t\t2\n"
                    + "2024.01.02\t00:05:01.000\t\t1.10425\t\t\t4\n"
                    + "2024.01.02\t00:05:02.5\t\t\t1.10415\t3\t24\n");
            List<Tick> ticks = CsvTickSource.readAll(f);
            assertEquals(List.of(
                    new Tick("EURUSD", utc("2024-01-02T00:05:00.123Z"), 1.10410, 1.10420, 0),
                    new Tick("EURUSD", utc("2024-01-02T00:05:00.456Z"), 1.10411, 1.10420, 0),
                    new Tick("EURUSD", utc("2024-01-02T00:05:01Z"), 1.10411, 1.10425, 0),
                    new Tick("EURUSD", utc("2024-01-02T00:05:02.500Z"), 1.10411, 1.10425, 3)), ticks);
        }

        @Test
        @DisplayName("skips lines until both bid and ask are known")
        void waitsForAFullQuote() {
            Path f = write("USDJPY_ticks.csv", MT5_HEADER
                    + "2024.01.02\t00:00:00.000\t150.100\t\t\t\t2\n"
                    + "2024.01.02\t00:00:01.000\t\t150.114\t\t\t4\n");
            List<Tick> ticks = CsvTickSource.readAll(f);
            assertEquals(List.of(new Tick("USDJPY", utc("2024-01-02T00:00:01Z"), 150.100, 150.114, 0)), ticks);
        }

        @Test
        @DisplayName("converts the broker's server time to UTC")
        void serverZone() {
            Path f = write("EURUSD.csv", MT5_HEADER + "2024.07.02\t03:00:00.000\t1.1\t1.2\t\t\t6\n");
            List<Tick> ticks = CsvTickSource.builder().file(f).serverZone(ZoneId.of("Europe/Athens")).build().readAll();
            assertEquals(utc("2024-07-02T00:00:00Z"), ticks.get(0).epochMillis());
        }

        @Test
        @DisplayName("reads UTF-16 exports with a byte-order mark")
        void utf16() throws IOException {
            Path f = dir.resolve("GBPUSD.csv");
            String text = MT5_HEADER + "2024.01.02\t00:00:00.000\t1.27\t1.2702\t\t\t6\n";
            byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
            byte[] all = new byte[body.length + 2];
            all[0] = (byte) 0xFF;
            all[1] = (byte) 0xFE;
            System.arraycopy(body, 0, all, 2, body.length);
            Files.write(f, all);
            assertEquals(List.of(new Tick("GBPUSD", utc("2024-01-02T00:00:00Z"), 1.27, 1.2702, 0)),
                    CsvTickSource.readAll(f));
        }

        @Test
        void symbolGivenByTheCaller() {
            Path f = write("export.tsv", MT5_HEADER + "2024.01.02\t00:00:00.000\t2650.1\t2650.4\t\t\t6\n");
            CsvTickSource s = CsvTickSource.builder().file(f, "XAUUSD.pro").build();
            assertEquals(List.of("XAUUSD"), s.symbols());
            assertEquals("XAUUSD", s.readAll().get(0).symbol());
        }
    }

    @Nested
    @DisplayName("HistData ASCII ticks")
    class HistData {
        @Test
        @DisplayName("reads EST without daylight saving (UTC-5 all year)")
        void estFixed() {
            Path f = write("DAT_ASCII_EURUSD_T_201207.csv",
                    "20120201 000003660,1.306600,1.306770,0\n20120701 120000000,1.25,1.2502,0\n");
            List<Tick> ticks = CsvTickSource.readAll(f);
            assertEquals(List.of(
                    new Tick("EURUSD", utc("2012-02-01T05:00:03.660Z"), 1.3066, 1.30677, 0),
                    new Tick("EURUSD", utc("2012-07-01T17:00:00Z"), 1.25, 1.2502, 0)), ticks);
        }
    }

    @Nested
    @DisplayName("plain time,symbol,bid,ask CSV")
    class Plain {
        @Test
        void readsSymbolsAndOptionalVolume() {
            Path f = write("ticks.csv", "time,symbol,bid,ask\n"
                    + "2024-01-02T00:00:00Z,EURUSD,1.1,1.1001\n"
                    + "2024-01-02T00:00:00.5Z,#US30,43000.0,43002.0\n");
            CsvTickSource s = CsvTickSource.builder().file(f).build();
            assertEquals(List.of("EURUSD", "US30"), s.symbols());
            assertEquals(List.of(new Tick("EURUSD", utc("2024-01-02T00:00:00Z"), 1.1, 1.1001, 0),
                    new Tick("US30", utc("2024-01-02T00:00:00.500Z"), 43000.0, 43002.0, 0)), s.readAll());
        }

        @Test
        @DisplayName("reads ISO-8601 times with any fraction, and explicit offsets")
        void isoTimes() {
            Path f = write("ticks.csv", "time,symbol,bid,ask\n"
                    + "2024-01-02T00:00:00Z,EURUSD,1.1,1.2\n"
                    + "2024-01-02T00:00:00.1Z,EURUSD,1.1,1.2\n"
                    + "2024-01-02T00:00:00.123456789Z,EURUSD,1.1,1.2\n"
                    + "2024-01-02T02:00:01+02:00,EURUSD,1.1,1.2\n"
                    + "2024-13-02T00:00:02Z,EURUSD,1.1,1.2\n"
                    + "2024-01-02T00:00:0xZ,EURUSD,1.1,1.2\n");
            CsvTickSource s = CsvTickSource.builder().file(f).build();
            assertEquals(List.of(utc("2024-01-02T00:00:00Z"), utc("2024-01-02T00:00:00.100Z"),
                    utc("2024-01-02T00:00:00.123Z"), utc("2024-01-02T00:00:01Z")),
                    s.readAll().stream().map(Tick::epochMillis).toList());
            assertEquals(2, s.malformedCount());
        }

        @Test
        void symbolFilter() {
            Path f = write("ticks.csv", "time,symbol,bid,ask,volume\n"
                    + "2024-01-02T00:00:00Z,EURUSD,1.1,1.1001,2\n"
                    + "2024-01-02T00:00:01Z,GBPUSD,1.2,1.2001,3\n");
            CsvTickSource s = CsvTickSource.builder().file(f).symbols(List.of("GBPUSD")).build();
            assertEquals(List.of("GBPUSD"), s.symbols());
            assertEquals(List.of(new Tick("GBPUSD", utc("2024-01-02T00:00:01Z"), 1.2, 1.2001, 3)), s.readAll());
            assertEquals(0, s.malformedCount());
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {
        @Test
        @DisplayName("malformed lines are counted and skipped; the replay goes on")
        void malformedLinesSkipped() {
            Path f = write("ticks.csv", "time,symbol,bid,ask\n"
                    + "2024-01-02T00:00:00Z,EURUSD,1.1,1.1001\n"
                    + "yesterday,EURUSD,1.1,1.1001\n"
                    + "2024-01-02T00:00:01Z,EURUSD,abc,1.1001\n"
                    + "2024-01-02T00:00:02Z,NOSUCH,1.1,1.1001\n"
                    + "2024-01-02T00:00:03Z,EURUSD\n"
                    + "2024-01-02T00:00:04Z,EURUSD,-1,1.1001\n"
                    + "2024-01-01T23:00:00Z,EURUSD,1.1,1.1001\n"
                    + "2024-01-02T00:00:05Z,EURUSD,1.1002,1.1003\n");
            CsvTickSource s = CsvTickSource.builder().file(f).build();
            List<Tick> ticks = s.readAll();
            assertEquals(6, s.malformedCount());
            assertEquals(2, ticks.size());
            assertEquals(1.1002, ticks.get(1).bid());
        }

        @Test
        void malformedMt5AndHistDataLines() {
            Path mt5 = write("EURUSD_1.csv", MT5_HEADER
                    + "2024.13.02\t00:00:00.000\t1.1\t1.2\t\t\t6\n"
                    + "2024.01.02\t25:00:00.000\t1.1\t1.2\t\t\t6\n"
                    + "2024.01.02\t00:00:00.000\t1.1\t1.2\t\t\tx\n"
                    + "2024.01.02\n"
                    + "2024.01.02\t00:00:01.000\t1.1\t1.2\t\t\t6\n");
            Path hist = write("DAT_ASCII_GBPUSD_T_1.csv", "20120201 000003660,1.3,1.31,0\n"
                    + "2012020 000003660,1.3,1.31,0\n20120201 000004000,1.3\n");
            CsvTickSource s = CsvTickSource.builder().files(mt5, hist).build();
            assertEquals(2, s.readAll().size());
            assertEquals(6, s.malformedCount());
        }

        @Test
        void missingFile_isAClearError() {
            Path missing = dir.resolve("EURUSD_missing.csv");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TickSource.replay(missing));
            assertTrue(e.getMessage().contains("EURUSD_missing.csv"), e.getMessage());
        }

        @Test
        void unknownFormat_namesFileAndLine() {
            Path f = write("EURUSD_x.csv", "hello world\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTickSource.readAll(f));
            assertTrue(e.getMessage().contains("EURUSD_x.csv") && e.getMessage().contains("hello world"), e.getMessage());
        }

        @Test
        void noSymbolInFileName_isAClearError() {
            Path f = write("export.csv", MT5_HEADER);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTickSource.readAll(f));
            assertTrue(e.getMessage().contains("export.csv"), e.getMessage());
        }

        @Test
        void forcedFormatThatDoesNotFit_countsMalformed() {
            Path f = write("EURUSD.csv", "20120201 000003660,1.306600,1.306770,0\n");
            CsvTickSource s = CsvTickSource.builder().file(f).format(CsvTickSource.Format.MT5).build();
            assertEquals(List.of(), s.readAll());
            assertEquals(1, s.malformedCount());
        }
    }

    @Nested
    @DisplayName("several files")
    class Merge {
        @Test
        @DisplayName("are merged in time order")
        void mergedInTimeOrder() {
            Path[] files = sampleFiles();
            List<Tick> all = CsvTickSource.builder().files(files).build().readAll();
            assertEquals(900, all.size());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i).epochMillis() >= all.get(i - 1).epochMillis(), "out of order at " + i);
            }
            assertEquals(List.of("EURUSD", "GBPUSD", "XAUUSD", "BTCUSD"), TickSource.replay(files).symbols());
        }

        @Test
        @DisplayName("start delivers what readAll reads, then onEnd; a long gap is capped when paced")
        void pacedReplayCapsGaps() throws Exception {
            Path f = write("ticks.csv", "time,symbol,bid,ask\n"
                    + "2024-01-02T00:00:00Z,EURUSD,1.1,1.1001\n"
                    + "2024-01-09T00:00:00Z,EURUSD,1.1,1.1001\n");
            CsvTickSource s = CsvTickSource.builder().file(f).speed(1).maxPause(Duration.ofMillis(10)).build();
            List<Tick> got = new ArrayList<>();
            CompletableFuture<Void> end = new CompletableFuture<>();
            s.start(new TickListener() {
                @Override
                public void onTick(Tick tick) {
                    got.add(tick);
                }

                @Override
                public void onEnd(TickSource source) {
                    end.complete(null);
                }
            });
            // a week-long gap at speed 1 would never end; the cap makes it a 10 ms pause
            end.get(10, TimeUnit.SECONDS);
            assertEquals(s.readAll(), got);
            s.close();
        }
    }
}

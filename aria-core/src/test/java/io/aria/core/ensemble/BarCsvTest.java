package io.aria.core.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.AssetCatalog;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("history bars from CSV")
class BarCsvTest {

    @Test
    void readsIsoAndEpochTimes_skipsTheHeaderCommentsAndBlankLines() {
        String csv = """
                symbol,start,open,high,low,close,volume
                # EURUSD history
                EURUSD,2024-01-02T10:15:00Z,1.1,1.2,1.0,1.15,100

                EURUSD,1704190560000,1.15,1.16,1.14,1.16,50
                """;
        BarCsv.Result r = BarCsv.read(new StringReader(csv), Duration.ofMinutes(1), "test");
        assertEquals(2, r.bars().size());
        assertTrue(r.errors().isEmpty());
        Bar first = r.bars().get(0);
        assertEquals(Instant.parse("2024-01-02T10:15:00Z").toEpochMilli(), first.startMillis());
        assertEquals(first.startMillis() + 60_000, first.endMillis());
        assertEquals(1.15, first.close(), 0);
        assertEquals(Instant.parse("2024-01-02T10:16:00Z").toEpochMilli(), r.bars().get(1).startMillis());
    }

    @Test
    void aMalformedLine_isSkippedWithTheLineFieldAndValue_andTheRestIsRead() {
        String csv = """
                EURUSD,2024-01-02T10:15:00Z,1.1,1.2,1.0,1.15,100
                EURUSD,yesterday,1.1,1.2,1.0,1.15,100
                EURUSD,2024-01-02T10:17:00Z,1.1,abc,1.0,1.15,100
                EURUSD,2024-01-02T10:18:00Z,1.1,1.0,1.0,1.15,100
                EURUSD,2024-01-02T10:19:00Z,1.1
                EURUSD,2024-01-02T10:20:00Z,1.1,1.2,1.0,1.15,100
                """;
        BarCsv.Result r = BarCsv.read(new StringReader(csv), Duration.ofMinutes(1), "bars.csv");
        assertEquals(2, r.bars().size());
        assertEquals(4, r.errors().size());
        assertEquals("bars.csv line 2: start must be an ISO-8601 instant or epoch milliseconds, was 'yesterday'",
                r.errors().get(0));
        assertEquals("bars.csv line 3: high must be a number, was 'abc'", r.errors().get(1));
        assertTrue(r.errors().get(2).startsWith("bars.csv line 4: high must be >= open"), r.errors().get(2));
        assertTrue(r.errors().get(3).startsWith("bars.csv line 5: expected 7 fields"), r.errors().get(3));
    }

    @Test
    void aFileOfBars_warmsTheEnsemble(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("symbol,start,open,high,low,close,volume\n");
        double p = 1.1;
        for (int i = 0; i < 60; i++) {
            double c = p + 0.0001;
            csv.append("EURUSD,").append(TestBars.T0 + i * 60_000L).append(',').append(p).append(',')
                    .append(c + 0.0001).append(',').append(p - 0.0001).append(',').append(c).append(",10\n");
            p = c;
        }
        Path file = dir.resolve("bars.csv");
        Files.writeString(file, csv);
        WeightedEnsemble e = WeightedEnsemble.withDefaults(AssetCatalog.defaults());
        assertEquals(60, e.warmUp(BarCsv.read(file, Duration.ofMinutes(1)).bars()));
        assertTrue(e.isWarm("EURUSD"));
    }
}

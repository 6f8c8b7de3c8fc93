package io.aria.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aria.core.Tick;
import io.aria.core.source.CsvTickSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-in sample tick files are what {@link SampleTicks} writes, and read as MT5 exports. */
class SampleTicksTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("samples/mt5 is exactly what SampleTicks writes: regenerated, the bytes are the same")
    void checkedInSamplesAreReproducible() throws Exception {
        List<Path> fresh = SampleTicks.write(dir);
        long total = 0;
        for (Path f : fresh) {
            Path checkedIn = BacktestCommandTest.SAMPLES.resolve(f.getFileName());
            assertArrayEquals(Files.readAllBytes(checkedIn), Files.readAllBytes(f), checkedIn + " differs from a fresh run");
            total += Files.size(checkedIn);
        }
        assertTrue(total < 2_000_000, "the samples stay small: " + total + " bytes");
    }

    @Test
    @DisplayName("each sample reads as an MT5 export of its symbol, over three days, with no malformed line")
    void samplesReadAsMt5Exports() {
        for (String s : SampleTicks.SYMBOLS) {
            Path f = BacktestCommandTest.SAMPLES.resolve(s + "_ticks.csv");
            CsvTickSource source = CsvTickSource.builder().file(f).format(CsvTickSource.Format.MT5).build();
            List<Tick> ticks = source.readAll();
            assertEquals(0, source.malformedCount(), f.toString());
            assertEquals(List.of(s), source.symbols());
            assertTrue(ticks.size() > 5_000, f + ": " + ticks.size());
            long span = ticks.get(ticks.size() - 1).epochMillis() - ticks.get(0).epochMillis();
            assertTrue(span > 2.9 * 86_400_000L, f + " spans " + span + " ms");
        }
    }
}

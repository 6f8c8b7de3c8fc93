import io.aria.core.Tick;
import io.aria.core.source.CsvTickSource;
import io.aria.core.source.SyntheticTickSource;
import java.nio.file.*;
import java.time.Instant;
import java.util.List;

public class SourcesPerf {
    static volatile long sink;

    public static void main(String[] a) throws Exception {
        int n = 5_000_000;
        String[] syms = io.aria.core.AssetCatalog.defaults().symbols().toArray(new String[0]);
        for (int round = 0; round < 3; round++) {
            // baseline: allocate a Tick per iteration with cheap values (the floor of any tick source)
            long t0 = System.nanoTime();
            long s = 0;
            for (int i = 0; i < n; i++) {
                Tick t = new Tick(syms[i % 21], i, 1.0 + (i & 7) * 1e-5, 1.0001 + (i & 7) * 1e-5, 1);
                s += t.epochMillis();
            }
            long base = System.nanoTime() - t0;
            sink += s;
            SyntheticTickSource open = SyntheticTickSource.builder().seed(round).openHoursOnly(false).build();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s += open.next().epochMillis();
            }
            long synth = System.nanoTime() - t0;
            SyntheticTickSource hours = SyntheticTickSource.builder().seed(round).build();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s += hours.next().epochMillis();
            }
            long synthHours = System.nanoTime() - t0;
            sink += s;
            System.out.printf("round %d: baseline new Tick %.1f M/s | synthetic (24/7) %.2f M ticks/s | synthetic (trading hours) %.2f M ticks/s%n",
                    round, n / (base / 1e3), n / (synth / 1e3), n / (synthHours / 1e3));
        }
        // CSV parsing: 1,000,000 ticks per layout written from the synthetic source
        Path dir = Files.createTempDirectory("srcperf");
        List<Tick> ticks = SyntheticTickSource.builder().symbols("EURUSD").seed(1).openHoursOnly(false).build().generate(1_000_000);
        StringBuilder plain = new StringBuilder("time,symbol,bid,ask,volume\n");
        StringBuilder mt5 = new StringBuilder("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n");
        java.time.format.DateTimeFormatter d = java.time.format.DateTimeFormatter.ofPattern("yyyy.MM.dd\tHH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
        for (Tick t : ticks) {
            plain.append(Instant.ofEpochMilli(t.epochMillis())).append(",EURUSD,").append(t.bid()).append(',').append(t.ask()).append(",1\n");
            mt5.append(d.format(Instant.ofEpochMilli(t.epochMillis()))).append('\t').append(t.bid()).append('\t').append(t.ask()).append("\t\t\t6\n");
        }
        Path p = Files.writeString(dir.resolve("ticks.csv"), plain);
        Path m = Files.writeString(dir.resolve("EURUSD_mt5.csv"), mt5);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int c1 = CsvTickSource.readAll(p).size();
            long plainNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            int c2 = CsvTickSource.readAll(m).size();
            long mt5Ns = System.nanoTime() - t0;
            System.out.printf("round %d: plain CSV %.2f M ticks/s (%d) | MT5 export %.2f M ticks/s (%d)%n",
                    round, c1 / (plainNs / 1e3), c1, c2 / (mt5Ns / 1e3), c2);
        }
    }
}

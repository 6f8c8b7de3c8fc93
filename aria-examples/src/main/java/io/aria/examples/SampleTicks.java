package io.aria.examples;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.source.SyntheticTickSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes the checked-in sample tick files ({@code samples/mt5/}): three days (Tuesday 2 to Thursday
 * 4 January 2024, UTC) of EURUSD, XAUUSD and BTCUSD in MetaTrader 5's "Export ticks" layout, tab
 * separated, {@code <DATE> <TIME> <BID> <ASK> <LAST> <VOLUME> <FLAGS>}, with a field left empty
 * when it did not change and FLAGS saying which did (2 bid, 4 ask), as MT5 writes them.
 *
 * <p>The prices are the synthetic source's correlated random walks (seed {@value #SEED}); the tick
 * times are spread over each 20-second step and about a third of the steps are left out, so the
 * files look like a real export rather than a clock. Deterministic: the same bytes every time
 * ({@code SampleTicksTest} checks the checked-in files against a fresh run).
 *
 * <p>Run: {@code java -cp aria-examples/target/aria-examples.jar io.aria.examples.SampleTicks samples/mt5}
 */
public final class SampleTicks {

    /** The seed of the prices and the times. */
    static final long SEED = 2024;
    /** The symbols written, one file each. */
    static final List<String> SYMBOLS = List.of("EURUSD", "XAUUSD", "BTCUSD");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Duration STEP = Duration.ofSeconds(20);

    private SampleTicks() {
    }

    /**
     * @param args the folder to write into (default {@code samples/mt5})
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        for (Path p : write(Path.of(args.length > 0 ? args[0] : "samples/mt5"))) {
            System.out.println("wrote " + p + " (" + Files.size(p) + " bytes)");
        }
    }

    /**
     * @param folder where to write, created when missing
     * @return the files written, {@code SYMBOL_ticks.csv} each
     * @throws IOException when a file cannot be written
     */
    static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        AssetCatalog catalog = AssetCatalog.defaults();
        SyntheticTickSource source = SyntheticTickSource.builder().catalog(catalog).symbols(SYMBOLS).seed(SEED)
                .startTime(Instant.parse("2024-01-02T00:00:00Z")).tickInterval(STEP).duration(Duration.ofDays(3))
                .fullSpeed().build();
        Random times = new Random(SEED); // java.util.Random's sequence is fixed by its specification
        Map<String, BufferedWriter> out = new HashMap<>();
        Map<String, String[]> last = new HashMap<>();
        List<Path> files = new ArrayList<>();
        try {
            for (String s : SYMBOLS) {
                Path p = folder.resolve(s + "_ticks.csv");
                files.add(p);
                BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
                w.write("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n");
                out.put(s, w);
            }
            Tick t;
            while ((t = source.next()) != null) {
                int jitter = times.nextInt((int) STEP.toMillis());
                boolean skip = times.nextInt(3) == 0;
                if (skip) {
                    continue;
                }
                int digits = catalog.spec(t.symbol()).digits();
                String bid = String.format(Locale.ROOT, "%." + digits + "f", t.bid());
                String ask = String.format(Locale.ROOT, "%." + digits + "f", t.ask());
                String[] prev = last.get(t.symbol());
                boolean bidChanged = prev == null || !prev[0].equals(bid);
                boolean askChanged = prev == null || !prev[1].equals(ask);
                if (!bidChanged && !askChanged) {
                    continue; // MT5 exports a tick only when something changed
                }
                last.put(t.symbol(), new String[] {bid, ask});
                Instant at = Instant.ofEpochMilli(t.epochMillis() + jitter);
                out.get(t.symbol()).write(DATE.format(at) + "\t" + TIME.format(at) + "\t" + (bidChanged ? bid : "")
                        + "\t" + (askChanged ? ask : "") + "\t\t\t" + ((bidChanged ? 2 : 0) | (askChanged ? 4 : 0)) + "\n");
            }
        } finally {
            for (BufferedWriter w : out.values()) {
                w.close();
            }
        }
        return files;
    }
}

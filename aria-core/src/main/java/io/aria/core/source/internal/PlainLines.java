package io.aria.core.source.internal;

import static io.aria.core.source.internal.TickText.isoTime;
import static io.aria.core.source.internal.TickText.price;
import static io.aria.core.source.internal.TickText.truncate;
import static io.aria.core.source.internal.TickText.volume;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.source.internal.TickText.Malformed;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code time,symbol,bid,ask[,volume]}: columns from the header, ISO-8601 UTC times, a catalog
 * symbol on each line (lines of unwanted symbols deliver nothing).
 */
final class PlainLines implements TickLineFormat {

    private final AssetCatalog catalog;
    private final Predicate<String> wanted;
    /** Names of the symbol column already resolved (absent names are not catalog symbols). */
    private final Map<String, Optional<String>> resolved = new HashMap<>();
    private final int cTime;
    private final int cSymbol;
    private final int cBid;
    private final int cAsk;
    private final int cVolume;
    private final int columns;
    private final int headerFields;

    /**
     * @param first the header line
     * @throws IllegalArgumentException when a required column is missing
     */
    PlainLines(String first, Path file, AssetCatalog catalog, Predicate<String> wanted) {
        this.catalog = catalog;
        this.wanted = wanted;
        String[] h = first.split(",", -1);
        int cT = -1;
        int cS = -1;
        int cB = -1;
        int cA = -1;
        int cV = -1;
        for (int i = 0; i < h.length; i++) {
            switch (h[i].strip().toLowerCase(Locale.ROOT)) {
                case "time":
                case "timestamp":
                    cT = i;
                    break;
                case "symbol": cS = i; break;
                case "bid": cB = i; break;
                case "ask": cA = i; break;
                case "volume": cV = i; break;
                default: break;
            }
        }
        if (cT < 0 || cS < 0 || cB < 0 || cA < 0) {
            throw new IllegalArgumentException(file + ": tick CSV header must name time, symbol, bid and ask, was '"
                    + truncate(first) + "'");
        }
        cTime = cT;
        cSymbol = cS;
        cBid = cB;
        cAsk = cA;
        cVolume = cV;
        columns = Math.max(Math.max(cT, cS), Math.max(cB, cA)) + 1;
        headerFields = h.length;
    }

    /** @return the header's column count */
    int headerFields() {
        return headerFields;
    }

    @Override
    public char separator() {
        return ',';
    }

    @Override
    public Tick parse(String line, String symbol) {
        String[] f = line.split(",", -1);
        if (f.length < columns) {
            throw new Malformed("expected at least " + columns + " comma-separated fields, found " + f.length);
        }
        String name = f[cSymbol].strip();
        Optional<String> sym = resolveCached(name);
        if (sym.isEmpty()) {
            throw new Malformed("symbol '" + name + "' is not in the catalog");
        }
        if (!wanted.test(sym.get())) {
            return null;
        }
        long time = isoTime(f[cTime].strip());
        double bid = price(f[cBid].strip(), "bid");
        double ask = price(f[cAsk].strip(), "ask");
        double volume = volume(f, cVolume);
        return new Tick(sym.get(), time, bid, ask, volume);
    }

    /** @return the wanted catalog symbol a line names, if any (the rest of the line unchecked) */
    Optional<String> wantedSymbol(String line) {
        String[] f = line.split(",", -1);
        if (f.length > cSymbol) {
            return resolveCached(f[cSymbol].strip()).filter(wanted);
        }
        return Optional.empty();
    }

    private Optional<String> resolveCached(String name) {
        Optional<String> sym = resolved.get(name);
        if (sym == null) {
            sym = catalog.resolve(name);
            if (resolved.size() < 10_000) {
                resolved.put(name, sym);
            }
        }
        return sym;
    }
}

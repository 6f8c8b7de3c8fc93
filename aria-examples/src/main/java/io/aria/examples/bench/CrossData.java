package io.aria.examples.bench;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.source.SyntheticTickSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The market data of the {@code strategy} part, held in primitive arrays so that neither side's
 * timed run pays for generating it: the ticks in time order (what ARIA's backtest replays) and,
 * per symbol, the one-minute bars they make (what ta4j's {@code BarSeries} holds). Each bar is the
 * open, high, low and close of the tick mids of one UTC minute, computed exactly as ARIA's
 * {@link io.aria.core.ensemble.TimeBarBuilder} does (mid = (bid + ask) &times; 0.5), so both sides
 * see the same closes to the last bit.
 */
final class CrossData {

    static final long MINUTE = 60_000;

    final List<String> symbols;
    /** Per tick: index into {@link #symbols}, time, bid, ask, volume. */
    final byte[] tickSymbol;
    final long[] tickMillis;
    final double[] bid;
    final double[] ask;
    final double[] volume;
    final int ticks;
    /** Per symbol: bar start times and prices, in time order. */
    final long[][] barStart;
    final double[][] open;
    final double[][] high;
    final double[][] low;
    final double[][] close;
    final double[][] barVolume;

    /**
     * @param symbols    the symbols, at most 127
     * @param tickSymbol per tick, its symbol's index
     * @param tickMillis per tick, its time (non-decreasing per symbol)
     * @param bid        per tick, bid
     * @param ask        per tick, ask
     * @param volume     per tick, volume
     * @param ticks      number of ticks used from the arrays
     */
    CrossData(List<String> symbols, byte[] tickSymbol, long[] tickMillis, double[] bid, double[] ask, double[] volume,
            int ticks) {
        this.symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        if (symbols.isEmpty() || symbols.size() > 127) {
            throw new IllegalArgumentException("symbols must hold 1 to 127 names, held " + symbols.size());
        }
        this.tickSymbol = tickSymbol;
        this.tickMillis = tickMillis;
        this.bid = bid;
        this.ask = ask;
        this.volume = volume;
        this.ticks = ticks;
        int n = symbols.size();
        int[] bars = new int[n];
        long[] last = new long[n];
        Arrays.fill(last, Long.MIN_VALUE);
        for (int k = 0; k < ticks; k++) {
            int s = tickSymbol[k];
            long start = Math.floorDiv(tickMillis[k], MINUTE) * MINUTE;
            if (start != last[s]) {
                bars[s]++;
                last[s] = start;
            }
        }
        barStart = new long[n][];
        open = new double[n][];
        high = new double[n][];
        low = new double[n][];
        close = new double[n][];
        barVolume = new double[n][];
        for (int s = 0; s < n; s++) {
            barStart[s] = new long[bars[s]];
            open[s] = new double[bars[s]];
            high[s] = new double[bars[s]];
            low[s] = new double[bars[s]];
            close[s] = new double[bars[s]];
            barVolume[s] = new double[bars[s]];
        }
        int[] b = new int[n];
        Arrays.fill(b, -1);
        Arrays.fill(last, Long.MIN_VALUE);
        for (int k = 0; k < ticks; k++) {
            int s = tickSymbol[k];
            double mid = (bid[k] + ask[k]) * 0.5; // Tick.mid(), the price ARIA's bars are made of
            long start = Math.floorDiv(tickMillis[k], MINUTE) * MINUTE;
            if (start != last[s]) {
                int j = ++b[s];
                last[s] = start;
                barStart[s][j] = start;
                open[s][j] = mid;
                high[s][j] = mid;
                low[s][j] = mid;
                close[s][j] = mid;
                barVolume[s][j] = volume[k];
            } else {
                int j = b[s];
                high[s][j] = Math.max(high[s][j], mid);
                low[s][j] = Math.min(low[s][j], mid);
                close[s][j] = mid;
                barVolume[s][j] += volume[k];
            }
        }
    }

    /**
     * Seeded synthetic ticks of the default catalog ({@link SyntheticTickSource}: correlated
     * random walks with realistic spreads, each symbol ticking only while its market is open).
     *
     * @param symbols      how many of the catalog's symbols, from the first
     * @param days         how many days of data
     * @param ticksPerBar  ticks per minute bar (the source steps every 60 s / ticksPerBar)
     * @param seed         random seed
     * @return the data
     */
    static CrossData synthetic(int symbols, int days, int ticksPerBar, long seed) {
        if (ticksPerBar < 1 || 60 % ticksPerBar != 0) {
            throw new IllegalArgumentException("ticksPerBar must divide 60, was " + ticksPerBar);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, was " + days);
        }
        AssetCatalog catalog = AssetCatalog.defaults();
        List<String> names = catalog.symbols().subList(0, Math.min(symbols, catalog.size()));
        SyntheticTickSource src = SyntheticTickSource.builder().catalog(catalog).symbols(names).seed(seed)
                .startTime(Instant.parse("2025-01-06T00:00:00Z")).tickInterval(Duration.ofSeconds(60 / ticksPerBar))
                .duration(Duration.ofDays(days)).openHoursOnly(true).fullSpeed().build();
        int cap = 1 << 16;
        byte[] sym = new byte[cap];
        long[] millis = new long[cap];
        double[] bid = new double[cap];
        double[] ask = new double[cap];
        double[] vol = new double[cap];
        int n = 0;
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        Tick t;
        while ((t = src.next()) != null) {
            if (n == sym.length) {
                int c = sym.length * 2;
                sym = Arrays.copyOf(sym, c);
                millis = Arrays.copyOf(millis, c);
                bid = Arrays.copyOf(bid, c);
                ask = Arrays.copyOf(ask, c);
                vol = Arrays.copyOf(vol, c);
            }
            sym[n] = (byte) (int) index.get(t.symbol());
            millis[n] = t.epochMillis();
            bid[n] = t.bid();
            ask[n] = t.ask();
            vol[n] = t.volume();
            n++;
        }
        src.close();
        return new CrossData(names, sym, millis, bid, ask, vol, n);
    }

    /** @return the number of bars of all symbols */
    long bars() {
        long n = 0;
        for (long[] b : barStart) {
            n += b.length;
        }
        return n;
    }

    /**
     * @param symbol symbol index
     * @param millis a time
     * @return the index of the symbol's bar that holds that time, or -1 when none does
     */
    int barAt(int symbol, long millis) {
        long start = Math.floorDiv(millis, MINUTE) * MINUTE;
        int i = Arrays.binarySearch(barStart[symbol], start);
        return i >= 0 ? i : -1;
    }
}

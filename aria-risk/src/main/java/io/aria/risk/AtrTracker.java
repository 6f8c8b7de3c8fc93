package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import java.util.Arrays;
import java.util.Objects;

/**
 * Average true range per symbol, built from ticks: mid prices form bars of a fixed length (by tick
 * time), and Wilder's ATR runs over the bars' true ranges. Bars with no tick are skipped, not
 * counted as flat.
 *
 * <p>Threading: event-loop thread only (not safe for use from multiple threads). {@link #onTick}
 * does not allocate. State lives in primitive arrays indexed by {@link AssetCatalog#indexOf}.
 */
public final class AtrTracker implements Volatility {

    private final AssetCatalog catalog;
    private final long barMillis;
    private final int period;
    private final long[] bucket;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] prevClose;
    private final double[] atr;
    private final int[] bars;

    /**
     * @param catalog    the symbols tracked
     * @param barSeconds bar length in seconds, &gt;= 1
     * @param period     ATR length in bars, &gt;= 1
     */
    public AtrTracker(AssetCatalog catalog, int barSeconds, int period) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (barSeconds < 1) {
            throw new IllegalArgumentException("barSeconds must be >= 1, was " + barSeconds);
        }
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        this.barMillis = barSeconds * 1000L;
        this.period = period;
        int n = catalog.size();
        bucket = new long[n];
        Arrays.fill(bucket, Long.MIN_VALUE);
        high = new double[n];
        low = new double[n];
        close = new double[n];
        prevClose = new double[n];
        Arrays.fill(prevClose, Double.NaN);
        atr = new double[n];
        bars = new int[n];
    }

    /** @param tick a valid tick; ticks of symbols outside the catalog are ignored */
    public void onTick(Tick tick) {
        int i = catalog.indexOf(tick.symbol());
        if (i >= 0) {
            onPrice(i, tick.epochMillis(), tick.mid());
        }
    }

    /**
     * @param index       catalog index
     * @param epochMillis time of the price
     * @param price       a price, &gt; 0 (others are ignored)
     */
    public void onPrice(int index, long epochMillis, double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return;
        }
        long b = Math.floorDiv(epochMillis, barMillis);
        if (b != bucket[index]) {
            if (b < bucket[index]) {
                return; // time went backwards: ignore rather than corrupt the bar
            }
            if (bucket[index] != Long.MIN_VALUE) {
                closeBar(index);
            }
            bucket[index] = b;
            high[index] = price;
            low[index] = price;
            close[index] = price;
            return;
        }
        if (price > high[index]) {
            high[index] = price;
        }
        if (price < low[index]) {
            low[index] = price;
        }
        close[index] = price;
    }

    private void closeBar(int i) {
        double pc = prevClose[i];
        double tr = high[i] - low[i];
        if (!Double.isNaN(pc)) {
            tr = Math.max(tr, Math.max(Math.abs(high[i] - pc), Math.abs(low[i] - pc)));
        }
        int n = ++bars[i];
        if (n <= period) {
            atr[i] += (tr - atr[i]) / n; // running mean of the first bars
        } else {
            atr[i] = (atr[i] * (period - 1) + tr) / period;
        }
        prevClose[i] = close[i];
    }

    /**
     * @param index catalog index
     * @return the ATR in price units, NaN until {@code period} bars have closed
     */
    public double atr(int index) {
        return bars[index] >= period ? atr[index] : Double.NaN;
    }

    @Override
    public double atr(String symbol) {
        int i = catalog.indexOf(symbol);
        return i < 0 ? Double.NaN : atr(i);
    }

    /**
     * @param index catalog index
     * @return bars closed so far
     */
    public int bars(int index) {
        return bars[index];
    }
}

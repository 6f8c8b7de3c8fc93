package io.aria.risk;

import io.aria.core.AssetCatalog;
import io.aria.core.Tick;
import io.aria.core.ensemble.TimeBarBuilder;
import io.aria.core.indicators.AverageTrueRange;
import java.time.Duration;
import java.util.Objects;

/**
 * Average true range per symbol, built from ticks with core's own parts: mid prices form bars in a
 * {@link TimeBarBuilder} (aligned to UTC, closed by the first tick of a later bar, no bars for
 * stretches without ticks) and each closed bar updates an {@link AverageTrueRange} (Wilder's,
 * seeded with the first true range). So for the same ticks, bar length and period it gives exactly
 * the ATR the default ensemble's models compute ({@code momentum.atr} in a decision's indicators).
 *
 * <p>Fed by the sizer that holds it ({@link Volatility#onTick}, called from
 * {@link io.aria.core.spi.PositionSizer#onTick}); feed it once per tick.
 *
 * <p>Threading: event-loop thread only (not safe for use from multiple threads). {@link #onTick}
 * does not allocate. State lives in primitive arrays indexed by {@link AssetCatalog#indexOf}.
 */
public final class AtrTracker implements Volatility {

    private final AssetCatalog catalog;
    private final TimeBarBuilder bars;
    private final AverageTrueRange[] atr;

    /**
     * @param catalog    the symbols tracked
     * @param barSeconds bar length in seconds, &gt;= 1
     * @param period     ATR length in bars, &gt;= 1
     * @throws IllegalArgumentException when barSeconds or period is below 1
     */
    public AtrTracker(AssetCatalog catalog, int barSeconds, int period) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (barSeconds < 1) {
            throw new IllegalArgumentException("barSeconds must be >= 1, was " + barSeconds);
        }
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + period);
        }
        int n = catalog.size();
        this.bars = new TimeBarBuilder(n, Duration.ofSeconds(barSeconds));
        this.atr = new AverageTrueRange[n];
        for (int i = 0; i < n; i++) {
            atr[i] = new AverageTrueRange(period);
        }
    }

    /** @param tick a valid tick; ticks of symbols outside the catalog are ignored */
    @Override
    public void onTick(Tick tick) {
        int i = catalog.indexOf(tick.symbol());
        if (i >= 0) {
            onPrice(i, tick.epochMillis(), tick.mid());
        }
    }

    /**
     * @param index       catalog index
     * @param epochMillis time of the price; a price older than the open bar is ignored
     * @param price       a price, finite and &gt; 0 (others are ignored)
     */
    public void onPrice(int index, long epochMillis, double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return;
        }
        if (bars.onTick(index, epochMillis, price, 0)) {
            atr[index].update(bars.closedHigh(index), bars.closedLow(index), bars.closedClose(index));
        }
    }

    /**
     * @param index catalog index
     * @return the ATR in price units, NaN until {@code period} bars have closed
     */
    public double atr(int index) {
        AverageTrueRange a = atr[index];
        return a.isReady() ? a.value() : Double.NaN;
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
        return (int) atr[index].count();
    }

    /** @return the ATR length in bars */
    public int period() {
        return atr[0].period();
    }

    /** @return the bar length */
    public Duration barLength() {
        return Duration.ofMillis(bars.timeframeMillis());
    }
}

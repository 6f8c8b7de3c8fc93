package io.aria.core.ensemble;

import io.aria.core.Values;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds time bars from ticks for many symbols at once. Bars are aligned to UTC: a bar of
 * timeframe {@code tf} covers [k&middot;tf, (k+1)&middot;tf) in epoch milliseconds, so one-minute
 * bars start on the minute and daily bars at midnight UTC.
 *
 * <p>A bar closes when the first tick of a later bar arrives (there is no timer); a stretch
 * without ticks yields no empty bars. A tick older than the open bar (or older than a history
 * mark set by {@link #skipUntil}) is ignored and counted in {@link #staleTicks()}.
 *
 * <p>State lives in primitive arrays indexed by symbol; {@link #onTick} never allocates.
 * Not thread-safe: driven by the pipeline's event loop.
 */
public final class TimeBarBuilder {

    /** The default timeframe, one minute. */
    public static final Duration DEFAULT_TIMEFRAME = Duration.ofMinutes(1);

    private final long timeframe;
    private final long[] start;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int[] ticks;
    private final long[] notBefore;
    private final long[] closedStart;
    private final double[] closedOpen;
    private final double[] closedHigh;
    private final double[] closedLow;
    private final double[] closedClose;
    private final double[] closedVolume;
    private final int[] closedTicks;
    private long staleTicks;

    /**
     * @param symbols   number of symbols (indices 0 .. symbols - 1)
     * @param timeframe bar length, at least one millisecond
     * @throws IllegalArgumentException when symbols &lt; 1 or the timeframe is shorter than 1 ms
     */
    public TimeBarBuilder(int symbols, Duration timeframe) {
        Values.atLeast(symbols, 1, "symbols");
        Objects.requireNonNull(timeframe, "timeframe");
        if (timeframe.toMillis() < 1) {
            throw new IllegalArgumentException("timeframe must be at least 1 ms, was " + timeframe);
        }
        this.timeframe = timeframe.toMillis();
        start = new long[symbols];
        java.util.Arrays.fill(start, Long.MIN_VALUE);
        open = new double[symbols];
        high = new double[symbols];
        low = new double[symbols];
        close = new double[symbols];
        volume = new double[symbols];
        ticks = new int[symbols];
        notBefore = new long[symbols];
        java.util.Arrays.fill(notBefore, Long.MIN_VALUE);
        closedStart = new long[symbols];
        closedOpen = new double[symbols];
        closedHigh = new double[symbols];
        closedLow = new double[symbols];
        closedClose = new double[symbols];
        closedVolume = new double[symbols];
        closedTicks = new int[symbols];
    }

    /**
     * Adds a tick to its symbol's bar.
     *
     * @param symbol      symbol index
     * @param epochMillis tick time
     * @param price       price (usually the mid), finite and positive
     * @param tickVolume  tick volume, finite and &ge; 0
     * @return true when this tick closed the symbol's previous bar (it then opens the next one);
     *         the closed bar is described by the {@code closed...} accessors until the next close
     */
    public boolean onTick(int symbol, long epochMillis, double price, double tickVolume) {
        long current = start[symbol];
        // fast path without a division: the tick falls in the open bar
        if (epochMillis >= current && epochMillis < current + timeframe) {
            if (price > high[symbol]) {
                high[symbol] = price;
            }
            if (price < low[symbol]) {
                low[symbol] = price;
            }
            close[symbol] = price;
            volume[symbol] += tickVolume;
            ticks[symbol]++;
            return false;
        }
        long barStart = Math.floorDiv(epochMillis, timeframe) * timeframe;
        if (barStart < current || epochMillis < notBefore[symbol]) {
            staleTicks++;
            return false;
        }
        boolean closed = current != Long.MIN_VALUE;
        if (closed) {
            closedStart[symbol] = current;
            closedOpen[symbol] = open[symbol];
            closedHigh[symbol] = high[symbol];
            closedLow[symbol] = low[symbol];
            closedClose[symbol] = close[symbol];
            closedVolume[symbol] = volume[symbol];
            closedTicks[symbol] = ticks[symbol];
        }
        start[symbol] = barStart;
        open[symbol] = price;
        high[symbol] = price;
        low[symbol] = price;
        close[symbol] = price;
        volume[symbol] = tickVolume;
        ticks[symbol] = 1;
        return closed;
    }

    /**
     * Ignores the symbol's ticks before a time, for example the end of the history bars a model
     * was warmed up with, so no bar is counted twice.
     *
     * @param symbol      symbol index
     * @param epochMillis first time accepted
     */
    public void skipUntil(int symbol, long epochMillis) {
        notBefore[symbol] = Math.max(notBefore[symbol], epochMillis);
    }

    /**
     * @param symbol symbol index
     * @param name   the symbol's name for the bar
     * @return the bar most recently closed for the symbol (allocates)
     * @throws IllegalStateException when no bar has closed yet
     */
    public Bar closedBar(int symbol, String name) {
        if (closedTicks[symbol] == 0) {
            throw new IllegalStateException("no bar has closed yet for symbol index " + symbol);
        }
        return new Bar(name, closedStart[symbol], closedStart[symbol] + timeframe, closedOpen[symbol],
                closedHigh[symbol], closedLow[symbol], closedClose[symbol], closedVolume[symbol], closedTicks[symbol]);
    }

    /**
     * @param symbol symbol index
     * @return the high of the bar most recently closed for the symbol (no allocation; meaningless
     *         before the first close)
     */
    public double closedHigh(int symbol) {
        return closedHigh[symbol];
    }

    /**
     * @param symbol symbol index
     * @return the low of the bar most recently closed for the symbol (no allocation)
     */
    public double closedLow(int symbol) {
        return closedLow[symbol];
    }

    /**
     * @param symbol symbol index
     * @return the close of the bar most recently closed for the symbol (no allocation)
     */
    public double closedClose(int symbol) {
        return closedClose[symbol];
    }

    /**
     * @param symbol symbol index
     * @return true while a bar is open for the symbol
     */
    public boolean hasOpenBar(int symbol) {
        return start[symbol] != Long.MIN_VALUE;
    }

    /**
     * @param symbol symbol index
     * @return start of the open bar, epoch milliseconds ({@code Long.MIN_VALUE} when none is open)
     */
    public long openBarStart(int symbol) {
        return start[symbol];
    }

    /** @return the timeframe in milliseconds */
    public long timeframeMillis() {
        return timeframe;
    }

    /** @return number of ticks ignored because they were older than the open bar */
    public long staleTicks() {
        return staleTicks;
    }
}

package io.aria.core.indicators;

import io.aria.core.Values;

/**
 * Wilder's average true range: the true range of a bar is the largest of high &minus; low,
 * |high &minus; previous close| and |low &minus; previous close| (high &minus; low for the first
 * bar); the average smooths it with {@code 1 / period}, seeded with the first true range (ta4j's
 * convention). Ready after {@code period} bars. Not thread-safe.
 */
public final class AverageTrueRange {

    private final int period;
    private double previousClose = Double.NaN;
    private double trueRange = Double.NaN;
    private double value = Double.NaN;
    private long count;

    /**
     * @param period smoothing period in bars, &ge; 1
     * @throws IllegalArgumentException when period &lt; 1
     */
    public AverageTrueRange(int period) {
        this.period = Values.atLeast(period, 1, "period");
    }

    /**
     * @param high  bar high
     * @param low   bar low
     * @param close bar close
     * @return the updated average true range
     */
    public double update(double high, double low, double close) {
        double tr = high - low;
        if (count > 0) {
            tr = Math.max(tr, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
        }
        trueRange = tr;
        value = count == 0 ? tr : value + (tr - value) / period;
        previousClose = close;
        count++;
        return value;
    }

    /** @return the current average, NaN before the first bar */
    public double value() {
        return value;
    }

    /** @return the last bar's true range, NaN before the first bar */
    public double trueRange() {
        return trueRange;
    }

    /** @return true once {@code period} bars have been seen */
    public boolean isReady() {
        return count >= period;
    }

    /** @return number of bars seen */
    public long count() {
        return count;
    }

    /** @return the period */
    public int period() {
        return period;
    }

    /** Forgets everything seen. */
    public void reset() {
        previousClose = Double.NaN;
        trueRange = Double.NaN;
        value = Double.NaN;
        count = 0;
    }
}
